import { describe, expect, it } from 'vitest';
import { linkedCameras } from './linkage';

// A spot at the origin of a small fixture: metres to degrees near 23° N (Zhaoqing).
const spot: [number, number] = [112.47, 23.05];
const at = (east: number, north: number): [number, number] => [
  spot[0] + east / (111_320 * Math.cos((23.05 * Math.PI) / 180)),
  spot[1] + north / 110_574,
];

describe('video linkage', () => {
  const cameras = [
    { id: 'near-facing', position: at(0, -100), heading: 0, fov: 90 },
    { id: 'nearer-away', position: at(0, -60), heading: 180, fov: 60 },
    { id: 'no-heading', position: at(150, 0) },
    { id: 'offline', position: at(10, 10) },
    { id: 'far', position: at(2_000, 0) },
    { id: 'mid-facing', position: at(-200, 0), heading: 90, fov: 60 },
  ];

  it('ranks by distance, counting a camera turned away as three times as far', () => {
    const picked = linkedCameras(cameras, spot, {
      count: 4,
      isOnline: (id) => id !== 'offline',
    });
    expect(picked.map((c) => c.id)).toEqual([
      'near-facing',
      'no-heading',
      'nearer-away',
      'mid-facing',
    ]);
    expect(picked[0]?.sees).toBe(true);
    expect(Math.abs((picked[0]?.metres ?? 0) - 100)).toBeLessThan(1);
    expect(picked[2]?.sees).toBe(false);
    expect(picked[1]?.sees).toBeUndefined();
  });

  it('leaves out cameras beyond the radius', () => {
    expect(linkedCameras(cameras, spot, { count: 10 }).map((c) => c.id)).not.toContain('far');
  });
});
