import { describe, expect, it } from 'vitest';
import { driftDecision } from './drift';

describe('drift', () => {
  const options = { targetS: 1.5, segmentS: 1 };
  it('leaves a tile near live alone', () => {
    expect(driftDecision(1.8, options)).toEqual({ playbackRate: 1, jump: false });
  });
  it('catches up a little drift by playing faster', () => {
    expect(driftDecision(3, options)).toEqual({ playbackRate: 1.15, jump: false });
  });
  it('keeps catching up until nearly at target, then stops (no flipping each sample)', () => {
    expect(driftDecision(2.3, options).playbackRate).toBe(1);
    expect(driftDecision(2.3, options, 1.15).playbackRate).toBe(1.15);
    expect(driftDecision(1.6, options, 1.15).playbackRate).toBe(1);
  });

  it('jumps when far behind', () => {
    expect(driftDecision(30, options)).toEqual({ playbackRate: 1, jump: true });
  });
  it('does nothing without a latency', () => {
    expect(driftDecision(Number.NaN, options).jump).toBe(false);
  });
});
