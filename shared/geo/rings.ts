import { toWgs84, type CoordSystem } from './coords';

export type RingResult = { ok: true; ring: number[] } | { ok: false; reason: string };

/**
 * Checks one polygon ring and returns it as flat WGS-84 [lon, lat, …], closed. Refuses what would
 * draw as garbage: too few points, non-numbers, coordinates off the globe, no area.
 */
export function readRing(raw: unknown, crs: CoordSystem): RingResult {
  if (!Array.isArray(raw)) return { ok: false, reason: 'ring is not an array' };
  const flat: number[] = [];
  for (const point of raw) {
    if (!Array.isArray(point) || point.length < 2)
      return { ok: false, reason: 'point is not [lon, lat]' };
    const [lon, lat] = point as unknown[];
    if (
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat)
    ) {
      return {
        ok: false,
        reason: `coordinate is not a finite number (${String(lon)}, ${String(lat)})`,
      };
    }
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
      return { ok: false, reason: `coordinate out of range (${lon}, ${lat})` };
    const [x, y] = toWgs84(crs, lon, lat);
    flat.push(x, y);
  }
  const n = flat.length / 2;
  if (n > 1 && flat[0] === flat[2 * n - 2] && flat[1] === flat[2 * n - 1]) flat.length -= 2;
  if (flat.length / 2 < 3)
    return { ok: false, reason: `ring has ${flat.length / 2} distinct points (needs 3)` };
  const area = signedArea(flat);
  if (Math.abs(area) < 1e-14) return { ok: false, reason: 'ring has no area' };
  // One winding for every outer ring (counter-clockwise), so the map can skip normalising.
  const ccw = area > 0 ? flat : reversePairs(flat);
  ccw.push(ccw[0] as number, ccw[1] as number);
  return { ok: true, ring: ccw };
}

function reversePairs(flat: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = flat.length - 2; k >= 0; k -= 2) out.push(flat[k] as number, flat[k + 1] as number);
  return out;
}

/** Shoelace area in square degrees: positive when counter-clockwise. */
export function signedArea(flat: readonly number[]): number {
  let area = 0;
  const n = flat.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++)
    area +=
      ((flat[2 * j] as number) - (flat[2 * i] as number)) *
      ((flat[2 * j + 1] as number) + (flat[2 * i + 1] as number));
  return area / 2;
}

/** Whether (x, y) lies inside a ring of [x, y] points (even-odd rule; closed or not). */
export function ringContains(
  ring: readonly (readonly [number, number])[],
  x: number,
  y: number,
): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as readonly [number, number];
    const [xj, yj] = ring[j] as readonly [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
