import { describe, expect, it } from 'vitest';
import { min, reported, step } from '../domain/testEvents';
import { makeEnvelope } from '../protocol/envelope';
import { WallStore } from './wallStore';

describe('the store clock', () => {
  it('marks a case overdue with no view ticking, and tells listeners once it changed', () => {
    const store = new WallStore({ scheduler: (notify) => notify() });
    const events = [
      reported('A', min(0)),
      step('case.registered', 'A', min(1)),
      step('case.dispatched', 'A', min(2)),
    ];
    events.forEach((e, i) => store.ingest(makeEnvelope(i + 1, min(i), e)));
    let now = min(3);
    let step1: (() => void) | undefined;
    const stop = store.startClock(1_000, {
      setInterval: (fn) => {
        step1 = fn;
        return 1;
      },
      clearInterval: () => (step1 = undefined),
      now: () => now,
    });
    let heard = 0;
    store.subscribe(() => (heard += 1));
    expect(store.cases.isOverdue('A')).toBe(false);
    step1?.();
    expect(heard).toBe(0); // nothing changed: no re-render for the clock alone
    now = min(3) + 30 * 86_400_000;
    step1?.();
    expect(store.cases.isOverdue('A')).toBe(true);
    expect(store.cases.kpis().overdue).toBe(1);
    expect(heard).toBe(1);
    stop();
    expect(step1).toBeUndefined();
  });
});
