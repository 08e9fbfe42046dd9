import { describe, expect, it } from 'vitest';
import type { HistoryAnswer, HistoryRow } from '../../shared/protocol/history';
import { boundsOf, worstStreet } from './sceneArea';

const row = (street: string, rate: number | null): HistoryRow =>
  ({ key: { street }, figures: { onTimeHandlingRate: rate } }) as unknown as HistoryRow;
const answer = (rows: HistoryRow[]) => ({ rows }) as unknown as HistoryAnswer;

describe('the worst street of a period', () => {
  it('is the lowest 按期处置率; a tie goes to the first listed; unknown rates never', () => {
    expect(
      worstStreet(answer([row('城东街道', 0.95), row('睦岗街道', 0.8), row('黄岗街道', 0.9)])),
    ).toBe('睦岗街道');
    expect(worstStreet(answer([row('甲', 0.8), row('乙', 0.8)]))).toBe('甲');
    expect(worstStreet(answer([row('甲', null), row('乙', 0.99)]))).toBe('乙');
    expect(worstStreet(answer([row('甲', null)]))).toBeUndefined();
  });
});

describe('bounds of points', () => {
  it('pads a single point to a street’s worth of map, and is none for nothing', () => {
    const [w, s, e, n] = boundsOf([[112.47, 23.05]]) ?? [];
    expect([w, s, e, n].map((v) => Math.round((v ?? 0) * 1e6))).toEqual([
      112_468_000, 23_048_000, 112_472_000, 23_052_000,
    ]);
    expect(boundsOf([])).toBeUndefined();
  });
});
