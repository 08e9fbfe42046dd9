import { ringContains } from './rings';
import type { BuildingColumns } from './buildings';

/** One building for the incident's 3D view: its footprint in metres around the incident. */
export interface LocalBuilding {
  readonly id: string;
  /** Outer ring, x east and y north in metres from the incident's position, not closed. */
  readonly ring: readonly (readonly [number, number])[];
  readonly height: number;
  /** Metres from the incident to the footprint's nearest vertex (0 for the incident's own). */
  readonly distance: number;
}

export interface BuildingsNear {
  /** The incident's building: the one named, else the one whose footprint holds the spot. */
  readonly target?: LocalBuilding;
  /** Others with a vertex inside the radius, nearest first, at most `limit`. */
  readonly neighbours: readonly LocalBuilding[];
}

const M_PER_DEG_LAT = 111_320;

/** Buildings around a point by their index in the pack's columns. */
export interface BuildingsWithin {
  /** The incident's building: the one named, else the first whose footprint holds the spot. */
  readonly target?: number;
  /** Others with a vertex inside the radius, nearest first, at most `limit`. */
  readonly inside: readonly number[];
}

/**
 * The buildings around a point, read from the pack's columns in one pass (a cheap box test
 * first, so half a million buildings cost a few milliseconds). The map highlights them by index;
 * `buildingsNear` turns them into local metres for three.js.
 */
export function buildingsWithin(
  columns: BuildingColumns,
  centre: { readonly lon: number; readonly lat: number },
  radiusMetres: number,
  options: { readonly buildingId?: string; readonly limit?: number } = {},
): BuildingsWithin {
  const limit = options.limit ?? 200;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((centre.lat * Math.PI) / 180);
  const dLon = radiusMetres / mPerDegLon;
  const dLat = radiusMetres / M_PER_DEG_LAT;
  let target: number | undefined;
  const near: { index: number; distance: number }[] = [];
  for (let i = 0; i < columns.count; i += 1) {
    const from = columns.startIndices[i] as number;
    // Rings are closed: the last vertex repeats the first.
    const to = (columns.startIndices[i + 1] as number) - 1;
    const named = options.buildingId !== undefined && columns.ids[i] === options.buildingId;
    if (!named) {
      const lon = columns.positions[from * 2] as number;
      const lat = columns.positions[from * 2 + 1] as number;
      // A footprint is far smaller than the box's margin: its first vertex decides.
      if (Math.abs(lon - centre.lon) > dLon * 1.5 || Math.abs(lat - centre.lat) > dLat * 1.5)
        continue;
    }
    if (to - from < 3) continue;
    const ring = localRing(columns, i, centre, mPerDegLon);
    let distance = Infinity;
    for (const [x, y] of ring) distance = Math.min(distance, Math.hypot(x, y));
    const holds = ringContains(ring, 0, 0);
    if (named || (options.buildingId === undefined && holds && target === undefined)) {
      target = i;
      continue;
    }
    if (holds) distance = 0;
    if (distance <= radiusMetres) near.push({ index: i, distance });
  }
  near.sort((a, b) => a.distance - b.distance);
  return {
    ...(target !== undefined ? { target } : {}),
    inside: near.slice(0, limit).map((n) => n.index),
  };
}

/**
 * The buildings around a point as local metres ready for three.js: the incident's own and the
 * neighbours within the radius, nearest first.
 */
export function buildingsNear(
  columns: BuildingColumns,
  centre: { readonly lon: number; readonly lat: number },
  radiusMetres: number,
  options: { readonly buildingId?: string; readonly limit?: number } = {},
): BuildingsNear {
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((centre.lat * Math.PI) / 180);
  const local = (i: number): LocalBuilding => {
    const ring = localRing(columns, i, centre, mPerDegLon);
    return {
      id: columns.ids[i] as string,
      ring,
      height: columns.heights[i] as number,
      distance: ringContains(ring, 0, 0) ? 0 : Math.min(...ring.map(([x, y]) => Math.hypot(x, y))),
    };
  };
  const within = buildingsWithin(columns, centre, radiusMetres, options);
  return {
    ...(within.target !== undefined ? { target: local(within.target) } : {}),
    neighbours: within.inside.map(local),
  };
}

/** Building `i`'s outer ring in metres east and north of `centre`, without the closing repeat. */
function localRing(
  columns: BuildingColumns,
  i: number,
  centre: { readonly lon: number; readonly lat: number },
  mPerDegLon: number,
): [number, number][] {
  const from = columns.startIndices[i] as number;
  // Rings are closed: the last vertex repeats the first.
  const to = (columns.startIndices[i + 1] as number) - 1;
  const ring: [number, number][] = [];
  for (let k = from; k < to; k += 1)
    ring.push([
      ((columns.positions[k * 2] as number) - centre.lon) * mPerDegLon,
      ((columns.positions[k * 2 + 1] as number) - centre.lat) * M_PER_DEG_LAT,
    ]);
  return ring;
}

/** Storeys of a building: its height over the storey height, at least one. */
export function floorsOf(height: number, storeyMetres = 3): number {
  return Math.max(1, Math.round(height / storeyMetres));
}
