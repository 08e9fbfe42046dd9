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
