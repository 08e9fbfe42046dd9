/**
 * Raster base-map tiles from a URL template, for a command hall that has an intranet tile
 * server or a 天地图-style WMTS: `{z}`, `{x}`, `{y}` (or `{-y}` for TMS) in Web Mercator, the
 * usual XYZ scheme. Which tiles cover a view is decided here, so the map only draws them.
 */
export interface TileSource {
  readonly url: string;
  readonly minZoom?: number;
  readonly maxZoom?: number;
}

export interface TileId {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** Why a template cannot be used, or undefined when it can. */
export function tileTemplateProblem(url: string): string | undefined {
  if (!/^https?:\/\//.test(url) && !url.startsWith('/')) return 'must be an http(s) URL';
  if (
    !url.includes('{z}') ||
    !url.includes('{x}') ||
    !(url.includes('{y}') || url.includes('{-y}'))
  )
    return 'must contain {z}, {x} and {y} (or {-y})';
  return undefined;
}

export function tileUrl(template: string, { z, x, y }: TileId): string {
  return template
    .replaceAll('{z}', String(z))
    .replaceAll('{x}', String(x))
    .replaceAll('{-y}', String(2 ** z - 1 - y))
    .replaceAll('{y}', String(y));
}

const MAX_LAT = 85.05112878;

function lonToX(lon: number, z: number): number {
  return ((lon + 180) / 360) * 2 ** z;
}

function latToY(lat: number, z: number): number {
  const r = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z;
}

/** West, south, east, north of a tile in degrees. */
export function tileBounds({ z, x, y }: TileId): [number, number, number, number] {
  const n = 2 ** z;
  const lat = (t: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * t) / n))) * 180) / Math.PI;
  return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)];
}

/**
 * The tiles covering `bounds` (west, south, east, north) at the view's zoom, clamped to the
 * source's zoom range; a tilted view that would need more than `maxTiles` drops a zoom level
 * rather than flood the tile server.
 */
export function tilesFor(
  bounds: readonly [number, number, number, number],
  viewZoom: number,
  source: TileSource,
  maxTiles = 64,
): TileId[] {
  const [west, south, east, north] = bounds;
  let z = Math.round(Math.max(source.minZoom ?? 0, Math.min(source.maxZoom ?? 18, viewZoom)));
  for (; z >= 0; z -= 1) {
    const n = 2 ** z;
    const x0 = Math.max(0, Math.floor(lonToX(west, z)));
    const x1 = Math.min(n - 1, Math.floor(lonToX(east, z)));
    const y0 = Math.max(0, Math.floor(latToY(north, z)));
    const y1 = Math.min(n - 1, Math.floor(latToY(south, z)));
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > maxTiles && z > (source.minZoom ?? 0)) continue;
    const tiles: TileId[] = [];
    for (let y = y0; y <= y1; y += 1) for (let x = x0; x <= x1; x += 1) tiles.push({ z, x, y });
    return tiles.slice(0, maxTiles);
  }
  return [];
}
