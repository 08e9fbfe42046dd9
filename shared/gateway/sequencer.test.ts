import { describe, expect, it } from 'vitest';
import { min, reported, step } from '../domain/testEvents';
import { makeEnvelope, type Envelope } from '../protocol/envelope';
import { Sequencer } from './sequencer';
import { WallStore } from './wallStore';

function setup() {
  const store = new WallStore({ scheduler: () => undefined });
  const applied: number[] = [];
  const sequencer = new Sequencer(store, (e) => applied.push(e.seq));
  return { store, sequencer, applied };
}

const events: Envelope[] = [
  reported('A', min(0)),
  step('case.registered', 'A', min(1)),
  step('case.dispatched', 'A', min(2)),
  step('case.accepted', 'A', min(3)),
  step('case.handled', 'A', min(4)),
].map((e, i) => makeEnvelope(i + 1, min(i), e));

describe('Sequencer', () => {
  it('applies in order and drops duplicates', () => {
    const { store, sequencer, applied } = setup();
    sequencer.receive([events[0], events[1], events[0], events[1]]);
    expect(applied).toEqual([1, 2]);
    expect(store.diagnostics.duplicates).toBe(2);
    expect(store.cases.get('A')?.state).toBe('registered');
  });

  it('parks events after a gap, asks for the gap, and drains when it is filled', () => {
    const { store, sequencer, applied } = setup();
    sequencer.receive([events[0], events[3], events[4]]);
    expect(applied).toEqual([1]);
    expect(sequencer.missingRange(100)).toEqual({ from: 2, to: 3 });
    expect(sequencer.behind).toBe(true);
    sequencer.receive([events[2], events[1]]);
    expect(applied).toEqual([1, 2, 3, 4, 5]);
    expect(store.cases.get('A')?.state).toBe('handled');
    expect(store.diagnostics).toMatchObject({ gapsDetected: 1, gapsFilled: 1 });
    expect(sequencer.missingRange(100)).toBeUndefined();
  });

  it('moves past a refused event without applying it', () => {
    const { store, sequencer, applied } = setup();
    sequencer.receive([events[0], { ...events[1], type: 'case.unknown' }, events[2]]);
    // Seq 3 (dispatch of a case never registered) is refused by the store: not "applied".
    expect(applied).toEqual([1]);
    expect(store.lastSeq).toBe(3);
    expect(store.diagnostics.rejectedByReason).toMatchObject({
      'unknown-type': 1,
      'illegal-transition': 1,
    });
  });

  it('gives up on seqs the hub no longer has', () => {
    const { store, sequencer } = setup();
    sequencer.receive([events[0], events[4]]);
    sequencer.giveUpThrough(4);
    expect(store.lastSeq).toBe(5);
    expect(store.diagnostics.lost).toBe(3);
  });

  it('counts a batch that is not an array', () => {
    const { store, sequencer } = setup();
    sequencer.receive('nope');
    expect(store.diagnostics.rejectedByReason['bad-envelope']).toBe(1);
  });
});
