/**
 * `npm run bench:map`: generated cities of 10k, 100k and 500k buildings (seed 441202, the demo
 * outline scaled up) loaded in Chromium, in the same run: our way (worker → columns and roof
 * triangles → SolidPolygonLayer), from a compiled `columns` file and from polygon-array JSON,
 * and the common way (GeoJSON URL → GeoJsonLayer). Reports when the first frame with every
 * building was issued and shown, the longest main-thread task and the longest run of JavaScript,
 * JavaScript per frame, heap, and the time to take 1,000 new cases into the heatmap. WebGL is
 * software (SwiftShader) here: GPU time is not measured and no frame rate is reported. Figures
 * are printed and written to build/bench-map.json.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Hub } from '../../electron/hub/hub';
import { tempDir, TEST_CITY } from '../../electron/hub/testSupport';
import { encodeBuildingColumns } from '../../shared/geo/buildingsBinary';
import { generateCity, type GeneratedCity } from '../../shared/geo/generateCity';

/** How long one load may take before it is reported as not finished. */
const LIMIT_MS = Number(process.env.BENCH_LIMIT_MS ?? 600_000);
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,500000').split(',').map(Number);
const SEED = 441_202;
/** The page's size: software rasterising grows with it, so a small one shows the rest. */
const [WIDTH, HEIGHT] = (process.env.BENCH_VIEWPORT ?? '1280x720').split('x').map(Number) as [
  number,
  number,
];
const CENTRE: [number, number] = [112.485, 23.07];

/** The demo city's ellipse, widened with the size so density stays city-like. */
function city(n: number): GeneratedCity {
  const k = Math.sqrt(n / 50_000);
  const [cx, cy] = CENTRE;
  return generateCity(
    {
      bounds: [cx - 0.075 * k, cy - 0.042 * k, cx + 0.075 * k, cy + 0.042 * k],
      centre: CENTRE,
      inside: (lon, lat) => Math.hypot((lon - cx) / (0.075 * k), (lat - cy) / (0.042 * k)) < 1,
    },
    n,
    SEED,
  );
}

const cache = new Map<string, string | Uint8Array>();
function files(n: number): void {
  const c = city(n).buildings;
  const arrays: string[] = [];
  const features: string[] = [];
  for (let i = 0; i < c.count; i += 1) {
    const ring: string[] = [];
    for (
      let k = (c.startIndices[i] as number) * 2;
      k < (c.startIndices[i + 1] as number) * 2;
      k += 2
    )
      ring.push(`[${c.positions[k]},${c.positions[k + 1]}]`);
    arrays.push(`{"height":${c.heights[i]},"polygon":[${ring.join(',')}]}`);
    features.push(
      `{"type":"Feature","properties":{"height":${c.heights[i]}},"geometry":{"type":"Polygon","coordinates":[[${ring.join(',')}]]}}`,
    );
  }
  cache.set(`n${n}-json/buildings.json`, `[${arrays.join(',')}]`);
  cache.set(`n${n}/buildings.bin`, encodeBuildingColumns(c));
  cache.set(
    `n${n}/buildings.geojson`,
    `{"type":"FeatureCollection","features":[${features.join(',')}]}`,
  );
  const manifest = (buildings: object) =>
    JSON.stringify({
      version: 1,
      id: `bench-${n}`,
      name: { zh: '基准', en: 'Bench' },
      view: { center: CENTRE, zoom: 12.5 },
      buildings,
    });
  cache.set(`n${n}/citypack.json`, manifest({ file: 'buildings.bin', format: 'columns' }));
  cache.set(
    `n${n}-json/citypack.json`,
    manifest({ file: 'buildings.json', format: 'polygon-array' }),
  );
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The longest stretch of consecutive samples spent in JavaScript or its garbage collection: a
 * stretch ends at a sample that is idle or native ("(program)": here mostly waiting on the GPU
 * process).
 */
function longestJavaScript(profile: CpuProfile): number {
  const outside = new Set(
    profile.nodes
      .filter((n) => ['(idle)', '(program)', '(root)'].includes(n.callFrame.functionName))
      .map((n) => n.id),
  );
  let longest = 0;
  let run = 0;
  profile.samples.forEach((id, k) => {
    const delta = (profile.timeDeltas[k + 1] ?? 0) / 1000;
    run = outside.has(id) ? 0 : run + delta;
    longest = Math.max(longest, run);
  });
  return longest;
}

const { dir, cleanup } = await tempDir('citywall-benchmap-');
const hub = await Hub.start({
  city: TEST_CITY,
  dataDir: dir,
  serveDir: resolve('dist/renderer'),
  cityPack: async (name) => cache.get(name),
});
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
});
type Result = {
  mode: string;
  buildings: number;
  workerParseMs?: number;
  workerMeshMs?: number;
  layers?: number;
  firstFrameMs: number;
  firstFrameShownMs: number;
  longestTaskMs: number;
  longestTaskAt?: number;
  longestJsMs?: number;
  pageStartTaskMs?: number;
  frameJsMs: number;
  heat1000Ms?: number;
  heapMb?: number;
};
/** The ways compared: ours from a compiled pack, ours from the JSON one, and the reference. */
const WAYS = [
  { key: 'columns', label: 'columns file → worker mesh (ours)', mode: 'binary', folder: '' },
  {
    key: 'json',
    label: 'polygon-array JSON → worker mesh (ours)',
    mode: 'binary',
    folder: '-json',
  },
  { key: 'reference', label: 'GeoJSON → GeoJsonLayer (reference)', mode: 'geojson', folder: '' },
] as const;
const results: { n: number; ways: Partial<Record<string, Result>> }[] = [];
const partial = new Map<string, Record<string, number> | undefined>();
try {
  for (const n of SIZES) {
    files(n);
    const run = async (mode: string, folder: string): Promise<Result | undefined> => {
      const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
      // A CPU profile of the main thread over the load: under software WebGL the longest task is
      // mostly the main thread waiting on the GPU process, so the longest run of JavaScript is
      // reported beside it.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
      await page.goto(
        `${hub.url}/bench.html?bench=map&profile=1&mode=${mode}&base=${encodeURIComponent(`/citypack/n${n}${folder}/`)}`,
      );
      let longestJsMs: number | undefined;
      try {
        await page.waitForFunction(
          () => (window as unknown as { benchShown?: boolean }).benchShown === true,
          undefined,
          { timeout: LIMIT_MS, polling: 500 },
        );
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
        longestJsMs = longestJavaScript(profile);
        await page.evaluate(() => {
          (window as unknown as { benchProfiled?: boolean }).benchProfiled = true;
        });
        await page.waitForFunction(
          () => (window as unknown as { benchResult?: unknown }).benchResult !== undefined,
          undefined,
          { timeout: LIMIT_MS, polling: 500 },
        );
      } catch {
        // Reported as "no first frame within the limit" rather than ending the whole run, with
        // how far the page got (if its main thread still answers).
        partial.set(
          `${n}${folder}${mode}`,
          await Promise.race([
            page.evaluate(
              () => (window as unknown as { benchProgress?: Record<string, number> }).benchProgress,
            ),
            new Promise<undefined>((done) => setTimeout(() => done(undefined), 15_000)),
          ]).catch(() => undefined),
        );
        await page.close();
        return undefined;
      }
      const result = (await page.evaluate(
        () => (window as unknown as { benchResult: unknown }).benchResult,
      )) as Result;
      await page.close();
      return { ...result, longestJsMs };
    };
    const ways: Partial<Record<string, Result>> = {};
    for (const way of WAYS) {
      ways[way.key] = await run(way.mode, way.folder);
      console.log(`n=${n} ${way.key}: ${JSON.stringify(ways[way.key])}`);
    }
    results.push({ n, ways });
    cache.clear();
  }
} finally {
  await browser.close();
  await hub.close();
  await cleanup();
}

const f = (x: number | undefined) =>
  x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1);
console.log(
  `\nMap benchmark (seed ${SEED}; Chromium with software WebGL: timings are main-thread JavaScript, not GPU)\n`,
);
console.log(
  '| buildings | way | worker parse ms | worker mesh ms | building layers | first frame issued ms | first frame shown ms | longest main-thread task during the load ms (at) | longest run of JavaScript during the load ms | longest task at page start ms | JS per frame ms | heap MB | 1,000 cases → heatmap ms |',
);
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const none = `no first frame shown within ${LIMIT_MS / 60_000} min`;
function progressNote(p: Record<string, number> | undefined): string {
  if (!p) return none;
  return `${none}; ${p.buildings ?? '?'} buildings, worker parse ${f(p.workerParseMs)} ms, mesh ${f(p.workerMeshMs)} ms, first frame issued at ${f(p.firstFrameMs)} ms`;
}
for (const { n, ways } of results)
  for (const way of WAYS) {
    const r = ways[way.key];
    console.log(
      r
        ? `| ${r.buildings} | ${way.label} | ${f(r.workerParseMs)} | ${f(r.workerMeshMs)} | ${r.layers ?? 1} | ${f(r.firstFrameMs)} | ${f(r.firstFrameShownMs)} | ${f(r.longestTaskMs)} (${f(r.longestTaskAt)}) | ${f(r.longestJsMs)} | ${f(r.pageStartTaskMs)} | ${f(r.frameJsMs)} | ${f(r.heapMb)} | ${f(r.heat1000Ms)} |`
        : `| ~${n} | ${way.label} | ${progressNote(partial.get(`${n}${way.folder}${way.mode}`))} | | | | | | | | | | |`,
    );
  }
for (const { n, ways } of results) {
  const reference = ways.reference;
  for (const key of ['columns', 'json'])
    if (reference && ways[key])
      console.log(
        `n=${n}: reference / ${key}, first frame issued ${(reference.firstFrameMs / (ways[key] as Result).firstFrameMs).toFixed(2)}×, shown ${(reference.firstFrameShownMs / (ways[key] as Result).firstFrameShownMs).toFixed(2)}×`,
      );
}
await mkdir('build', { recursive: true });
await writeFile(
  'build/bench-map.json',
  JSON.stringify(
    { when: new Date().toISOString(), seed: SEED, results, partial: Object.fromEntries(partial) },
    null,
    2,
  ),
);
process.exit(0);
