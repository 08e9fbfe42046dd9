import { describe, expect, it } from 'vitest';
import { buildingMesh, meshBuffers, type BuildingMeshChunk } from './buildingMesh';
import { readBuildings } from './buildings';

/** Twice the signed area of triangle or ring vertices given as [x, y] pairs. */
function twiceArea(points: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let k = 0; k < points.length; k += 1) {
    const [x1, y1] = points[k] as [number, number];
    const [x2, y2] = points[(k + 1) % points.length] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

function vertex(c: BuildingMeshChunk, v: number): [number, number] {
  return [c.positions[2 * v] as number, c.positions[2 * v + 1] as number];
}

/** Sum of roof triangle areas of building i of a chunk (in offset degrees). */
function roofArea(c: BuildingMeshChunk, i: number): number {
  const start = c.startIndices[i] as number;
  const end = c.startIndices[i + 1] as number;
  let area = 0;
  for (let t = 0; t < c.indices.length; t += 3) {
    const tri = [c.indices[t], c.indices[t + 1], c.indices[t + 2]] as number[];
    if (tri.every((v) => v >= start && v < end))
      area += Math.abs(twiceArea(tri.map((v) => vertex(c, v)))) / 2;
  }
  return area;
}

function ringArea(c: BuildingMeshChunk, i: number): number {
  const ring: [number, number][] = [];
  for (let v = c.startIndices[i] as number; v < (c.startIndices[i + 1] as number); v += 1)
    ring.push(vertex(c, v));
  return Math.abs(twiceArea(ring)) / 2;
}

const square = (x: number, y: number, s: number) => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
];
// An L-shaped footprint: concave, so a fan from the first vertex would cover the notch.
const ell = (x: number, y: number) => [
  [x, y],
  [x + 0.002, y],
  [x + 0.002, y + 0.001],
  [x + 0.001, y + 0.001],
  [x + 0.001, y + 0.002],
  [x, y + 0.002],
];

const { columns } = readBuildings(
  [
    { height: 30, polygon: square(112.46, 23.05, 0.001) },
    { height: 45, polygon: ell(112.47, 23.06) },
    { height: 12, polygon: square(112.48, 23.04, 0.0005) },
  ],
  { file: 'b.json', format: 'polygon-array', crs: 'wgs84' },
);

describe('building mesh (made in the pack worker)', () => {
  it('roof triangles cover each footprint exactly, concave ones included', () => {
    const [chunk] = buildingMesh(columns);
    if (!chunk) throw new Error('no chunk');
    expect(chunk.count).toBe(3);
    expect(chunk.roofless).toBe(0);
    for (let i = 0; i < 3; i += 1) {
      expect(roofArea(chunk, i)).toBeGreaterThan(0);
      expect(roofArea(chunk, i) / ringArea(chunk, i)).toBeCloseTo(1, 6);
    }
    // Square: 2 triangles; L: 4 triangles.
    expect(chunk.indices.length).toBe(3 * (2 + 4 + 2));
  });

  it('keeps each vertex within millimetres of the pack, as offsets from the city centre', () => {
    const [chunk] = buildingMesh(columns);
    if (!chunk) throw new Error('no chunk');
    const [west, south, east, north] = columns.bounds;
    expect(chunk.origin).toEqual([(west + east) / 2, (south + north) / 2]);
    // 1e-8 degrees is about a millimetre.
    columns.positions.forEach((value, k) => {
      const offset = chunk.positions[k] as number;
      expect(Math.abs(offset + (chunk.origin[k % 2] as number) - value)).toBeLessThan(1e-8);
    });
  });

  it('repeats height and row number on every vertex of a building', () => {
    const [chunk] = buildingMesh(columns);
    if (!chunk) throw new Error('no chunk');
    for (let i = 0; i < 3; i += 1)
      for (
        let v = chunk.startIndices[i] as number;
        v < (chunk.startIndices[i + 1] as number);
        v += 1
      ) {
        expect(chunk.elevations[v]).toBe(columns.heights[i]);
        expect(chunk.rowIndexes[v]).toBe(i);
      }
  });

  it('cuts a city into chunks that together hold every building once, indices local to each', () => {
    const chunks = buildingMesh(columns, 2);
    expect(chunks.map((c) => [c.first, c.count])).toEqual([
      [0, 2],
      [2, 1],
    ]);
    const second = chunks[1] as BuildingMeshChunk;
    expect(Array.from(second.startIndices)).toEqual([0, 5]);
    expect(Array.from(second.rowIndexes)).toEqual([0, 0, 0, 0, 0]);
    expect(Math.max(...second.indices)).toBeLessThan(5);
    expect(roofArea(second, 0) / ringArea(second, 0)).toBeCloseTo(1, 6);
    // Five arrays per chunk, all distinct buffers, so the worker can transfer them.
    const buffers = meshBuffers(chunks);
    expect(buffers).toHaveLength(10);
    expect(new Set(buffers).size).toBe(10);
  });
});
