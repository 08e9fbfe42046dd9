/**
 * The incident view: how long a declared incident takes to show on every window of a hall
 * (p50/p99 over BENCH_INCIDENT_COUNT incidents, BENCH_INCIDENT_WINDOWS windows of the incident
 * view on one hub), the three.js building view's build time and GPU memory counters for a
 * 60-floor building with 200 neighbours, and the JS heap over 100 incident switches.
 * Run: npm run bench:incident   (software WebGL here: build times are CPU figures, not a GPU's)
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub } from '../../electron/hub/startHub';
import { demoCityPackFiles } from '../../electron/hub/sources/demoCityPack';
import { incidentSites } from '../../electron/hub/sources/demoResources';
import { readBuildingsBinary } from '../../shared/geo/buildingsBinary';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import type { IncidentRecord } from '../../shared/domain/incidentBook';
import { generateCity } from '../../shared/geo/generateCity';
import { cordonBuildings } from '../../shared/geo/cordonBuildings';

const WINDOWS = Number(process.env.BENCH_INCIDENT_WINDOWS ?? 16);
const COUNT = Number(process.env.BENCH_INCIDENT_COUNT ?? 20);
const SWITCHES = 100;

const columns = readBuildingsBinary(
  demoCityPackFiles().get('buildings.bin') as Uint8Array,
  'buildings.bin',
  'wgs84',
).columns;
if (!columns) throw new Error('the demo pack has no buildings');
const sites = incidentSites(columns, 10);

const dir = await mkdtemp(join(tmpdir(), 'citywall-bench-incident-'));
const running = await startHub({
  dataDir: dir,
  serveDir: resolve('dist/renderer'),
  source: { kind: 'demo', incidents: false, casesPerMinute: 0, historyHours: 0 },
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};

// The map's cordon highlight: one scan of a city's buildings per cordon change, on the page's
// main thread, so its cost at 500,000 buildings (the map benchmark's largest city) is the figure.
{
  const k = Math.sqrt(500_000 / 50_000);
  const [cx, cy] = [112.485, 23.07];
  const big = generateCity(
    {
      bounds: [cx - 0.075 * k, cy - 0.042 * k, cx + 0.075 * k, cy + 0.042 * k],
      centre: [cx, cy],
      inside: (lon, lat) => Math.hypot((lon - cx) / (0.075 * k), (lat - cy) / (0.042 * k)) < 1,
    },
    500_000,
    441_202,
  ).buildings;
  const cordon = (radiusMetres: number) =>
    ({
      id: `C${radiusMetres}`,
      level: 2,
      position: { lon: cx, lat: cy },
      radiusMetres,
    }) as IncidentRecord;
  for (const radius of [150, 500, 2_000]) {
    const times: number[] = [];
    let shown = 0;
    for (let i = 0; i < 20; i += 1) {
      const t = performance.now();
      shown = cordonBuildings(big, [cordon(radius)]).length;
      times.push(performance.now() - t);
    }
    console.log(
      `cordon highlight, ${big.count} buildings, ${radius} m: ${shown} buildings, p50 ${quantile(times, 0.5).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
    );
  }
}

try {
  // 1. Declared → shown on every window. Each page notes the epoch time its view named the id.
  const pages: Page[] = [];
  for (let i = 0; i < WINDOWS; i += 1) {
    const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
    await page.goto(`${running.hub.url}/?view=incident&window=w${i}`);
    await page.getByTestId('incident-view').waitFor();
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        const id = document
          .querySelector('[data-testid=incident-view]')
          ?.getAttribute('data-incident');
        if (id && !(id in seen)) seen[id] = performance.timeOrigin + performance.now();
      }).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
    pages.push(page);
  }
  const latencies: number[] = [];
  for (let n = 0; n < COUNT; n += 1) {
    const site = sites[n % sites.length] as (typeof sites)[number];
    const id = `BENCH-${n}`;
    const at = Date.now();
    running.hub.publish([
      {
        type: 'incident.declared',
        payload: {
          incidentId: id,
          at,
          type: 'fire',
          level: 1,
          title: '基准测试火灾',
          position: site.position,
          buildingId: site.buildingId,
          floor: Math.max(1, Math.floor(site.floors / 2)),
          radiusMetres: 150,
        },
      },
    ]);
    const shown: number[] = [];
    for (const page of pages) {
      const seenAt = await page.waitForFunction(
        (key) => (window as unknown as { seen: Record<string, number> }).seen[key],
        id,
        { timeout: 60_000, polling: 50 },
      );
      shown.push((await seenAt.jsonValue()) as number);
    }
    latencies.push(Math.max(...shown) - at);
    running.hub.publish([{ type: 'incident.closed', payload: { incidentId: id, at: Date.now() } }]);
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(
    `declared → shown on all ${WINDOWS} windows, ${COUNT} incidents: p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p99 ${quantile(latencies, 0.99).toFixed(0)} ms`,
  );
  for (const page of pages.slice(1)) await page.close();

  // 2. The building view: a 60-floor tower with 200 neighbours, then 100 switches.
  const page = pages[0] as Page;
  running.hub.publish([
    {
      type: 'incident.declared',
      payload: {
        incidentId: 'BENCH-BUILDING',
        at: Date.now(),
        type: 'fire',
        level: 2,
        title: '基准测试',
        position: sites[0]?.position ?? { lon: 112.47, lat: 23.06 },
        radiusMetres: 150,
      },
    },
  ]);
  await page.waitForFunction(
    () => (window as unknown as { __citywallBuilding?: unknown }).__citywallBuilding,
  );
  // tsx keeps function names with a helper the page lacks.
  await page.evaluate('globalThis.__name = (f) => f');
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 1_048_576;
  };
  const result = await page.evaluate(async (switches) => {
    type Info = {
      geometries: number;
      textures: number;
      programs: number;
      floors: number;
      buildMs: number;
    };
    const hooks = (
      window as unknown as { __citywallBuilding: { show(m: unknown): void; info(): Info } }
    ).__citywallBuilding;
    const square = (x: number, y: number, s: number) => [
      [x - s, y - s],
      [x + s, y - s],
      [x + s, y + s],
      [x - s, y + s],
    ];
    const model = (key: string, floors: number, neighbours: number) => ({
      key,
      type: 'fire',
      level: 1,
      radiusMetres: 200,
      incidentFloor: Math.ceil(floors / 2),
      target: { id: 'T', ring: square(0, 0, 18), height: floors * 3, distance: 0, floors },
      neighbours: Array.from({ length: neighbours }, (_, k) => {
        const a = (k / neighbours) * Math.PI * 2;
        const r = 40 + (k % 10) * 15;
        return {
          id: `N${k}`,
          ring: square(Math.cos(a) * r, Math.sin(a) * r, 5),
          height: 10 + (k % 30) * 2,
          distance: r,
        };
      }),
    });
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const measure = async (m: ReturnType<typeof model>) => {
      hooks.show(m);
      const t = performance.now();
      await frame();
      await frame();
      return { ...hooks.info(), firstFrameMs: performance.now() - t };
    };
    const tower = await measure(model('tower', 60, 0));
    const both = await measure(model('both', 60, 200));
    const switchesInfo = [];
    for (let i = 0; i < switches; i += 1)
      switchesInfo.push(await measure(model(`s${i}`, 20 + (i % 41), 200)));
    const after = await measure(model('both-again', 60, 200));
    return { tower, both, after, last: switchesInfo.at(-1) };
  }, SWITCHES);
  const heapBefore = await heap();
  await page.evaluate(async (switches) => {
    const hooks = (window as unknown as { __citywallBuilding: { show(m: unknown): void } })
      .__citywallBuilding;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    for (let i = 0; i < switches; i += 1) {
      const floors = 20 + (i % 41);
      hooks.show({
        key: `h${i}`,
        type: 'gas-leak',
        level: 2,
        radiusMetres: 200,
        incidentFloor: -1,
        target: {
          id: 'T',
          ring: [
            [-15, -15],
            [15, -15],
            [15, 15],
            [-15, 15],
          ],
          height: floors * 3,
          distance: 0,
          floors,
        },
        neighbours: Array.from({ length: 200 }, (_, k) => ({
          id: `N${k}`,
          ring: [
            [40 + k, 0],
            [45 + k, 0],
            [45 + k, 5],
            [40 + k, 5],
          ],
          height: 12,
          distance: 40 + k,
        })),
      });
      await frame();
    }
  }, SWITCHES);
  const heapAfter = await heap();
  const line = (
    name: string,
    i: {
      buildMs: number;
      firstFrameMs: number;
      geometries: number;
      textures: number;
      programs: number;
      floors: number;
    },
  ) =>
    `${name}: build ${i.buildMs.toFixed(1)} ms, first frame ${i.firstFrameMs.toFixed(0)} ms (software), ${i.floors} floors, GPU memory ${i.geometries} geometries / ${i.textures} textures, ${i.programs} programs`;
  console.log(line('60-floor building', result.tower));
  console.log(line('60 floors + 200 neighbours', result.both));
  console.log(line(`after ${SWITCHES} switches, same scene again`, result.after));
  console.log(
    `JS heap over ${SWITCHES} more switches (after GC): ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB`,
  );
} finally {
  await browser.close();
  await running.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(0);
