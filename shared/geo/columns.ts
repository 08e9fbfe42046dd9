import type { BuildingColumns } from './buildings';

/**
 * Packs variable-length runs of lon/lat pairs into one flat array plus the vertex index where
 * each run starts (and a final one past the end): the binary form deck.gl layers take.
 */
export function packRuns(runs: readonly (readonly number[])[]): {
  positions: Float64Array;
  startIndices: Uint32Array;
} {
  const startIndices = new Uint32Array(runs.length + 1);
  let vertices = 0;
  runs.forEach((run, i) => {
    startIndices[i] = vertices;
    vertices += run.length / 2;
  });
  startIndices[runs.length] = vertices;
  const positions = new Float64Array(vertices * 2);
  let offset = 0;
  for (const run of runs) {
    positions.set(run, offset);
    offset += run.length;
  }
  return { positions, startIndices };
}

/** A coordinate to 1e-7 degrees (about 1 cm): what generated cities store. */
export function roundCoord(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/** Generated footprints (closed rings one after another, `starts` in vertices) as columns. */
export function footprintColumns(
  positions: readonly number[] | Float64Array,
  starts: readonly number[],
  heights: readonly number[],
): BuildingColumns {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < positions.length; k += 2) {
    minX = Math.min(minX, positions[k] as number);
    maxX = Math.max(maxX, positions[k] as number);
    minY = Math.min(minY, positions[k + 1] as number);
    maxY = Math.max(maxY, positions[k + 1] as number);
  }
  const count = heights.length;
  return {
    count,
    positions: Float64Array.from(positions),
    startIndices: Uint32Array.from([...starts, positions.length / 2]),
    heights: Float32Array.from(heights),
    ids: Array.from({ length: count }, (_, i) => `B${i + 1}`),
    bounds: [minX, minY, maxX, maxY],
  };
}

/**
 * A street along `points` (metres), cut where it leaves the city: the runs of segments whose
 * middle is `open`, as flat lon/lat lists of two points or more.
 */
export function openRuns(
  points: readonly (readonly [number, number])[],
  open: (x: number, y: number) => boolean,
  toLonLat: (x: number, y: number) => readonly [number, number],
): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length >= 4) runs.push(run);
    run = [];
  };
  for (let k = 0; k + 1 < points.length; k += 1) {
    const [x0, y0] = points[k] as readonly [number, number];
    const [x1, y1] = points[k + 1] as readonly [number, number];
    if (!open((x0 + x1) / 2, (y0 + y1) / 2)) {
      flush();
      continue;
    }
    if (run.length === 0) run.push(...toLonLat(x0, y0));
    run.push(...toLonLat(x1, y1));
  }
  flush();
  return runs;
}
