import { describe, expect, it } from 'vitest';
import { footprintColumns } from './columns';
import { buildingsNear, floorsOf } from './buildingsNear';

/** Squares of `side` metres around given centres (metres east/north of 112.47, 23.06). */
function city(centres: readonly (readonly [number, number, number])[], side = 20) {
  const mLat = 111_320;
  const mLon = mLat * Math.cos((23.06 * Math.PI) / 180);
  const positions: number[] = [];
  const starts: number[] = [];
  const heights: number[] = [];
  for (const [x, y, h] of centres) {
    starts.push(positions.length / 2);
    const half = side / 2;
    for (const [dx, dy] of [
      [-half, -half],
      [half, -half],
      [half, half],
      [-half, half],
      [-half, -half],
    ] as const)
      positions.push(112.47 + (x + dx) / mLon, 23.06 + (y + dy) / mLat);
    heights.push(h);
  }
  return footprintColumns(positions, starts, heights);
}

describe('buildings around an incident', () => {
  it('finds the building that holds the spot and the neighbours within the radius, nearest first', () => {
    const columns = city([
      [0, 0, 90],
      [60, 0, 30],
      [0, -40, 12],
      [400, 0, 50],
    ]);
    const near = buildingsNear(columns, { lon: 112.47, lat: 23.06 }, 100);
    expect(near.target?.height).toBe(90);
    expect(near.target?.distance).toBe(0);
    expect(near.neighbours.map((b) => b.height)).toEqual([12, 30]);
    // Footprints are in metres around the spot: the target's is a 20 m square about (0, 0).
    const xs = near.target?.ring.map((p) => p[0]) ?? [];
    expect(Math.min(...xs)).toBeCloseTo(-10, 0);
    expect(Math.max(...xs)).toBeCloseTo(10, 0);
    expect(near.neighbours[0]?.distance).toBeCloseTo(Math.hypot(10, 30), 0);
  });

  it('takes the named building even away from the spot, and bounds the neighbours', () => {
    const columns = city([
      [0, 0, 90],
      [60, 0, 30],
      [400, 0, 50],
    ]);
    const id = columns.ids[2] as string;
    const near = buildingsNear(columns, { lon: 112.47, lat: 23.06 }, 100, {
      buildingId: id,
      limit: 1,
    });
    expect(near.target?.id).toBe(id);
    expect(near.neighbours).toHaveLength(1);
  });

  it('counts floors from the height over the storey height', () => {
    expect(floorsOf(180)).toBe(60);
    expect(floorsOf(10, 3.3)).toBe(3);
    expect(floorsOf(1)).toBe(1);
  });
});
