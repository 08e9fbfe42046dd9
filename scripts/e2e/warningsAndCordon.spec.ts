import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { startHub, type RunningHub } from '../../electron/hub/startHub';
import { demoCityPackFiles } from '../../electron/hub/sources/demoCityPack';
import { incidentSites } from '../../electron/hub/sources/demoResources';
import { readBuildingsBinary } from '../../shared/geo/buildingsBinary';
import { buildingsWithin } from '../../shared/geo/buildingsNear';
import { cutText } from './textFit';

/** CAP warnings and incident cordons on the demo city's map, from a CAP folder the test fills. */
let running: RunningHub;
let dataDir: string;
let capDir: string;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'citywall-warn-'));
  capDir = await mkdtemp(join(tmpdir(), 'citywall-cap-'));
  running = await startHub({
    dataDir,
    capDir,
    serveDir: resolve('dist/renderer'),
    source: { kind: 'demo', incidents: false, casesPerMinute: 0, historyHours: 0 },
  });
});
test.afterEach(async () => {
  await running.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(capDir, { recursive: true, force: true });
});

const SAMPLE = resolve('electron/hub/cap/samples/duanzhou-rainstorm.xml');
const capTime = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

/** The district sample, in force from a minute ago for `minutes`. */
async function rainstorm(minutes: number): Promise<string> {
  return (await readFile(SAMPLE, 'utf8'))
    .replace(/<cap:sent>[^<]*/, `<cap:sent>${capTime(Date.now() - 60_000)}`)
    .replace(/<cap:expires>[^<]*/, `<cap:expires>${capTime(Date.now() + minutes * 60_000)}`);
}

type Drawn = { warningShapes: number; cordonBuildings: number };
const drawn = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { citywallMap?: { drawn(): Drawn } }).citywallMap?.drawn() ?? {
        warningShapes: -1,
        cordonBuildings: -1,
      },
  );

test('a CAP warning dropped in the folder is drawn and listed on the map, and leaves when it expires', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(`${running.hub.url}/?view=map&window=m1`);
  await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', { timeout: 40_000 });
  await expect(page.getByTestId('warning-list')).toHaveCount(0);
  // The legend says how far back the heatmap looks.
  await expect(page.getByTestId('map-legend')).toContainText('案件热力 · 近24小时');
  // In force for 45 s: long enough to read, short enough to see it go.
  await writeFile(join(capDir, 'rain.xml'), await rainstorm(0.75));
  const list = page.getByTestId('warning-list');
  await expect(list).toContainText('暴雨红色预警信号', { timeout: 15_000 });
  await expect(list).toContainText('肇庆市气象台');
  await expect(list.locator('[data-severity="extreme"]')).toContainText('红色');
  // The polygon and the circle of its one area.
  await expect.poll(async () => (await drawn(page)).warningShapes).toBe(2);
  await page.keyboard.press('l');
  await expect(list.locator('[data-severity="extreme"]')).toContainText('Red');
  // Expired: gone from the list and the map without any event.
  await expect(list).toHaveCount(0, { timeout: 60_000 });
  await expect.poll(async () => (await drawn(page)).warningShapes).toBe(0);
});

test("the buildings in an incident's cordon are highlighted in the level's colour", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const columns = readBuildingsBinary(
    demoCityPackFiles().get('buildings.bin') as Uint8Array,
    'buildings.bin',
    'wgs84',
  ).columns;
  if (!columns) throw new Error('no buildings in the demo pack');
  const site = incidentSites(columns, 15)[0];
  if (!site) throw new Error('no tall building in the demo pack');
  const within = buildingsWithin(columns, site.position, 120, {
    buildingId: site.buildingId,
    limit: 3_000,
  });
  await page.goto(`${running.hub.url}/?view=map&follow=incident&window=m1`);
  await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', { timeout: 40_000 });
  running.hub.publish([
    {
      type: 'incident.declared',
      payload: {
        incidentId: 'CORDON-1',
        at: Date.now(),
        type: 'fire',
        level: 1,
        title: '测试高层火灾',
        position: site.position,
        buildingId: site.buildingId,
        floor: 5,
        radiusMetres: 120,
      },
    },
  ]);
  await expect
    .poll(async () => (await drawn(page)).cordonBuildings, { timeout: 20_000 })
    .toBe(within.inside.length + 1);
  // Flown there: the incident's building shows red where the spot is.
  await expect
    .poll(
      async () => {
        const camera = await page.evaluate(
          () =>
            (
              window as unknown as { citywallMap?: { camera(): { zoom: number } } }
            ).citywallMap?.camera().zoom ?? 0,
        );
        return camera > 16.4;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await page.waitForTimeout(1_000);
  const [x, y] = (await page.evaluate(
    (p) =>
      (
        window as unknown as { citywallMap?: { project(p: [number, number]): number[] } }
      ).citywallMap?.project(p),
    [site.position.lon, site.position.lat] as [number, number],
  )) ?? [0, 0];
  const png = PNG.sync.read(await page.screenshot());
  const at = (px: number, py: number): [number, number, number] => {
    const i = (Math.round(py) * png.width + Math.round(px)) * 4;
    return [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0];
  };
  const [r, g, b] = at(x as number, (y as number) - 5);
  expect(r).toBeGreaterThan(g + 60);
  expect(r).toBeGreaterThan(b + 60);
  // Closed: the highlight goes.
  running.hub.publish([
    { type: 'incident.closed', payload: { incidentId: 'CORDON-1', at: Date.now() } },
  ]);
  await expect.poll(async () => (await drawn(page)).cordonBuildings, { timeout: 10_000 }).toBe(0);
});

for (const [width, height] of [
  [1920, 1080],
  [3840, 2160],
] as const)
  test(`no text is cut on the incident view and the map with a warning in force at ${width}×${height}`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await writeFile(join(capDir, 'rain.xml'), await rainstorm(30));
    running.hub.publish([
      {
        type: 'incident.declared',
        payload: {
          incidentId: 'TEXT-1',
          at: Date.now(),
          type: 'gas-leak',
          level: 4,
          title: '黄岗街道端州路燃气管道泄漏',
          position: { lon: 112.47, lat: 23.06 },
          address: '黄岗街道端州路108号地下车库',
          floor: -1,
          radiusMetres: 300,
          description: '地下一层燃气管道泄漏，可燃气体浓度超标',
        },
      },
    ]);
    for (const lang of ['zh-CN', 'en']) {
      for (const view of ['incident', 'map']) {
        await page.goto(`${running.hub.url}/?view=${view}&lang=${lang}&window=t`);
        await expect(page.getByTestId('warning-list')).toBeVisible({ timeout: 40_000 });
        expect(await cutText(page), `${view} ${lang}`).toEqual([]);
      }
    }
  });
