import { earcut } from '@math.gl/polygon';
import type { BuildingColumns } from './buildings';

/**
 * Buildings ready to draw: everything deck.gl's SolidPolygonLayer would otherwise compute on the
 * main thread (roof triangles, per-vertex heights, row numbers for picking, double-precision
 * positions) is made here, in the pack worker, and handed over as typed arrays. The map then
 * only uploads buffers: no JavaScript per building on the thread that draws the wall.
 */
export interface BuildingMeshChunk {
  /** Index of the chunk's first building in the pack. */
  readonly first: number;
  readonly count: number;
  /** lon, lat the offsets are measured from (deck.gl's LNGLAT_OFFSETS). */
  readonly origin: readonly [number, number];
  /** Vertex index where building i of the chunk starts; startIndices[count] = vertex count. */
  readonly startIndices: Uint32Array;
  /** lon, lat offsets from `origin` in degrees: float32 keeps millimetres within a city. */
  readonly positions: Float32Array;
  /** Each building's height repeated on every vertex of its ring (deck.gl reads it per vertex). */
  readonly elevations: Float32Array;
  /** Roof triangles, as vertex indices into this chunk. */
  readonly indices: Uint32Array;
  /** The chunk-local building each vertex belongs to: deck.gl's picking reads it. */
  readonly rowIndexes: Uint32Array;
  /** Buildings whose roof could not be triangulated (walls are still drawn). */
  readonly roofless: number;
}

/**
 * Buildings per chunk: a chunk is one layer whose buffers the map uploads in one frame, small
 * enough to keep that frame short, large enough that a city is a handful of layers.
 */
const BUILDING_CHUNK = 25_000;

const DEG = Math.PI / 180;

/** Whether a closed counter-clockwise ring turns left (or goes straight) at every vertex. */
function convex(p: Float64Array, start: number, end: number): boolean {
  const n = end - start - 1;
  for (let k = 0; k < n; k += 1) {
    const a = start + k;
    const b = start + ((k + 1) % n);
    const c = start + ((k + 2) % n);
    const cross =
      ((p[2 * b] as number) - (p[2 * a] as number)) *
        ((p[2 * c + 1] as number) - (p[2 * b + 1] as number)) -
      ((p[2 * b + 1] as number) - (p[2 * a + 1] as number)) *
        ((p[2 * c] as number) - (p[2 * b] as number));
    if (cross < 0) return false;
  }
  return true;
}

/**
 * Roof triangles of one closed ring: a fan for a convex one (most footprints are rectangles),
 * else earcut in (local) Mercator so thin shapes stay right.
 */
function roofTriangles(positions: Float64Array, start: number, end: number): number[] {
  if (convex(positions, start, end)) {
    const fan: number[] = [];
    for (let k = 1; k < end - start - 2; k += 1) fan.push(0, k, k + 1);
    return fan;
  }
  const n = end - start;
  const flat = new Array<number>(2 * n);
  const lon0 = positions[2 * start] as number;
  const lat0 = positions[2 * start + 1] as number;
  const y0 = Math.log(Math.tan(Math.PI / 4 + (lat0 * DEG) / 2));
  for (let k = 0; k < n; k += 1) {
    const lon = positions[2 * (start + k)] as number;
    const lat = positions[2 * (start + k) + 1] as number;
    flat[2 * k] = (lon - lon0) * DEG;
    flat[2 * k + 1] = Math.log(Math.tan(Math.PI / 4 + (lat * DEG) / 2)) - y0;
  }
  return earcut(flat, undefined, 2);
}

export function buildingMesh(b: BuildingColumns, size = BUILDING_CHUNK): BuildingMeshChunk[] {
  const origin: [number, number] = [
    (b.bounds[0] + b.bounds[2]) / 2,
    (b.bounds[1] + b.bounds[3]) / 2,
  ];
  const chunks: BuildingMeshChunk[] = [];
  for (let first = 0; first < b.count; first += size) {
    const count = Math.min(size, b.count - first);
    const base = b.startIndices[first] as number;
    const vertices = (b.startIndices[first + count] as number) - base;
    const startIndices = new Uint32Array(count + 1);
    const positions = new Float32Array(vertices * 2);
    const elevations = new Float32Array(vertices);
    const rowIndexes = new Uint32Array(vertices);
    let indices = new Uint32Array(vertices * 3);
    let used = 0;
    let roofless = 0;
    for (let i = 0; i < count; i += 1) {
      const start = b.startIndices[first + i] as number;
      const end = b.startIndices[first + i + 1] as number;
      const local = start - base;
      startIndices[i] = local;
      for (let v = start; v < end; v += 1) {
        positions[2 * (v - base)] = (b.positions[2 * v] as number) - origin[0];
        positions[2 * (v - base) + 1] = (b.positions[2 * v + 1] as number) - origin[1];
      }
      elevations.fill(b.heights[first + i] as number, local, local + end - start);
      rowIndexes.fill(i, local, local + end - start);
      const roof = roofTriangles(b.positions, start, end);
      if (roof.length === 0) roofless += 1;
      if (used + roof.length > indices.length) {
        const grown = new Uint32Array(Math.max(indices.length * 2, used + roof.length));
        grown.set(indices.subarray(0, used));
        indices = grown;
      }
      for (const k of roof) indices[used++] = local + k;
    }
    startIndices[count] = vertices;
    chunks.push({
      first,
      count,
      origin,
      startIndices,
      positions,
      elevations,
      indices: indices.slice(0, used),
      rowIndexes,
      roofless,
    });
  }
  return chunks;
}

/** The buffers to transfer (not copy) from the worker. */
export function meshBuffers(chunks: readonly BuildingMeshChunk[]): ArrayBuffer[] {
  return chunks.flatMap((c) =>
    [c.startIndices, c.positions, c.elevations, c.indices, c.rowIndexes].map(
      (a) => a.buffer as ArrayBuffer,
    ),
  );
}
