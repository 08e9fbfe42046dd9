import { describe, expect, it } from 'vitest';
import { min, reported } from '../../shared/domain/testEvents';
import { WallStore } from '../../shared/gateway/wallStore';
import { makeEnvelope } from '../../shared/protocol/envelope';
import { CaseHeat } from './caseHeat';

describe('CaseHeat', () => {
  it('appends each reported case once, grows without losing any, and windows by time', () => {
    const store = new WallStore({ scheduler: () => undefined });
    store.ingest(makeEnvelope(1, min(0), reported('OLD', min(0), { lon: 112.4, lat: 23.0 })));
    const heat = new CaseHeat();
    heat.follow(store);
    for (let i = 0; i < 3000; i += 1)
      store.ingest(
        makeEnvelope(
          i + 2,
          min(i),
          reported(`C${i}`, min(10 + i), { lon: 112.4 + i * 1e-5, lat: 23.05 }),
        ),
      );
    expect(heat.count).toBe(3001);
    const recent = heat.window(min(10 + 2990));
    expect(recent.length).toBe(10);
    expect(recent.attributes.getPosition.value[0]).toBeCloseTo(112.4 + 2990 * 1e-5, 9);
    expect(heat.window(0).length).toBe(3001);
  });
});

describe('CaseHeat and a replaced store', () => {
  it('fills again from the hub’s snapshot when the store is replaced', () => {
    const store = new WallStore({ scheduler: (cb) => cb() });
    store.ingest(makeEnvelope(1, min(0), reported('GONE', min(0))));
    const heat = new CaseHeat();
    heat.follow(store);
    expect(heat.count).toBe(1);
    const hub = new WallStore({ scheduler: () => undefined });
    for (let i = 0; i < 5; i += 1)
      hub.ingest(makeEnvelope(i + 1, min(i), reported(`H${i}`, min(50 - i), { lon: 112.41 })));
    store.restoreFromHub(hub.cases.snapshot(), 900);
    expect(heat.count).toBe(5);
    // In report order: the window of the last three minutes holds the three latest reports.
    expect(heat.window(min(48)).length).toBe(3);
    expect(heat.window(0).attributes.getPosition.value[0]).toBeCloseTo(112.41, 9);
  });
});

describe('CaseHeat windows', () => {
  it('gives the same object while nothing changed, and a new one once a case is added', () => {
    const heat = new CaseHeat();
    for (let i = 0; i < 10; i += 1) heat.add(112, 23, 1_000 + i);
    const first = heat.window(1_005);
    expect(heat.window(1_005)).toBe(first);
    // A later `since` that still starts at the same case is the same window too.
    expect(heat.window(1_004.5)).toBe(first);
    heat.add(112, 23, 2_000);
    const next = heat.window(1_005);
    expect(next).not.toBe(first);
    expect(next.length).toBe(6);
    // Going back in time (a longer period) starts earlier.
    expect(heat.window(0).length).toBe(11);
  });
});
