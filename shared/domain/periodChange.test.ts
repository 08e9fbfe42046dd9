import { describe, expect, it } from 'vitest';
import { periodChange, rankBy } from './periodChange';

describe('a figure against the period before', () => {
  it('says a count’s change by how many and by what share', () => {
    expect(periodChange(90, 80, 'count')).toEqual({ direction: 'up', delta: 10, share: 0.125 });
    expect(periodChange(60, 80, 'count')).toEqual({ direction: 'down', delta: -20, share: -0.25 });
    expect(periodChange(80, 80, 'count')).toEqual({ direction: 'same', delta: 0, share: 0 });
    // No share of nothing: from 0 to 5 is "up 5", not "up ∞ %".
    expect(periodChange(5, 0, 'count')).toEqual({ direction: 'up', delta: 5, share: null });
  });

  it('says a rate’s change in points, never as a share of a share', () => {
    const change = periodChange(0.92, 0.9, 'rate');
    expect(change.direction).toBe('up');
    expect(change.delta).toBeCloseTo(0.02, 10);
    expect(change.share).toBeNull();
    // Closer than a hundredth of a point is the same.
    expect(periodChange(0.90004, 0.9, 'rate').direction).toBe('same');
    expect(periodChange(null, 0.9, 'rate')).toEqual({
      direction: 'unknown',
      delta: null,
      share: null,
    });
    expect(periodChange(0.9, null, 'rate').direction).toBe('unknown');
  });
});

describe('a ranking', () => {
  const rows = [
    { name: 'A', rate: 0.8 },
    { name: 'B', rate: 0.95 },
    { name: 'C', rate: null },
    { name: 'D', rate: 0.8 },
    { name: 'E', rate: 0.6 },
  ];

  it('shares a rank between equals and skips the next, keeping their order', () => {
    const { ranked, unranked } = rankBy(rows, (r) => r.rate, 'higher');
    expect(ranked.map((r) => [r.row.name, r.rank])).toEqual([
      ['B', 1],
      ['A', 2],
      ['D', 2],
      ['E', 4],
    ]);
    // Nothing to judge: not ranked at all, rather than last.
    expect(unranked.map((r) => r.name)).toEqual(['C']);
  });

  it('ranks the lowest first where lower is better', () => {
    const { ranked } = rankBy(rows, (r) => r.rate, 'lower');
    expect(ranked.map((r) => [r.row.name, r.rank])).toEqual([
      ['E', 1],
      ['A', 2],
      ['D', 2],
      ['B', 4],
    ]);
  });
});
