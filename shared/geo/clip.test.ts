import { describe, expect, it } from 'vitest';
import { clipRingToBox } from './clip';

function area(ring: readonly (readonly [number, number])[]): number {
  let a = 0;
  for (let i = 0; i < ring.length; i += 1) {
    const [x1, y1] = ring[i] as readonly [number, number];
    const [x2, y2] = ring[(i + 1) % ring.length] as readonly [number, number];
    a += x1 * y2 - x2 * y1;
  }
  return Math.abs(a) / 2;
}

describe('clipping a ring to a box', () => {
  // An L-shaped (non-convex) district of area 3.
  const l: [number, number][] = [
    [0, 0],
    [2, 0],
    [2, 1],
    [1, 1],
    [1, 2],
    [0, 2],
    [0, 0],
  ];

  it('keeps the part inside', () => {
    expect(area(clipRingToBox(l, [0, 0, 1, 2]))).toBeCloseTo(2, 9);
    expect(area(clipRingToBox(l, [0.5, 0.5, 3, 3]))).toBeCloseTo(1.25, 9);
    expect(clipRingToBox(l, [0, 0, 2, 2]).every(([x, y]) => x <= 2 && y <= 2)).toBe(true);
  });

  it('returns nothing for a box outside, everything for a box around', () => {
    expect(clipRingToBox(l, [5, 5, 6, 6])).toEqual([]);
    expect(area(clipRingToBox(l, [-1, -1, 3, 3]))).toBeCloseTo(3, 9);
  });
});
