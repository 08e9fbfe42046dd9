import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, loadMapping } from '../../electron/hub/import/importFile';
import { buildingMesh } from '../../shared/geo/buildingMesh';
import { checkCityPack, type CityPackManifest } from '../../shared/geo/cityPack';
import { gcj02ToWgs84 } from '../../shared/geo/coords';
import { loadCityPack } from '../../shared/geo/loadCityPack';
import { folderSource } from '../pack/compilePack';

/** Real public data from ../shared/data, read in place (never copied into the repo). */
const DATA = resolve(__dirname, '../../../shared/data');

function manifest(value: unknown): CityPackManifest {
  const checked = checkCityPack(value);
  if (!checked.ok) throw new Error(checked.error);
  return checked.manifest;
}

/** Whether building i's ring crosses itself or visits a vertex twice. */
function selfTouching(positions: Float64Array, starts: Uint32Array, i: number): boolean {
  const pts: [number, number][] = [];
  for (let v = starts[i] as number; v < (starts[i + 1] as number) - 1; v += 1)
    pts.push([positions[2 * v] as number, positions[2 * v + 1] as number]);
  const keys = pts.map(([x, y]) => `${x},${y}`);
  if (new Set(keys).size < keys.length) return true;
  const side = (a: [number, number], b: [number, number], c: [number, number]) =>
    Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const n = pts.length;
  for (let j = 0; j < n; j += 1)
    for (let k = j + 2; k < n; k += 1) {
      if (j === 0 && k === n - 1) continue;
      const at = (m: number) => pts[m % n] as [number, number];
      const [a, b, c, d] = [at(j), at(j + 1), at(k), at(k + 1)];
      if (side(a, b, c) * side(a, b, d) <= 0 && side(c, d, a) * side(c, d, b) <= 0) return true;
    }
  return false;
}

/** The Lower Manhattan buildings as a pack's manifest; tests add the other files they read. */
const MANHATTAN = {
  version: 1,
  id: 'nyc',
  name: { zh: '纽约下曼哈顿', en: 'Lower Manhattan' },
  view: { center: [-73.995, 40.715], zoom: 14 },
  crs: 'wgs84',
  buildings: { file: 'manhattan-buildings.json', format: 'polygon-array' },
};

describe('real data as city packs', () => {
  it('Lower Manhattan: 999 buildings, 8,451 roads and 723 NYC DOT cameras, with the right bounds', async () => {
    const pack = await loadCityPack(
      manifest({
        ...MANHATTAN,
        roads: { file: 'manhattan-roads.geojson' },
        cameras: { file: 'nyc-dot-cameras.geojson' },
      }),
      folderSource(join(DATA, 'nyc')),
    );
    // Three of the 999 records are a single point repeated (collapsed by the data's rounding):
    // they are refused by name, and the other 996 load.
    expect(pack.problems.map((p) => `${p.file} #${p.feature}: ${p.reason}`)).toEqual([
      'manhattan-buildings.json #349: ring has no area',
      'manhattan-buildings.json #368: ring has no area',
      'manhattan-buildings.json #598: ring has no area',
    ]);
    const b = pack.buildings;
    expect(b?.count).toBe(996);
    const [west, south, east, north] = b?.bounds ?? [];
    expect(west).toBeCloseTo(-74.0185, 3);
    expect(east).toBeCloseTo(-73.9719, 3);
    expect(south).toBeCloseTo(40.7005, 3);
    expect(north).toBeCloseTo(40.7306, 3);
    expect(Math.max(...(b?.heights ?? []))).toBe(541);
    expect(pack.roads?.count).toBe(8_451);
    expect(pack.cameras).toHaveLength(723);
    const inBox = pack.cameras.filter(
      ({ position: [x, y] }) =>
        x >= (west as number) &&
        x <= (east as number) &&
        y >= (south as number) &&
        y <= (north as number),
    );
    expect(inBox).toHaveLength(117);

    // The 311 requests of the day that fall in this block land among its buildings.
    const cases = (
      await importFile(
        await loadMapping(resolve(__dirname, '../../assets/mappings/nyc311.json')),
        join(DATA, 'nyc/nyc311-2018-10-21.csv'),
      )
    ).events.flatMap((e) => (e.type === 'case.reported' ? [e.payload.position] : []));
    const here = cases.filter(
      (p) =>
        p.lon >= (west as number) &&
        p.lon <= (east as number) &&
        p.lat >= (south as number) &&
        p.lat <= (north as number),
    );
    expect(cases).toHaveLength(6_650);
    expect(here.length).toBeGreaterThan(100);
    // 311 addresses are on streets: every case in the block is near a road of the pack, which
    // a swapped axis or an unconverted offset would break.
    const roads = pack.roads?.positions ?? new Float64Array();
    const nearestRoadMetres = (lon: number, lat: number) => {
      let best = Infinity;
      for (let k = 0; k < roads.length; k += 2)
        best = Math.min(
          best,
          Math.hypot(
            ((roads[k] as number) - lon) * 84_400,
            ((roads[k + 1] as number) - lat) * 111_320,
          ),
        );
      return best;
    };
    const distances = here.map((p) => nearestRoadMetres(p.lon, p.lat)).sort((x, y) => x - y);
    // Seen here: 250 cases, median 26 m, farthest 103 m from a road vertex.
    expect(distances.at(-1)).toBeLessThan(150);
  });

  it('the Manhattan buildings become a mesh whose roofs cover each footprint', async () => {
    const pack = await loadCityPack(manifest(MANHATTAN), folderSource(join(DATA, 'nyc')));
    const b = pack.buildings;
    if (!b) throw new Error('no buildings');
    const chunks = buildingMesh(b, 400);
    expect(chunks.map((c) => c.count)).toEqual([400, 400, 196]);
    // Roof area by triangles against the footprint's own (shoelace) area, building by building.
    const off: number[] = [];
    for (const c of chunks) {
      const roof = new Float64Array(c.count);
      const x = (v: number) => c.positions[2 * v] as number;
      const y = (v: number) => c.positions[2 * v + 1] as number;
      for (let t = 0; t < c.indices.length; t += 3) {
        const p = c.indices[t] as number;
        const q = c.indices[t + 1] as number;
        const r = c.indices[t + 2] as number;
        const row = c.rowIndexes[p] as number;
        roof[row] =
          (roof[row] as number) +
          Math.abs((x(q) - x(p)) * (y(r) - y(p)) - (x(r) - x(p)) * (y(q) - y(p))) / 2;
      }
      for (let i = 0; i < c.count; i += 1) {
        let twice = 0;
        for (let v = c.startIndices[i] as number; v < (c.startIndices[i + 1] as number) - 1; v += 1)
          twice += x(v) * y(v + 1) - x(v + 1) * y(v);
        if (Math.abs((roof[i] as number) / (Math.abs(twice) / 2) - 1) > 1e-3) off.push(c.first + i);
      }
    }
    // Those that differ are rings that cross or touch themselves in the data (rounded to 1e-5°),
    // where the shoelace area is not the footprint; deck.gl's own earcut gives the same roofs.
    expect(off.length).toBeLessThan(10);
    for (const i of off) expect(selfTouching(b.positions, b.startIndices, i), `#${i}`).toBe(true);
  });

  it('Guangdong district boundaries import from GCJ-02 to WGS-84 and keep their district codes', async () => {
    const file = 'guang3_dong1_zhao4_qing4.geojson';
    const raw = JSON.parse(await readFile(join(DATA, 'guangdong', file), 'utf8')) as {
      features: {
        id: string;
        properties: { name: string };
        geometry: { type: string; coordinates: number[][][] };
      }[];
    };
    const pack = await loadCityPack(
      manifest({
        version: 1,
        id: 'zhaoqing',
        name: { zh: '肇庆', en: 'Zhaoqing' },
        view: { center: [112.46, 23.05], zoom: 10 },
        boundaries: [{ file, level: 'district', crs: 'gcj02' }],
      }),
      folderSource(join(DATA, 'guangdong')),
    );
    expect(pack.problems).toEqual([]);
    const districts = pack.boundaries.district ?? [];
    expect(districts.map((d) => d.code).sort()).toEqual(
      raw.features.map((f) => String(f.id)).sort(),
    );
    const duanzhou = districts.find((d) => d.code === '441202');
    expect(duanzhou?.name).toBe('端州区');
    // The first vertex moved from GCJ-02 to WGS-84: equal to the converted raw vertex, hundreds of metres away.
    const rawDuanzhou = raw.features.find((f) => String(f.id) === '441202');
    const [gx, gy] = rawDuanzhou?.geometry.coordinates[0]?.[0] ?? [0, 0];
    const [wx, wy] = gcj02ToWgs84(gx as number, gy as number);
    // Rings are rewound counter-clockwise, so look for the vertex rather than its index.
    const ring = duanzhou?.polygons[0] ?? [];
    const k = ring.findIndex(
      (v, i) =>
        i % 2 === 0 && Math.abs(v - wx) < 1e-9 && Math.abs((ring[i + 1] as number) - wy) < 1e-9,
    );
    expect(k).toBeGreaterThanOrEqual(0);
    expect(Math.abs(wx - (gx as number)) * 102_000).toBeGreaterThan(200);
  });

  it('every Guangdong city file imports with every district; only slivers flattened by the data are refused', async () => {
    const dir = join(DATA, 'guangdong');
    let slivers = 0;
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.geojson'))) {
      const raw = JSON.parse(await readFile(join(dir, file), 'utf8')) as {
        features: { id: string }[];
      };
      const pack = await loadCityPack(
        manifest({
          version: 1,
          id: 'gd',
          name: { zh: '广东', en: 'Guangdong' },
          view: { center: [113.3, 23.1], zoom: 7 },
          boundaries: [{ file, level: 'district', crs: 'gcj02' }],
        }),
        folderSource(dir),
      );
      expect(pack.boundaries.district?.map((d) => d.code).sort(), file).toEqual(
        raw.features.map((f) => String(f.id)).sort(),
      );
      for (const p of pack.problems)
        expect(p.reason, `${file} #${p.feature}`).toBe('ring has no area');
      slivers += pack.problems.length;
    }
    // Four island parts are quantised to nothing in the 1/1024° source (Chaozhou 1, Shanwei 2, Zhuhai 1).
    expect(slivers).toBe(4);
  });
});
