import { toWgs84, type CoordSystem } from './coords';
import type { Problem } from './problems';
import { packRuns } from './columns';
import { readRing } from './rings';

/** A GeoJSON FeatureCollection's features, or a problem naming the file. */
export function featuresOf(
  value: unknown,
  file: string,
  problems: Problem[],
): {
  id: string;
  geometry: { type?: unknown; coordinates?: unknown } | undefined;
  props: Record<string, unknown>;
}[] {
  const features = (value as { type?: unknown; features?: unknown })?.features;
  if ((value as { type?: unknown })?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    problems.push({ file, feature: '-', reason: 'expected a GeoJSON FeatureCollection' });
    return [];
  }
  return features.flatMap((f, i) => {
    if (typeof f !== 'object' || f === null) {
      problems.push({ file, feature: i, reason: 'not a GeoJSON feature' });
      return [];
    }
    const feature = f as {
      id?: unknown;
      geometry?: { type?: unknown; coordinates?: unknown };
      properties?: unknown;
    };
    const props = (
      typeof feature?.properties === 'object' && feature.properties !== null
        ? feature.properties
        : {}
    ) as Record<string, unknown>;
    return [
      {
        id: feature?.id !== undefined && feature.id !== null ? String(feature.id) : String(i),
        geometry: feature?.geometry,
        props,
      },
    ];
  });
}

/** District, street, community or grid boundaries, converted to WGS-84, keeping their codes. */
export interface Boundary {
  readonly code: string;
  readonly name: string;
  /** Outer rings, flat lon/lat. */
  readonly polygons: readonly number[][];
  readonly labelPoint?: readonly [number, number];
}

export function readBoundaries(
  value: unknown,
  file: string,
  crs: CoordSystem,
): { boundaries: Boundary[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const boundaries: Boundary[] = [];
  for (const f of featuresOf(value, file, problems)) {
    const g = f.geometry;
    const polygonList =
      g?.type === 'Polygon'
        ? [g.coordinates]
        : g?.type === 'MultiPolygon' && Array.isArray(g.coordinates)
          ? g.coordinates
          : undefined;
    if (!Array.isArray(polygonList)) {
      problems.push({
        file,
        feature: f.id,
        reason: `geometry ${String(g?.type)} is not a polygon`,
      });
      continue;
    }
    const polygons: number[][] = [];
    for (const polygon of polygonList) {
      const ring = readRing(Array.isArray(polygon) ? polygon[0] : undefined, crs);
      if (ring.ok) polygons.push(ring.ring);
      else problems.push({ file, feature: f.id, reason: ring.reason });
    }
    if (polygons.length === 0) continue;
    const cp = f.props.cp;
    const label =
      Array.isArray(cp) && typeof cp[0] === 'number' && typeof cp[1] === 'number'
        ? toWgs84(crs, cp[0], cp[1])
        : undefined;
    const name = f.props.name;
    boundaries.push({
      code: String(f.props.code ?? f.id),
      name: typeof name === 'string' ? name : '',
      polygons,
      ...(label ? { labelPoint: label } : {}),
    });
  }
  return { boundaries, problems };
}

/** Road centre lines as columns: flat positions, where each line starts, its class. */
export interface LineColumns {
  readonly count: number;
  readonly positions: Float64Array;
  readonly startIndices: Uint32Array;
  readonly classes: readonly string[];
}

export function readLines(
  value: unknown,
  file: string,
  crs: CoordSystem,
  classProperty = 'fclass',
): { lines: LineColumns; problems: Problem[] } {
  const problems: Problem[] = [];
  const parts: number[][] = [];
  const classes: string[] = [];
  for (const f of featuresOf(value, file, problems)) {
    const g = f.geometry;
    const lines =
      g?.type === 'LineString'
        ? [g.coordinates]
        : g?.type === 'MultiLineString' && Array.isArray(g.coordinates)
          ? g.coordinates
          : undefined;
    if (!Array.isArray(lines)) {
      problems.push({ file, feature: f.id, reason: `geometry ${String(g?.type)} is not a line` });
      continue;
    }
    for (const line of lines) {
      const flat = readPoints(line, crs);
      if (typeof flat === 'string') problems.push({ file, feature: f.id, reason: flat });
      else if (flat.length < 4)
        problems.push({ file, feature: f.id, reason: 'line has fewer than 2 points' });
      else {
        parts.push(flat);
        classes.push(String(f.props[classProperty] ?? ''));
      }
    }
  }
  const { positions, startIndices } = packRuns(parts);
  return { lines: { count: parts.length, positions, startIndices, classes }, problems };
}

export function readPoints(raw: unknown, crs: CoordSystem): number[] | string {
  if (!Array.isArray(raw)) return 'coordinates are not an array';
  const flat: number[] = [];
  for (const p of raw) {
    const [lon, lat] = Array.isArray(p) ? (p as unknown[]) : [];
    if (
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat)
    )
      return 'coordinate is not a finite number';
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
      return `coordinate out of range (${lon}, ${lat})`;
    flat.push(...toWgs84(crs, lon, lat));
  }
  return flat;
}

/** A camera from a city pack: where it is, what it is called, and where its stream is. */
export interface Camera {
  readonly id: string;
  readonly name: string;
  readonly position: readonly [number, number];
  readonly streamUrl?: string;
  /** Degrees clockwise from north, and field of view, when the platform knows them. */
  readonly heading?: number;
  readonly fov?: number;
}

export function readCameras(
  value: unknown,
  file: string,
  crs: CoordSystem,
  streamProperty = 'stream',
): { cameras: Camera[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const cameras: Camera[] = [];
  const seen = new Set<string>();
  for (const f of featuresOf(value, file, problems)) {
    const g = f.geometry;
    const flat =
      g?.type === 'Point'
        ? readPoints([g.coordinates], crs)
        : `geometry ${String(g?.type)} is not a point`;
    if (typeof flat === 'string') {
      problems.push({ file, feature: f.id, reason: flat });
      continue;
    }
    const id = String(f.props.id ?? f.id);
    if (seen.has(id)) {
      problems.push({ file, feature: f.id, reason: `duplicate camera id ${id}` });
      continue;
    }
    seen.add(id);
    const stream = f.props[streamProperty];
    const heading = f.props.heading;
    const fov = f.props.fov;
    cameras.push({
      id,
      name: typeof f.props.name === 'string' ? f.props.name : id,
      position: [flat[0] as number, flat[1] as number],
      // An absolute URL, or a path on the hub that serves the pack (the demo's media server).
      ...(typeof stream === 'string' && /^(https?:\/\/|\/[^/])/.test(stream)
        ? { streamUrl: stream }
        : {}),
      ...(typeof heading === 'number' && Number.isFinite(heading)
        ? { heading: ((heading % 360) + 360) % 360 }
        : {}),
      ...(typeof fov === 'number' && fov > 0 && fov <= 360 ? { fov } : {}),
    });
  }
  return { cameras, problems };
}
