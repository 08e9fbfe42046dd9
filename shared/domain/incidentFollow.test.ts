import { describe, expect, it } from 'vitest';
import { CaseStore } from './caseStore';
import { followSettings, followStep } from './incidentFollow';
import { declared, min } from './testEvents';

describe('the wall follows an incident', () => {
  it('counts down from the incident time, switches, and returns when it closes', () => {
    const store = new CaseStore();
    store.apply(declared('I1', min(0), { level: 3 }));
    const open = () => store.incidents;
    expect(followStep(open(), 'duty', undefined, new Set(), min(0) + 4_000)).toMatchObject({
      kind: 'countdown',
      deadline: min(0) + 10_000,
    });
    expect(followStep(open(), 'duty', undefined, new Set(), min(0) + 10_000)).toEqual({
      kind: 'switch',
      incidentId: 'I1',
      profileId: 'emergency',
      returnTo: 'duty',
    });
    const following = { incidentId: 'I1', returnTo: 'duty' };
    expect(followStep(open(), 'emergency', following, new Set(), min(5)).kind).toBe('idle');
    // A window whose store has not caught up does not know the incident: it waits.
    expect(
      followStep(new CaseStore().incidents, 'emergency', following, new Set(), min(5)).kind,
    ).toBe('idle');
    store.apply({ type: 'incident.closed', payload: { incidentId: 'I1', at: min(6) } });
    expect(followStep(open(), 'emergency', following, new Set(), min(6))).toEqual({
      kind: 'return',
      profileId: 'duty',
    });
    // Sent back by hand before it closed: once closed there is nothing to return from.
    expect(followStep(open(), 'duty', following, new Set(), min(7))).toEqual({ kind: 'done' });
  });

  it('leaves minor, waved-off incidents alone, and counts from the escalation', () => {
    const store = new CaseStore();
    store.apply(declared('I1', min(0), { level: 4 }));
    const open = () => store.incidents;
    expect(followStep(open(), 'duty', undefined, new Set(), min(1)).kind).toBe('idle');
    store.apply({
      type: 'incident.escalated',
      payload: { incidentId: 'I1', at: min(2), level: 3 },
    });
    expect(followStep(open(), 'duty', undefined, new Set(), min(2) + 1_000)).toMatchObject({
      kind: 'countdown',
      deadline: min(2) + 10_000,
    });
    expect(followStep(open(), 'duty', undefined, new Set(['I1']), min(3)).kind).toBe('idle');
    // The wall already on the emergency profile is not switched again.
    expect(followStep(open(), 'emergency', undefined, new Set(), min(3)).kind).toBe('idle');
  });

  it('takes the configured level and countdown, or none when off', () => {
    const store = new CaseStore();
    store.apply(declared('I1', min(0), { level: 2 }));
    const book = store.incidents;
    const step = (settings: Parameters<typeof followSettings>[0], at: number) =>
      followStep(book, 'duty', undefined, new Set(), at, followSettings(settings));
    expect(step({}, min(0)).kind).toBe('countdown');
    // Only level I takes this wall: a level II incident does not.
    expect(step({ followLevel: 1 }, min(1)).kind).toBe('idle');
    expect(step({ followLevel: 'off' }, min(1)).kind).toBe('idle');
    // No countdown: the wall switches at once.
    expect(step({ countdownSeconds: 0 }, min(0))).toMatchObject({
      kind: 'switch',
      incidentId: 'I1',
    });
    expect(step({ countdownSeconds: 30 }, min(0) + 15_000)).toMatchObject({
      kind: 'countdown',
      deadline: min(0) + 30_000,
    });
  });
});
