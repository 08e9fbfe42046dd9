import { describe, expect, it } from 'vitest';
import { markPaths, markSchema, type Mark } from './annotations';

const at = (lon: number, lat: number): [number, number] => [lon, lat];
const metresBetween = (p: number[], q: number[]) => {
  const k = Math.cos((23.05 * Math.PI) / 180) * 111_195;
  return Math.hypot(
    ((p[0] as number) - (q[0] as number)) * k,
    ((p[1] as number) - (q[1] as number)) * 111_195,
  );
};

describe('marks', () => {
  it('a circle is a closed ring at the rim’s distance all round', () => {
    const mark: Mark = { id: 'c', kind: 'circle', points: [at(112.47, 23.05), at(112.48, 23.05)] };
    const [ring] = markPaths(mark) as [number[]];
    const centre = [112.47, 23.05];
    const radius = metresBetween(centre, [112.48, 23.05]);
    expect(radius).toBeGreaterThan(1000);
    for (let i = 0; i < ring.length; i += 2)
      expect(metresBetween(centre, [ring[i] as number, ring[i + 1] as number])).toBeCloseTo(
        radius,
        -1,
      );
    expect(ring.slice(0, 2)).toEqual(ring.slice(-2));
  });

  it('an arrow is its shaft and a head at its tip, barbs a fifth of its length', () => {
    const mark: Mark = { id: 'a', kind: 'arrow', points: [at(112.47, 23.05), at(112.47, 23.06)] };
    const [shaft, head] = markPaths(mark) as [number[], number[]];
    expect(shaft).toEqual([112.47, 23.05, 112.47, 23.06]);
    expect(head.slice(2, 4)).toEqual([112.47, 23.06]);
    const length = metresBetween([112.47, 23.05], [112.47, 23.06]);
    expect(metresBetween(head.slice(0, 2), [112.47, 23.06])).toBeCloseTo(length / 5, 0);
    // Both barbs point back down the shaft, one each side of it.
    expect(head[1]).toBeLessThan(23.06);
    expect(Math.sign((head[0] as number) - 112.47)).toBe(-Math.sign((head[4] as number) - 112.47));
  });

  it('freehand is its line; a text draws no line', () => {
    const line: Mark = { id: 'f', kind: 'freehand', points: [at(1, 2), at(3, 4), at(5, 6)] };
    expect(markPaths(line)).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(markPaths({ id: 't', kind: 'text', points: [at(1, 2)], text: '这里' })).toEqual([]);
  });

  it.each([
    ['a text without its text', { id: 't', kind: 'text', points: [[1, 2]] }],
    ['an arrow of one point', { id: 'a', kind: 'arrow', points: [[1, 2]] }],
    [
      'a line off the globe',
      {
        id: 'f',
        kind: 'freehand',
        points: [
          [1, 2],
          [400, 2],
        ],
      },
    ],
    [
      'a line of 501 points',
      { id: 'f', kind: 'freehand', points: Array.from({ length: 501 }, () => [1, 2]) },
    ],
  ])('refuses %s', (_name, raw) => {
    expect(markSchema.safeParse(raw).success).toBe(false);
  });
});
