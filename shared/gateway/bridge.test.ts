import { describe, expect, it } from 'vitest';
import { min, reported, step } from '../domain/testEvents';
import { makeEnvelope } from '../protocol/envelope';
import { StoreBridge } from './bridge';
import { mirrorInto } from './mirror';
import { Sequencer } from './sequencer';
import { WallStore } from './wallStore';

/** A frame clock the test turns by hand. */
function manualFrames() {
  const queue: (() => void)[] = [];
  return {
    schedule: (cb: () => void) => void queue.push(cb),
    frame: () => queue.splice(0).forEach((cb) => cb()),
    pending: () => queue.length,
  };
}

/** The gateway's side: a store fed by a sequencer, published by a bridge on a manual frame clock. */
function gatewaySide() {
  const frames = manualFrames();
  const source = new WallStore({ scheduler: () => undefined });
  const bridge = new StoreBridge(source, frames.schedule, {
    windowId: 'w',
    displayLabel: 'd',
    view: 'cases',
    hub: 'embedded',
    warnings: [],
  });
  const sequencer = new Sequencer(source, (e) => bridge.applied(e));
  return { frames, source, bridge, sequencer };
}

const flushPromises = () => new Promise((r) => setTimeout(r, 0));

describe('StoreBridge + mirror', () => {
  it('sends one batch per frame however many events arrive, and the mirror equals the source', async () => {
    const { frames, source, bridge, sequencer } = gatewaySide();
    const batches: number[] = [];
    bridge.onBatch((b) => batches.push(b.events.length));

    const early = [reported('A', min(0)), step('case.registered', 'A', min(1))].map((e, i) =>
      makeEnvelope(i + 1, min(i), e),
    );
    sequencer.receive(early);
    frames.frame();

    const mirror = new WallStore({ scheduler: () => undefined });
    mirrorInto(mirror, bridge);
    await flushPromises();
    const later = [
      step('case.dispatched', 'A', min(2)),
      step('case.accepted', 'A', min(3)),
      reported('B', min(4)),
    ].map((e, i) => makeEnvelope(i + 3, min(i), e));
    sequencer.receive(later.slice(0, 2));
    sequencer.receive(later.slice(2));
    sequencer.receive([{ v: 1, seq: 6, ts: 0, type: 'case.bogus', payload: {} }]);
    expect(frames.pending()).toBe(1);
    frames.frame();

    expect(batches).toEqual([2, 3]);
    expect(mirror.lastSeq).toBe(6);
    expect(mirror.cases.snapshot()).toEqual(source.cases.snapshot());
    expect(mirror.diagnostics.rejectedByReason['unknown-type']).toBe(1);
  });

  it('a window that subscribes late gets the snapshot and nothing twice', async () => {
    const { frames, bridge, sequencer } = gatewaySide();
    sequencer.receive([makeEnvelope(1, min(0), reported('A', min(0)))]);
    const mirror = new WallStore({ scheduler: () => undefined });
    mirrorInto(mirror, bridge);
    frames.frame(); // the batch with seq 1 arrives after the snapshot that already holds it
    await flushPromises();
    frames.frame();
    expect(mirror.cases.kpis().reported).toBe(1);
    expect(mirror.lastSeq).toBe(1);
  });

  it('when the gateway takes the hub’s snapshot, every window takes a new snapshot too', async () => {
    const { frames, source, bridge, sequencer } = gatewaySide();
    for (let i = 1; i <= 3; i += 1)
      sequencer.receive([makeEnvelope(i, min(i), reported(`A${i}`, min(i)))]);
    const mirror = new WallStore({ scheduler: () => undefined });
    mirrorInto(mirror, bridge);
    await flushPromises();
    frames.frame();
    expect(mirror.lastSeq).toBe(3);
    // The hub's live state at seq 500 replaces the gateway's (another store: seqs alone cannot tell).
    const hub = new WallStore({ scheduler: () => undefined });
    hub.ingest(makeEnvelope(1, min(0), reported('H', min(0))));
    source.restoreFromHub(hub.cases.snapshot(), 500);
    sequencer.reset();
    sequencer.receive([makeEnvelope(501, min(9), step('case.registered', 'H', min(9)))]);
    frames.frame();
    await flushPromises();
    frames.frame();
    expect(mirror.epoch).toBe(source.epoch);
    expect(mirror.lastSeq).toBe(501);
    expect(mirror.cases.get('A1')).toBeUndefined();
    expect(mirror.cases.get('H')?.state).toBe('registered');
    expect(mirror.cases.snapshot()).toEqual(source.cases.snapshot());
  });
});

describe('mirror and the city', () => {
  it('applies a batch’s city before its events, so a report outside it is refused in the window too', async () => {
    const frames = manualFrames();
    const source = new WallStore({ scheduler: () => undefined });
    const bridge = new StoreBridge(source, frames.schedule, {
      windowId: 'w',
      displayLabel: 'd',
      view: 'cases',
      hub: 'embedded',
      warnings: [],
    });
    const sequencer = new Sequencer(source, (e) => bridge.applied(e));
    const mirror = new WallStore({ scheduler: () => undefined });
    mirrorInto(mirror, bridge);
    await flushPromises();
    source.setCity({
      id: 't',
      name: 't',
      nameEn: 't',
      bounds: { west: 112, south: 23, east: 113, north: 24 },
    });
    sequencer.receive([
      makeEnvelope(1, min(0), reported('IN', min(0))),
      makeEnvelope(2, min(0), reported('OUT', min(0), { lon: 120 })),
    ]);
    frames.frame();
    expect(source.cases.size).toBe(1);
    expect(mirror.cases.size).toBe(1);
    expect(mirror.cases.get('OUT')).toBeUndefined();
  });
});

describe('mirror when the snapshot fails', () => {
  it('asks again with backoff, says so, bounds what it keeps meanwhile, and ends equal', async () => {
    const { frames, source, bridge, sequencer } = gatewaySide();
    let failures = 2;
    const realSnapshot = bridge.snapshot.bind(bridge);
    bridge.snapshot = () =>
      failures-- > 0 ? Promise.reject(new Error('main is busy')) : realSnapshot();
    const timers: (() => void)[] = [];
    const mirror = new WallStore({ scheduler: () => undefined });
    mirrorInto(mirror, bridge, {
      maxEarlyEvents: 10,
      setTimeout: (fn) => timers.push(fn),
      clearTimeout: () => undefined,
    });
    await flushPromises();
    expect(mirror.mirror).toMatchObject({ ready: false, failures: 1, lastError: 'main is busy' });
    // Meanwhile, 30 events arrive: more than the window keeps.
    for (let i = 1; i <= 30; i += 1) {
      sequencer.receive([makeEnvelope(i, min(i), reported(`C${i}`, min(i)))]);
      frames.frame();
    }
    timers.shift()?.();
    await flushPromises();
    expect(mirror.mirror.failures).toBe(2);
    timers.shift()?.();
    await flushPromises();
    await flushPromises();
    expect(mirror.mirror.ready).toBe(true);
    sequencer.receive([makeEnvelope(31, min(31), reported('C31', min(31)))]);
    frames.frame();
    expect(mirror.lastSeq).toBe(31);
    expect(mirror.cases.snapshot()).toEqual(source.cases.snapshot());
  });
});
