import { describe, expect, it } from 'vitest';
import { CaseStore } from '../domain/caseStore';
import { min, reported, step } from '../domain/testEvents';
import { SNAPSHOT_PART_CASES, SnapshotAssembler, snapshotParts } from './snapshot';

/** A store with `n` cases at various steps, an alarm and a camera that went offline. */
function storeOf(n: number): CaseStore {
  const store = new CaseStore();
  for (let i = 0; i < n; i += 1) {
    const id = `K${i}`;
    store.apply(reported(id, min(i)));
    if (i % 2 === 0) store.apply(step('case.registered', id, min(i + 1)));
    if (i % 4 === 0) store.apply(step('case.dispatched', id, min(i + 2)));
  }
  store.apply({
    type: 'alarm.raised',
    payload: { alarmId: 'A1', at: min(1), level: 2, kind: 'smoke', message: '烟感报警' },
  });
  store.apply({ type: 'camera.status', payload: { cameraId: 'cam-1', at: min(1), online: false } });
  return store;
}

describe('the live state in messages', () => {
  it('cuts a store into bounded parts that put back the same store', () => {
    const source = storeOf(SNAPSHOT_PART_CASES * 2 + 7);
    const parts = snapshotParts(42, source.snapshot());
    expect(parts).toHaveLength(3);
    expect(parts.every((p) => p.cases.length <= SNAPSHOT_PART_CASES)).toBe(true);
    // Over the wire: only JSON survives.
    const assembler = new SnapshotAssembler(42, 3);
    const outcomes = parts.map((p) => assembler.add(JSON.parse(JSON.stringify(p))));
    expect(outcomes.slice(0, 2)).toEqual([undefined, undefined]);
    const done = outcomes[2];
    if (!done || !('done' in done)) throw new Error(`not whole: ${JSON.stringify(done)}`);
    const copy = new CaseStore();
    copy.restore(done.done, min(10_000));
    source.tick(min(10_000));
    expect(copy.snapshot()).toEqual(source.snapshot());
    expect(copy.kpis()).toEqual(source.kpis());
    expect(copy.activeAlarms()).toHaveLength(1);
    expect(copy.cameraOnline('cam-1')).toBe(false);
  });

  it('an empty store is one part, carrying the state', () => {
    const parts = snapshotParts(0, new CaseStore().snapshot());
    expect(parts).toHaveLength(1);
    expect(new SnapshotAssembler(0, 1).add(parts[0])).toMatchObject({ done: { cases: [] } });
  });

  it('refuses parts out of order, of another seq, malformed or without the state', () => {
    const parts = snapshotParts(7, storeOf(SNAPSHOT_PART_CASES + 1).snapshot());
    expect(new SnapshotAssembler(7, 2).add(parts[1])).toMatchObject({ error: /part 1\/2/ });
    expect(new SnapshotAssembler(8, 2).add(parts[0])).toMatchObject({ error: /seq 7/ });
    const { state: _state, ...stateless } = parts[0] as (typeof parts)[number];
    expect(new SnapshotAssembler(7, 2).add(stateless)).toMatchObject({ error: /no state/ });
    const bad = structuredClone(parts[0]) as unknown as { cases: { state: string }[] };
    (bad.cases[0] as { state: string }).state = 'teleported';
    expect(new SnapshotAssembler(7, 2).add(bad)).toMatchObject({ error: /snapshot part/ });
    const tooMany = {
      ...parts[0],
      cases: [...(parts[0]?.cases ?? []), ...(parts[1]?.cases ?? [])],
    };
    expect(new SnapshotAssembler(7, 2).add(tooMany)).toMatchObject({ error: /snapshot part/ });
  });
});

describe('closed cases leave the live store', () => {
  it('after their last step is older than the cut; open ones and the figures stay', () => {
    const store = new CaseStore();
    store.apply(reported('OPEN', min(0)));
    store.apply(reported('OLD', min(0)));
    store.apply(step('case.voided', 'OLD', min(1)));
    store.apply(reported('NEW', min(0)));
    store.apply(step('case.voided', 'NEW', min(30)));
    const before = store.kpis();
    expect(store.evictClosedBefore(min(10))).toBe(1);
    expect(store.get('OLD')).toBeUndefined();
    expect(store.get('NEW')?.state).toBe('voided');
    expect(store.get('OPEN')?.state).toBe('reported');
    expect(store.countByState().voided).toBe(1);
    expect(store.kpis()).toEqual(before);
    expect(store.kpisOfDay(store.dayOf(min(0))).reported).toBe(3);
  });

  it('acknowledged alarms leave with them; unacknowledged ones stay; a late clear is no fault', () => {
    const store = new CaseStore();
    const raise = (alarmId: string) =>
      store.apply({
        type: 'alarm.raised',
        payload: { alarmId, at: min(0), level: 2, kind: 'smoke', message: '烟感报警' },
      });
    raise('ACKED');
    raise('OPEN');
    store.apply({ type: 'alarm.acknowledged', payload: { alarmId: 'ACKED', at: min(1) } });
    store.evictClosedBefore(min(10));
    expect(store.activeAlarms().map((a) => a.id)).toEqual(['OPEN']);
    expect(
      store.apply({ type: 'alarm.cleared', payload: { alarmId: 'ACKED', at: min(20) } }),
    ).toEqual({ ok: true });
    expect(
      store.apply({ type: 'alarm.cleared', payload: { alarmId: 'NEVER', at: min(20) } }).ok,
    ).toBe(false);
  });

  it('a snapshot keeps its days at its own offset, whatever the restoring store was set to', () => {
    const store = new CaseStore({ utcOffsetMinutes: 0 });
    store.apply(reported('L', Date.UTC(2026, 10, 23, 23, 30)));
    const copy = new CaseStore(); // UTC+8 by default
    copy.restore(store.snapshot(), min(0));
    expect(copy.kpisOfDay(store.dayOf(Date.UTC(2026, 10, 23, 23, 30))).reported).toBe(1);
    expect(copy.dayOf(Date.UTC(2026, 10, 23, 23, 30))).toBe(
      store.dayOf(Date.UTC(2026, 10, 23, 23, 30)),
    );
  });
});
