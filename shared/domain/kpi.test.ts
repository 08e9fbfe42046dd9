import { describe, expect, it } from 'vitest';
import { CaseStore } from './caseStore';
import { min, reported, step } from './testEvents';

/** Street-order cases: 2 h normal, 1 h urgent (DEFAULT_DEADLINES). Expected figures worked by hand. */
function fixture(): CaseStore {
  const store = new CaseStore();
  const events = [
    reported('A', min(0)),
    step('case.registered', 'A', min(5)),
    step('case.dispatched', 'A', min(10)),
    step('case.accepted', 'A', min(15)),
    step('case.handled', 'A', min(60)),
    step('case.verified', 'A', min(80)),
    step('case.closed', 'A', min(90)),
    reported('B', min(0)),
    step('case.voided', 'B', min(3)),
    reported('C', min(0)),
    step('case.registered', 'C', min(10)),
    step('case.dispatched', 'C', min(20)),
    step('case.accepted', 'C', min(25)),
    step('case.handled', 'C', min(200)),
    step('case.verified', 'C', min(210)),
    step('case.closed', 'C', min(220)),
    reported('D', min(0)),
    step('case.registered', 'D', min(4)),
    step('case.dispatched', 'D', min(10)),
    step('case.accepted', 'D', min(12)),
    step('case.handled', 'D', min(50)),
    step('case.reworked', 'D', min(70)),
    step('case.dispatched', 'D', min(80)),
    step('case.accepted', 'D', min(85)),
    step('case.extended', 'D', min(150), { hours: 1 }),
    step('case.handled', 'D', min(250)),
    step('case.verified', 'D', min(255)),
    step('case.closed', 'D', min(265)),
    reported('E', min(0)),
    reported('F', min(0)),
    step('case.registered', 'F', min(2)),
    step('case.dispatched', 'F', min(5)),
    step('case.accepted', 'F', min(6)),
    reported('G', min(0), { urgent: true }),
    step('case.registered', 'G', min(1)),
    step('case.dispatched', 'G', min(2)),
    step('case.accepted', 'G', min(3)),
    step('case.suspended', 'G', min(10)),
  ];
  for (const e of events)
    expect(store.apply(e), JSON.stringify(e)).toEqual(expect.objectContaining({ ok: true }));
  store.tick(min(300));
  return store;
}

describe('KPIs', () => {
  it('match the hand-computed figures', () => {
    const k = fixture().kpis();
    expect(k).toMatchObject({
      reported: 7,
      voided: 1,
      registered: 5,
      dispatched: 5,
      handled: 3,
      handledOnTime: 2,
      closed: 3,
      closedOnTime: 1,
      reworked: 1,
      extended: 1,
      overdue: 1,
    });
    expect(k.registrationRate).toBeCloseTo(5 / 6);
    expect(k.dispatchRate).toBeCloseTo(5 / 5);
    expect(k.extensionRate).toBeCloseTo(1 / 5);
    expect(k.onTimeHandlingRate).toBeCloseTo(2 / 4);
    expect(k.closureRate).toBeCloseTo(1);
    expect(k.onTimeClosureRate).toBeCloseTo(1 / 3);
    expect(k.reworkRate).toBeCloseTo(1 / 3);
    expect(k.avgIntakeMs).toBeCloseTo((22 / 5) * 60_000);
    expect(k.avgHandlingMs).toBeCloseTo((440 / 4) * 60_000);
  });

  it('forgets a closed or voided case on request, never an open one, and keeps the figures', () => {
    const store = fixture();
    const before = store.kpis();
    expect(store.evict('A')).toBe(true);
    expect(store.evict('B')).toBe(true);
    expect(store.evict('F')).toBe(false);
    expect(store.get('A')).toBeUndefined();
    expect(store.get('F')?.state).toBe('handling');
    expect(store.countByState()).toMatchObject({ closed: 2, voided: 0, handling: 1 });
    expect(store.kpis()).toEqual(before);
  });

  it('keeps the figures of the cases of each local day: midnight in Zhaoqing, not in UTC', () => {
    const store = fixture();
    // 16:30 UTC is 00:30 the next day at UTC+8.
    store.apply(reported('H', min(16 * 60 + 30)));
    store.apply(step('case.registered', 'H', min(16 * 60 + 40)));
    const first = store.dayOf(min(0));
    expect(store.dayOf(min(16 * 60 + 30))).toBe(first + 1);
    const all = store.kpis();
    const day = store.kpisOfDay(first);
    // The fixture's cases were all reported on the first day: its figures are theirs.
    expect(day).toMatchObject({ reported: 7, registered: 5, handledOnTime: 2, closedOnTime: 1 });
    expect(day.onTimeHandlingRate).toBeCloseTo(2 / 4);
    expect(store.kpisOfDay(first + 1)).toMatchObject({ reported: 1, registered: 1, handled: 0 });
    expect(store.kpisOfDay(first + 2).reported).toBe(0);
    expect(day.reported + store.kpisOfDay(first + 1).reported).toBe(all.reported);
    // Overdue is the hall's live figure, whatever day the case came.
    expect(store.kpisOfDay(first + 1).overdue).toBe(all.overdue);

    const restored = new CaseStore();
    restored.restore(store.snapshot(), min(300));
    expect(restored.kpisOfDay(first)).toEqual(day);
    expect(restored.kpisOfDay(first + 1)).toEqual(store.kpisOfDay(first + 1));

    // A hub in UTC: case H now falls on the first day, counted again from the cases.
    store.setUtcOffset(0);
    expect(store.dayOf(min(16 * 60 + 30))).toBe(first);
    expect(store.kpisOfDay(first)).toMatchObject({
      reported: 8,
      registered: 6,
      voided: 1,
      handled: 3,
      handledOnTime: 2,
      closed: 3,
      closedOnTime: 1,
      reworked: 1,
      extended: 1,
    });
    expect(store.kpisOfDay(first).onTimeHandlingRate).toBeCloseTo(2 / 4);
    expect(store.kpisOfDay(first + 1).reported).toBe(0);
  });

  it('counts cases by state', () => {
    expect(fixture().countByState()).toMatchObject({
      reported: 1,
      voided: 1,
      closed: 3,
      handling: 1,
      suspended: 1,
      dispatched: 0,
    });
  });

  it('rates are null, not zero, with nothing to divide by', () => {
    const k = new CaseStore().kpis();
    expect(k.registrationRate).toBeNull();
    expect(k.closureRate).toBeNull();
    expect(k.avgHandlingMs).toBeNull();
  });

  it('an extension lifts an overdue mark until the new deadline passes', () => {
    const store = new CaseStore();
    for (const e of [
      reported('X', min(0)),
      step('case.registered', 'X', min(0)),
      step('case.dispatched', 'X', min(10)),
      step('case.accepted', 'X', min(11)),
    ])
      store.apply(e);
    store.tick(min(129));
    expect(store.isOverdue('X')).toBe(false);
    store.tick(min(131));
    expect(store.isOverdue('X')).toBe(true);
    store.apply(step('case.extended', 'X', min(135), { hours: 1 }));
    expect(store.isOverdue('X')).toBe(false);
    store.tick(min(189));
    expect(store.isOverdue('X')).toBe(false);
    store.tick(min(191));
    expect(store.kpis().overdue).toBe(1);
    store.apply(step('case.handled', 'X', min(195)));
    expect(store.kpis()).toMatchObject({ overdue: 0, handled: 1, handledOnTime: 0 });
  });

  it('a snapshot restores the same figures', () => {
    const store = fixture();
    const copy = new CaseStore();
    copy.restore(store.snapshot(), min(300));
    expect(copy.kpis()).toEqual(store.kpis());
    expect(copy.countByState()).toEqual(store.countByState());
  });

  it('rejects reports outside the city and unknown categories', () => {
    const store = new CaseStore({ bounds: { west: 112, south: 23, east: 113, north: 24 } });
    expect(store.apply(reported('O', min(0), { lon: 120 }))).toMatchObject({
      ok: false,
      reason: 'outside-city',
    });
    expect(store.apply(reported('U', min(0), { category: 'nope' }))).toMatchObject({
      ok: false,
      reason: 'unknown-category',
    });
    expect(store.apply(step('case.closed', 'Z', min(0)))).toMatchObject({
      ok: false,
      reason: 'illegal-transition',
    });
    expect(store.size).toBe(0);
  });
});

describe('dueSoon', () => {
  it('returns the open cases with the earliest deadlines, in order', () => {
    const store = new CaseStore();
    const dispatchTimes = [50, 10, 40, 20, 30, 60, 5];
    dispatchTimes.forEach((t, i) => {
      const id = `K${i}`;
      for (const e of [
        reported(id, min(0)),
        step('case.registered', id, min(0)),
        step('case.dispatched', id, min(t)),
      ])
        store.apply(e);
    });
    store.apply(step('case.accepted', 'K6', min(6)));
    store.apply(step('case.handled', 'K6', min(7)));
    expect(store.dueSoon(3).map((c) => c.id)).toEqual(['K1', 'K3', 'K4']);
    expect(store.dueSoon(10).map((c) => c.id)).toEqual(['K1', 'K3', 'K4', 'K2', 'K0', 'K5']);
  });
});
