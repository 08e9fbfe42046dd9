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
