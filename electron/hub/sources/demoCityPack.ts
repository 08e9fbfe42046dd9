import { clipRingToBox } from '../../../shared/geo/clip';
import { encodeBuildingColumns } from '../../../shared/geo/buildingsBinary';
import type { CityPackManifest } from '../../../shared/geo/cityPack';
import { generateZonedCity } from '../../../shared/geo/zonedCity';
import { Random } from '../../../shared/random';
import { demoResourcesJson } from './demoResources';
import {
  DEMO_CITY,
  DEMO_STREETS,
  demoZone,
  GRID_CELL,
  gridCode,
  gridOf,
  insideOutline,
  OUTLINE,
  STAR_LAKE,
  XIJIANG_BANK,
  XIJIANG_WIDTH,
} from './demoCity';

/** The demo city's seed: the same Duanzhou every time. */
const DEMO_CITY_SEED = 441_202;
const CAMERAS = 90;

type Ring = [number, number][];
const feature = (id: string, name: string, ring: Ring, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  id,
  properties: { name, ...extra },
  geometry: { type: 'Polygon', coordinates: [ring] },
});
const rect = (w: number, s: number, e: number, n: number): Ring => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

/**
 * The embedded demo city as a city pack, the same files a real city would provide: about
 * 30,000 generated buildings in Duanzhou's real outline, by zone (old town, high-rise, industry, parks, Star Lake and the Xijiang), its streets, the five grid levels (city,
 * district, street, community, 100 m unit grid) and about 90 cameras at major junctions.
 */
export function demoCityPackFiles(): Map<string, string | Uint8Array> {
  const { bounds } = DEMO_CITY;
  const city = generateZonedCity(
    {
      bounds: [bounds.west, bounds.south, bounds.east, bounds.north],
      inside: (lon, lat) => insideOutline({ lon, lat }),
      zoneAt: demoZone,
    },
    DEMO_CITY_SEED,
  );
  const files = new Map<string, string | Uint8Array>();
  // Compiled columns, as `npm run pack:compile` writes them: every wall window reads the city.
  files.set('buildings.bin', encodeBuildingColumns(city.buildings));
  const roads = city.roads;
  files.set(
    'roads.geojson',
    collection(
      roads.classes.map((fclass, i) => {
        const from = (roads.startIndices[i] as number) * 2;
        const to = (roads.startIndices[i + 1] as number) * 2;
        const coords: [number, number][] = [];
        for (let k = from; k < to; k += 2)
          coords.push([roads.positions[k] as number, roads.positions[k + 1] as number]);
        return {
          type: 'Feature',
          id: i,
          properties: { fclass },
          geometry: { type: 'LineString', coordinates: coords },
        };
      }),
    ),
  );
  // The Xijiang river along the south edge, and Star Lake.
  const ring = (points: readonly (readonly [number, number])[]): Ring => [
    ...points.map(([x, y]) => [x, y] as [number, number]),
    [points[0]?.[0] as number, points[0]?.[1] as number],
  ];
  const southBank = [...XIJIANG_BANK].reverse().map(([x, y]) => [x, y - XIJIANG_WIDTH] as const);
  files.set(
    'water.geojson',
    collection([
      feature('xijiang', '西江', ring([...XIJIANG_BANK, ...southBank])),
      feature('xinghu', '星湖', ring(STAR_LAKE)),
    ]),
  );
  files.set(
    'city.geojson',
    collection([
      feature(
        '441200',
        '肇庆市',
        rect(bounds.west - 0.01, bounds.south - 0.01, bounds.east + 0.01, bounds.north + 0.01),
      ),
    ]),
  );
  files.set(
    'district.geojson',
    collection([
      feature(DEMO_CITY.id, '端州区', [
        ...OUTLINE.map(([x, y]) => [x, y] as [number, number]),
        [OUTLINE[0]?.[0] as number, OUTLINE[0]?.[1] as number],
      ]),
    ]),
  );
  const splits = {
    west: bounds.west,
    mid1: 112.455,
    mid2: 112.49,
    east: bounds.east,
    south: bounds.south,
    midY: 23.07,
    north: bounds.north,
  };
  const streetRects: Record<string, Ring> = {
    城西街道: rect(splits.west, splits.south, splits.mid1, splits.north),
    城东街道: rect(splits.mid1, splits.south, splits.mid2, splits.midY),
    睦岗街道: rect(splits.mid1, splits.midY, splits.mid2, splits.north),
    黄岗街道: rect(splits.mid2, splits.south, splits.east, splits.north),
  };
  // Each street is the part of the district inside its extent, so no outline leaves the district.
  const streetRing = (r: Ring): Ring => {
    const xs = r.map((p) => p[0]);
    const ys = r.map((p) => p[1]);
    const clipped = clipRingToBox(OUTLINE, [
      Math.min(...xs),
      Math.min(...ys),
      Math.max(...xs),
      Math.max(...ys),
    ]).map(([x, y]) => [round(x), round(y)] as [number, number]);
    return [...clipped, clipped[0] as [number, number]];
  };
  files.set(
    'street.geojson',
    collection(
      DEMO_STREETS.map((s) => feature(s.code, s.name, streetRing(streetRects[s.name] as Ring))),
    ),
  );
  // Unit grids of about 100 m, and communities of 10 × 10 of them, where the district is.
  const communities: unknown[] = [];
  const grids: unknown[] = [];
  const { width: gw, height: gh } = GRID_CELL;
  for (let col = 0; bounds.west + col * gw < bounds.east; col += 1) {
    for (let row = 0; bounds.south + row * gh < bounds.north; row += 1) {
      const w = bounds.west + col * gw;
      const s = bounds.south + row * gh;
      // Every cell the district touches (a 3 × 3 sample of it), so each case has its cell.
      const touches = [0, 0.5, 1].some((fx) =>
        [0, 0.5, 1].some((fy) => insideOutline({ lon: w + fx * gw, lat: s + fy * gh })),
      );
      if (!touches) continue;
      const { grid, street } = gridCode(col, row);
      grids.push(
        feature(
          grid,
          `${street}${grid.slice(-6)}`,
          rect(round(w), round(s), round(w + gw), round(s + gh)),
        ),
      );
      if (col % 10 === 0 && row % 10 === 0) {
        const code = grid.slice(0, 12);
        communities.push(
          feature(
            code,
            `${street}第${code.slice(-3)}社区`,
            rect(round(w), round(s), round(w + 10 * gw), round(s + 10 * gh)),
          ),
        );
      }
    }
  }
  files.set('community.geojson', collection(communities));
  files.set('grid.geojson', collection(grids));
  files.set('cameras.geojson', camerasJson(city.junctions));
  files.set('resources.geojson', demoResourcesJson(DEMO_CITY_SEED + 2));
  const manifest: CityPackManifest = {
    version: 1,
    id: 'zhaoqing-duanzhou-demo',
    name: { zh: '肇庆市端州区（演示）', en: 'Duanzhou, Zhaoqing (demo)' },
    view: { center: [112.468, 23.06], zoom: 13.5 },
    crs: 'wgs84',
    buildings: { file: 'buildings.bin', format: 'columns' },
    roads: { file: 'roads.geojson' },
    water: { file: 'water.geojson' },
    boundaries: (['city', 'district', 'street', 'community', 'grid'] as const).map((level) => ({
      file: `${level}.geojson`,
      level,
    })),
    cameras: { file: 'cameras.geojson' },
    resources: { file: 'resources.geojson' },
  };
  files.set('citypack.json', JSON.stringify(manifest));
  return files;
}

/** Cameras at major junctions, spread over the city, with GB/T 28181-style 20-digit ids. */
function camerasJson(junctions: readonly (readonly [number, number])[]): string {
  const random = new Random(DEMO_CITY_SEED + 1);
  const pool = [...junctions];
  for (let i = pool.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [pool[i], pool[j]] = [
      pool[j] as readonly [number, number],
      pool[i] as readonly [number, number],
    ];
  }
  const picked = pool.slice(0, CAMERAS);
  return collection(
    picked.map(([lon, lat], i) => {
      const { street } = gridOf({ lon, lat });
      const id = `4412020000132${String(i + 1).padStart(7, '0')}`;
      return {
        type: 'Feature',
        id,
        properties: {
          id,
          stream: `/hls/${id}/index.m3u8`,
          name: `${street}${random.pick(['江滨路', '天宁路', '端州路', '建设路', '星湖大道', '宋城路', '康乐路', '信安大道'])}路口${i + 1}号`,
          heading: random.int(0, 359),
          fov: random.pick([60, 75, 90]),
        },
        geometry: { type: 'Point', coordinates: [lon, lat] },
      };
    }),
  );
}

function round(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}
