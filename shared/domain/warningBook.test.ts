import { describe, expect, it } from 'vitest';
import type { PayloadOf } from '../protocol/events';
import { validateEvent } from '../protocol/envelope';
import { CaseStore } from './caseStore';
import { WarningBook } from './warningBook';

const T = Date.UTC(2026, 6, 4, 1, 30);
const HOUR = 3_600_000;

function issued(id: string, over: Partial<PayloadOf<'warning.issued'>> = {}) {
  return {
    type: 'warning.issued' as const,
    payload: {
      warningId: id,
      at: T,
      sender: 'zqqxt@example.invalid',
      status: 'actual' as const,
      replaces: [],
      severity: 'moderate' as const,
      urgency: 'expected' as const,
      certainty: 'likely' as const,
      expires: T + 3 * HOUR,
      texts: [{ language: 'zh-CN', event: '暴雨黄色预警信号' }],
      areas: [
        {
          description: '端州区',
          polygons: [[112.42, 23.06, 112.52, 23.06, 112.52, 23.15, 112.42, 23.06]],
          circles: [],
        },
      ],
      ...over,
    },
  };
}

describe('public warnings', () => {
  it('keeps a warning in force from its onset until it expires', () => {
    const book = new WarningBook();
    expect(book.apply(issued('W1', { onset: T + HOUR }))).toEqual({ ok: true });
    expect(book.inForce(T)).toEqual([]);
    expect(book.nextChange(T)).toBe(T + HOUR);
    expect(book.inForce(T + HOUR).map((w) => w.id)).toEqual(['W1']);
    expect(book.nextChange(T + HOUR)).toBe(T + 3 * HOUR);
    expect(book.inForce(T + 3 * HOUR)).toEqual([]);
  });

  it('lists the gravest first, and an update ends the warning it replaces', () => {
    const book = new WarningBook();
    book.apply(issued('W1'));
    book.apply(issued('W2', { severity: 'minor', at: T + 1 }));
    book.apply(issued('W3', { severity: 'severe', at: T + 2, replaces: ['W1'] }));
    expect(book.inForce(T + 10).map((w) => w.id)).toEqual(['W3', 'W2']);
    expect(book.get('W1')).toMatchObject({ endedAt: T + 2, endedBy: 'W3' });
  });

  it('a cancel ends the warnings it names; one naming none in force is refused', () => {
    const book = new WarningBook();
    book.apply(issued('W1'));
    const cancel = (ids: string[]) => ({
      type: 'warning.cancelled' as const,
      payload: { warningId: 'C1', at: T + HOUR, cancels: ids },
    });
    expect(book.apply(cancel(['W9']))).toMatchObject({
      ok: false,
      reason: 'illegal-transition',
      detail: 'cancel C1: no warning in force among W9',
    });
    expect(book.apply(cancel(['W1', 'W9']))).toEqual({ ok: true });
    expect(book.inForce(T + HOUR)).toEqual([]);
    expect(book.apply(cancel(['W1']))).toMatchObject({ ok: false });
  });

  it('refuses a warning issued twice, or one expired before it was sent', () => {
    const book = new WarningBook();
    book.apply(issued('W1'));
    expect(book.apply(issued('W1'))).toMatchObject({
      ok: false,
      detail: 'warning W1: issued already',
    });
    expect(book.apply(issued('W2', { expires: T }))).toMatchObject({ ok: false });
  });

  it('travels in the store snapshot and leaves once long expired', () => {
    const store = new CaseStore();
    expect(store.apply(issued('W1'))).toEqual({ ok: true });
    const copy = new CaseStore();
    copy.restore(store.snapshot(), T);
    expect(copy.warnings.inForce(T).map((w) => w.texts[0]?.event)).toEqual(['暴雨黄色预警信号']);
    copy.evictClosedBefore(T + 4 * HOUR);
    expect(copy.warnings.get('W1')).toBeUndefined();
  });

  it('validates its events at the edge: rings of pairs, in range, closed shape bounded', () => {
    const ok = validateEvent({ v: 1, seq: 1, ts: T, ...issued('W1') });
    expect(ok.ok).toBe(true);
    const odd = issued('W1');
    odd.payload.areas[0]?.polygons[0]?.push(112.5);
    expect(validateEvent({ v: 1, seq: 1, ts: T, ...odd })).toMatchObject({
      ok: false,
      reason: 'bad-payload',
    });
    const far = issued('W1', {
      areas: [{ description: 'x', polygons: [[200, 23, 112, 23, 112, 24, 200, 23]], circles: [] }],
    });
    expect(validateEvent({ v: 1, seq: 1, ts: T, ...far }).ok).toBe(false);
  });
});
