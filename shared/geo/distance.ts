/**
 * Distances and bearings at city scale (a few kilometres), on a local flat approximation of the
 * sphere: errors stay well under a metre there, and it is cheap enough to rank thousands of cameras.
 */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Metres east and north of `from` to `to`. */
export function offsetMetres(
  from: readonly [number, number],
  to: readonly [number, number],
): [number, number] {
  const meanLat = ((from[1] + to[1]) / 2) * RAD;
  return [
    (to[0] - from[0]) * RAD * EARTH_RADIUS_M * Math.cos(meanLat),
    (to[1] - from[1]) * RAD * EARTH_RADIUS_M,
  ];
}

export function distanceMetres(a: readonly [number, number], b: readonly [number, number]): number {
  const [east, north] = offsetMetres(a, b);
  return Math.hypot(east, north);
}

/** The point `east` and `north` metres from `from`, `[lon, lat]`. */
export function moveMetres(from: readonly [number, number], east: number, north: number): number[] {
  const dLat = north / (RAD * EARTH_RADIUS_M);
  return [
    from[0] + east / (RAD * EARTH_RADIUS_M * Math.max(0.01, Math.cos(from[1] * RAD))),
    from[1] + dLat,
  ];
}

/** Degrees clockwise from north, 0 ≤ bearing < 360. */
export function bearingDegrees(
  from: readonly [number, number],
  to: readonly [number, number],
): number {
  const [east, north] = offsetMetres(from, to);
  const deg = Math.atan2(east, north) / RAD;
  return (deg + 360) % 360;
}

/** The smallest angle between two bearings, 0…180. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

/**
 * A circle of `radiusMetres` around a point as a closed flat ring `[lon, lat, …]` of `segments`
 * sides (a CAP circle on a map layer that draws polygons).
 */
export function circleRing(
  centre: { readonly lon: number; readonly lat: number },
  radiusMetres: number,
  segments = 64,
): number[] {
  const dLat = radiusMetres / (RAD * EARTH_RADIUS_M);
  const dLon = dLat / Math.max(0.01, Math.cos(centre.lat * RAD));
  const ring: number[] = [];
  for (let k = 0; k <= segments; k += 1) {
    const a = ((k % segments) / segments) * 2 * Math.PI;
    ring.push(centre.lon + dLon * Math.cos(a), centre.lat + dLat * Math.sin(a));
  }
  return ring;
}
