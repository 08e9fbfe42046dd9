import type { CoordSystem } from './coords';
import type { Problem } from './problems';
import { packRuns } from './columns';
import { featuresOf } from './features';
import { readRing } from './rings';

/**
 * Buildings as columns, ready for a deck.gl layer's binary attributes: one flat array of
 * footprint positions, where each building starts, its height and its id. No per-building
 * objects survive parsing, so half a million buildings cost a few typed arrays.
 */
export interface BuildingColumns {
  readonly count: number;
  /** lon, lat pairs (WGS-84) of every footprint's outer ring, closed, one after another. */
  readonly positions: Float64Array;
  /** Vertex index where building i starts; startIndices[count] is the total vertex count. */
  readonly startIndices: Uint32Array;
  readonly heights: Float32Array;
  readonly ids: readonly string[];
  readonly bounds: readonly [number, number, number, number];
}

export interface BuildingSource {
  readonly file: string;
  /** `geojson`: a FeatureCollection of (Multi)Polygons; `polygon-array`: `[{polygon, height}]` as in deck.gl's examples. */
  readonly format: 'geojson' | 'polygon-array';
  readonly crs: CoordSystem;
  /** Metres per storey when only levels or floors are given. */
  readonly storeyHeight?: number;
}

/** Heights in metres from `height`, else `levels` / `floors` / `building:levels` times a storey. */
function heightOf(props: Record<string, unknown>, storey: number): number | undefined {
  const num = (v: unknown) =>
    typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  const h = num(props.height);
  if (Number.isFinite(h) && h > 0 && h < 1000) return h;
  for (const key of ['levels', 'floors', 'building:levels']) {
    const n = num(props[key]);
    if (Number.isFinite(n) && n > 0 && n < 300) return n * storey;
  }
  return undefined;
}

export function readBuildings(
  value: unknown,
  source: BuildingSource,
): { columns: BuildingColumns; problems: Problem[] } {
  const problems: Problem[] = [];
  const storey = source.storeyHeight ?? 3;
  const items: { id: string; ring: unknown; props: Record<string, unknown> }[] = [];
  const bad = (feature: number | string, reason: string): void => {
    problems.push({ file: source.file, feature, reason });
  };

  if (source.format === 'polygon-array') {
    if (!Array.isArray(value)) bad('-', 'expected an array of {polygon, height}');
    else
      value.forEach((item, i) => {
        if (typeof item !== 'object' || item === null) {
          bad(i, 'not an object');
          return;
        }
        const { polygon } = item as { polygon?: unknown };
        // Either a ring, or rings with the outer one first (holes are not drawn in a grey model).
        const ring =
          Array.isArray(polygon) &&
          Array.isArray(polygon[0]) &&
          Array.isArray((polygon[0] as unknown[])[0])
            ? polygon[0]
            : polygon;
        items.push({ id: String(i), ring, props: item as Record<string, unknown> });
      });
  } else {
    for (const { id, geometry: g, props } of featuresOf(value, source.file, problems)) {
      if (g?.type === 'Polygon' && Array.isArray(g.coordinates))
        items.push({ id, ring: g.coordinates[0], props });
      else if (g?.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
        for (const polygon of g.coordinates)
          items.push({ id, ring: Array.isArray(polygon) ? polygon[0] : undefined, props });
      } else if (g?.type === 'Polygon' || g?.type === 'MultiPolygon')
        bad(id, `${g.type} coordinates are not an array`);
      else bad(id, `geometry ${String(g?.type)} is not a polygon`);
    }
  }

  const rings: number[][] = [];
  const heights: number[] = [];
  const ids: string[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const item of items) {
    const height = heightOf(item.props, storey);
    if (height === undefined) {
      bad(item.id, 'no usable height, levels or floors');
      continue;
    }
    const ring = readRing(item.ring, source.crs);
    if (!ring.ok) {
      bad(item.id, ring.reason);
      continue;
    }
    for (let k = 0; k < ring.ring.length; k += 2) {
      const x = ring.ring[k] as number;
      const y = ring.ring[k + 1] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    rings.push(ring.ring);
    heights.push(height);
    ids.push(item.id);
  }

  const { positions, startIndices } = packRuns(rings);
  return {
    columns: {
      count: rings.length,
      positions,
      startIndices,
      heights: Float32Array.from(heights),
      ids,
      bounds: [minX, minY, maxX, maxY],
    },
    problems,
  };
}
