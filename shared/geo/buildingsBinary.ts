import type { BuildingColumns } from './buildings';
import { toWgs84, type CoordSystem } from './coords';
import type { Problem } from './problems';

/**
 * The `columns` building file: the same columns the map draws from, written once when a pack is
 * compiled (`npm run pack:compile`), so a wall window reads half a million buildings without
 * parsing JSON. Little-endian:
 *
 *   0   "CWBC" magic, uint32 version (1), uint32 building count n, uint32 vertex count v
 *   16  uint32 startIndices[n + 1]      vertex where each building starts; the last is v
 *       float32 heights[n]              metres
 *       zero padding to a multiple of 8
 *       float64 positions[2v]           lon, lat; each ring closed
 *       uint32 idBytes, UTF-8 ids joined by "\n" (n of them)
 *
 * The reader checks it as strictly as the JSON readers: a wrong header or size refuses the
 * file; a bad building is refused by index and the rest load.
 */
const MAGIC = 0x43425743; // "CWBC" read as little-endian uint32
const VERSION = 1;
const HEADER = 16;

function layout(n: number, v: number) {
  const starts = HEADER;
  const heights = starts + 4 * (n + 1);
  const positions = Math.ceil((heights + 4 * n) / 8) * 8;
  const ids = positions + 16 * v;
  return { starts, heights, positions, ids };
}

export function encodeBuildingColumns(b: BuildingColumns): Uint8Array {
  const v = b.positions.length / 2;
  const at = layout(b.count, v);
  const idText = new TextEncoder().encode(b.ids.join('\n'));
  const bytes = new Uint8Array(at.ids + 4 + idText.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, b.count, true);
  view.setUint32(12, v, true);
  for (let i = 0; i <= b.count; i += 1)
    view.setUint32(at.starts + 4 * i, b.startIndices[i] as number, true);
  for (let i = 0; i < b.count; i += 1)
    view.setFloat32(at.heights + 4 * i, b.heights[i] as number, true);
  for (let k = 0; k < 2 * v; k += 1)
    view.setFloat64(at.positions + 8 * k, b.positions[k] as number, true);
  view.setUint32(at.ids, idText.length, true);
  bytes.set(idText, at.ids + 4);
  return bytes;
}

export function readBuildingsBinary(
  bytes: Uint8Array,
  file: string,
  crs: CoordSystem = 'wgs84',
): { columns?: BuildingColumns; problems: Problem[] } {
  const whole = (reason: string) => ({ problems: [{ file, feature: '-' as const, reason }] });
  if (bytes.byteLength < HEADER) return whole('too short for a columns file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return whole('not a CityWall columns file (no CWBC)');
  if (view.getUint32(4, true) !== VERSION)
    return whole(`columns version ${view.getUint32(4, true)} (this wall reads ${VERSION})`);
  const n = view.getUint32(8, true);
  const v = view.getUint32(12, true);
  const at = layout(n, v);
  if (bytes.byteLength < at.ids + 4)
    return whole(`${bytes.byteLength} bytes, but ${n} buildings of ${v} vertices need more`);
  const idBytes = view.getUint32(at.ids, true);
  if (at.ids + 4 + idBytes !== bytes.byteLength)
    return whole(`${bytes.byteLength} bytes, expected ${at.ids + 4 + idBytes}`);
  // No buildings, no ids (splitting '' would give one).
  const ids = n === 0 ? [] : new TextDecoder().decode(bytes.subarray(at.ids + 4)).split('\n');
  if (ids.length !== n) return whole(`${ids.length} ids for ${n} buildings`);

  // Typed views on aligned copies of each column (a memcpy each); every PC a wall runs on is
  // little-endian, as the file is.
  const column = (offset: number, length: number) => bytes.slice(offset, offset + length).buffer;
  const starts = new Uint32Array(column(at.starts, 4 * (n + 1)));
  const heightsIn = new Float32Array(column(at.heights, 4 * n));
  const src = new Float64Array(column(at.positions, 16 * v));
  const problems: Problem[] = [];
  const positions = new Float64Array(2 * v);
  const startIndices = new Uint32Array(n + 1);
  const heights = new Float32Array(n);
  const kept: string[] = [];
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  let out = 0;
  let prevEnd = 0;
  for (let i = 0; i < n; i += 1) {
    const start = starts[i] as number;
    const end = starts[i + 1] as number;
    if (start !== prevEnd || end < start || end > v) {
      // The index itself is broken: nothing after it can be trusted to line up.
      problems.push({ file, feature: i, reason: `start index ${start}..${end} out of order` });
      break;
    }
    prevEnd = end;
    const height = heightsIn[i] as number;
    const reason = checkBuilding(src, start, end, height);
    if (reason) {
      problems.push({ file, feature: ids[i] ?? i, reason });
      continue;
    }
    const first = out;
    for (let k = start; k < end; k += 1) {
      let x = src[2 * k] as number;
      let y = src[2 * k + 1] as number;
      if (crs !== 'wgs84') [x, y] = toWgs84(crs, x, y);
      positions[2 * out] = x;
      positions[2 * out + 1] = y;
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
      out += 1;
    }
    if (signedArea(positions, first, out) < 0) reverse(positions, first, out);
    startIndices[kept.length] = first;
    heights[kept.length] = height;
    kept.push(ids[i] as string);
  }
  startIndices[kept.length] = out;
  return {
    columns: {
      count: kept.length,
      positions: positions.slice(0, 2 * out),
      startIndices: startIndices.slice(0, kept.length + 1),
      heights: heights.slice(0, kept.length),
      ids: kept,
      bounds: [west, south, east, north],
    },
    problems,
  };
}

function checkBuilding(
  p: Float64Array,
  start: number,
  end: number,
  height: number,
): string | undefined {
  if (!(Number.isFinite(height) && height > 0 && height < 1000))
    return `height ${height} is not between 0 and 1000 m`;
  if (end - start < 4) return `ring has ${end - start} points (needs 4, closed)`;
  const x = (k: number) => p[2 * k] as number;
  const y = (k: number) => p[2 * k + 1] as number;
  for (let k = start; k < end; k += 1) {
    if (!Number.isFinite(x(k)) || !Number.isFinite(y(k)))
      return `coordinate is not a finite number (${x(k)}, ${y(k)})`;
    if (x(k) < -180 || x(k) > 180 || y(k) < -90 || y(k) > 90)
      return `coordinate out of range (${x(k)}, ${y(k)})`;
  }
  if (x(start) !== x(end - 1) || y(start) !== y(end - 1)) return 'ring is not closed';
  let twice = 0;
  for (let k = start; k < end - 1; k += 1) twice += x(k) * y(k + 1) - x(k + 1) * y(k);
  return Math.abs(twice) / 2 < 1e-14 ? 'ring has no area' : undefined;
}

function signedArea(p: Float64Array, start: number, end: number): number {
  let twice = 0;
  for (let k = start; k < end - 1; k += 1)
    twice +=
      (p[2 * k] as number) * (p[2 * k + 3] as number) -
      (p[2 * k + 2] as number) * (p[2 * k + 1] as number);
  return twice / 2;
}

function reverse(p: Float64Array, start: number, end: number): void {
  for (let a = start, b = end - 1; a < b; a += 1, b -= 1) {
    const [ax, ay] = [p[2 * a] as number, p[2 * a + 1] as number];
    p[2 * a] = p[2 * b] as number;
    p[2 * a + 1] = p[2 * b + 1] as number;
    p[2 * b] = ax;
    p[2 * b + 1] = ay;
  }
}
