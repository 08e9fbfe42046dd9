import { describe, expect, it } from 'vitest';
import { driftDecision, tileDrift } from './drift';

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

  it('a tile left 3 s behind after a stall catches up to the configured 1.5 s, then stops', () => {
    // hls.js would now aim at 3 s itself; the tile aims at its configured delay.
    expect(tileDrift(3.0, 1, 1).playbackRate).toBe(1.15);
    let latency = 3.0;
    let rate = 1;
    const seen: number[] = [];
    for (let second = 0; second < 30; second += 1) {
      rate = tileDrift(latency, 1, rate).playbackRate;
      seen.push(rate);
      latency -= rate - 1; // each second at 1.15× gains 0.15 s
    }
    expect(seen[0]).toBe(1.15);
    expect(rate).toBe(1);
    expect(latency).toBeGreaterThan(1.5);
    expect(latency).toBeLessThan(1.8);
  });
});
