import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub, type RunningHub } from '../../electron/hub/startHub';
import { floorStack } from '../../shared/domain/floorRisk';
import { readBuildingsBinary } from '../../shared/geo/buildingsBinary';
import type { WallEvent } from '../../shared/protocol/events';
import { checkCatalogue } from '../../shared/video/catalogue';
import { linkedCameras } from '../../shared/video/linkage';
import { demoCityPackFiles } from '../../electron/hub/sources/demoCityPack';
import { incidentSites, type IncidentSite } from '../../electron/hub/sources/demoResources';

/** The emergency coordinator's views on the demo hub, with incidents this test declares. */
let running: RunningHub;
let dataDir: string;
let site: IncidentSite;

test.beforeAll(() => {
  const files = demoCityPackFiles();
  const columns = readBuildingsBinary(
    files.get('buildings.bin') as Uint8Array,
    'buildings.bin',
    'wgs84',
  ).columns;
  if (!columns) throw new Error('the demo pack has no buildings');
  // The tallest building: the most floors to stack.
  site = incidentSites(columns, 10).sort((a, b) => b.floors - a.floors)[0] as IncidentSite;
});
test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'citywall-incident-'));
  running = await startHub({
    dataDir,
    serveDir: resolve('dist/renderer'),
    source: { kind: 'demo', incidents: false, casesPerMinute: 0, historyHours: 0 },
  });
});
test.afterEach(async () => {
  await running.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const publish = async (events: WallEvent[]) => {
  running.hub.publish(events);
  await running.hub.drain();
};
const declare = (id: string, floor: number, level: 1 | 2 | 3 | 4 = 2): WallEvent => ({
  type: 'incident.declared',
  payload: {
    incidentId: id,
    at: Date.now(),
    type: 'fire',
    level,
    title: '测试高层火灾',
    position: site.position,
    address: '端州区测试路1号',
    buildingId: site.buildingId,
    floor,
    radiusMetres: 150,
  },
});

type BuildingHooks = {
  info(): {
    geometries: number;
    textures: number;
    floors: number;
    frames: number;
    contextRestores: number;
    lost: boolean;
  };
  show(model: unknown): void;
  canvas(): HTMLCanvasElement | null;
};
/** The building view's counters, once it is there. */
const info = async (page: Page) => {
  const got = await page.evaluate(() =>
    (window as unknown as { __citywallBuilding?: BuildingHooks }).__citywallBuilding?.info(),
  );
  if (!got) throw new Error('no building view yet');
  return got;
};
const floorsShown = (page: Page) =>
  info(page).then(
    (i) => i.floors,
    () => 0,
  );

test('a declared incident fills the incident view: level, floor, building, plan, timeline', async ({
  page,
}) => {
  await page.goto(`${running.hub.url}/?view=incident&lang=en`);
  await expect(page.getByTestId('incident-view')).toHaveAttribute('data-incident', '');
  await publish([declare('E2E-1', 12)]);
  const card = page.getByTestId('incident-card');
  await expect(card).toHaveAttribute('data-level', '2');
  await expect(card).toHaveAttribute('data-floor', '12');
  await expect(page.getByTestId('incident-floor')).toHaveText('12F');
  // The building from the pack, stacked floor by floor.
  await expect
    .poll(() => floorsShown(page), { timeout: 15_000 })
    .toBe(floorStack(site.floors, 12).length);
  await expect(page.getByTestId('incident-building')).toContainText(`${site.floors} floors`);
  await publish([
    {
      type: 'incident.step',
      payload: { incidentId: 'E2E-1', at: Date.now(), stepId: 'verify', by: '值班员' },
    },
    {
      type: 'incident.escalated',
      payload: { incidentId: 'E2E-1', at: Date.now(), level: 1, reason: '火势蔓延' },
    },
  ]);
  await expect(page.locator('[data-step="verify"]')).toHaveAttribute('data-done', 'yes');
  await expect(card).toHaveAttribute('data-level', '1');
  await expect(page.getByTestId('incident-timeline')).toContainText('Escalated');
  await expect(page.getByTestId('incident-resources')).toContainText('Hospital');
  await publish([{ type: 'incident.closed', payload: { incidentId: 'E2E-1', at: Date.now() } }]);
  // Closed and no other open: the view says so.
  await expect(page.getByTestId('incident-view')).toHaveAttribute('data-incident', '');
});

test('the building view survives a lost WebGL context and frees its memory on every switch', async ({
  page,
}) => {
  // A hundred scenes drawn in software WebGL.
  test.setTimeout(120_000);
  await page.goto(`${running.hub.url}/?view=incident`);
  await publish([declare('E2E-2', 20)]);
  await expect.poll(() => floorsShown(page), { timeout: 15_000 }).toBeGreaterThan(0);
  const before = await info(page);

  // The driver takes the context away and gives it back.
  await page.evaluate(async () => {
    const hooks = (window as unknown as { __citywallBuilding: BuildingHooks }).__citywallBuilding;
    const gl = hooks.canvas()?.getContext('webgl2');
    const lose = gl?.getExtension('WEBGL_lose_context');
    if (!lose) throw new Error('no WEBGL_lose_context');
    lose.loseContext();
    await new Promise((r) => setTimeout(r, 300));
    lose.restoreContext();
  });
  await expect.poll(async () => (await info(page)).contextRestores).toBe(1);
  const restored = await info(page);
  expect(restored.lost).toBe(false);
  expect(restored.floors).toBe(before.floors);
  await expect.poll(async () => (await info(page)).frames).toBeGreaterThan(restored.frames + 5);

  // A hundred switches between buildings of different sizes: GPU memory stays that of one.
  const counts = await page.evaluate(async () => {
    const hooks = (window as unknown as { __citywallBuilding: BuildingHooks }).__citywallBuilding;
    const square = (x: number, y: number, s: number) => [
      [x - s, y - s],
      [x + s, y - s],
      [x + s, y + s],
      [x - s, y + s],
    ];
    const model = (i: number) => ({
      key: `switch-${i}`,
      type: i % 2 ? 'fire' : 'gas-leak',
      level: (i % 4) + 1,
      radiusMetres: 150,
      incidentFloor: i % 2 ? 5 : -1,
      target: {
        id: `T${i}`,
        ring: square(0, 0, 10 + (i % 7)),
        height: 30 + i,
        distance: 0,
        floors: 10 + (i % 30),
      },
      neighbours: Array.from({ length: 20 + (i % 50) }, (_, k) => ({
        id: `N${k}`,
        ring: square(40 + k * 3, 20, 6),
        height: 10 + k,
        distance: 40,
      })),
    });
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    hooks.show(model(0));
    await frame();
    await frame();
    const first = hooks.info();
    for (let i = 1; i <= 100; i += 1) {
      hooks.show(model(i % 2 === 0 ? 0 : i));
      await frame();
    }
    hooks.show(model(0));
    await frame();
    await frame();
    return { first, last: hooks.info() };
  });
  expect(counts.last.geometries).toBe(counts.first.geometries);
  expect(counts.last.textures).toBe(counts.first.textures);
});

test('the emergency map and video follow the incident: cordon in view, cameras that see it', async ({
  page,
}) => {
  const cameras = checkCatalogue(
    await (await fetch(`${running.hub.url}/api/cameras`)).json(),
  ).cameras;
  await page.goto(`${running.hub.url}/?view=video&split=4&follow=incident&window=v1`);
  await expect(page.getByTestId('video-wall')).toBeVisible();
  await publish([declare('E2E-3', 3, 3)]);
  // The cameras that see the spot lead the split (the rotation fills the rest).
  const expected = linkedCameras(cameras, [site.position.lon, site.position.lat], { count: 4 }).map(
    (c) => c.id,
  );
  expect(expected.length).toBeGreaterThan(0);
  await expect
    .poll(() =>
      page.evaluate(
        (n) =>
          (
            window as unknown as { citywallVideo?: { slots(): (string | undefined)[] } }
          ).citywallVideo
            ?.slots()
            .slice(0, n) ?? [],
        expected.length,
      ),
    )
    .toEqual(expected);

  const map = await page.context().newPage();
  await map.goto(`${running.hub.url}/?view=map&follow=incident&window=m1`);
  await expect(map.getByTestId('map')).toHaveAttribute('data-loaded', 'true', { timeout: 40_000 });
  await expect
    .poll(
      async () => {
        const camera = await map.evaluate(() =>
          (
            window as unknown as {
              citywallMap?: { camera(): { longitude: number; latitude: number; zoom: number } };
            }
          ).citywallMap?.camera(),
        );
        return camera
          ? Math.abs(camera.longitude - site.position.lon) < 1e-4 &&
              Math.abs(camera.latitude - site.position.lat) < 1e-4 &&
              camera.zoom > 16
          : false;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
});

test("the building view's parts turn together: a drag or a spread on one is the others' too", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const other = await page.context().newPage();
  await page.goto(`${running.hub.url}/?view=incident&region=incident&window=a`);
  await other.goto(`${running.hub.url}/?view=incident&region=incident&window=b`);
  await publish([declare('E2E-4', 8)]);
  for (const p of [page, other])
    await expect.poll(() => floorsShown(p), { timeout: 15_000 }).toBeGreaterThan(0);
  type View = { position: number[]; target: number[] };
  const view = (p: Page) =>
    p.evaluate(() =>
      (window as unknown as { __citywallBuilding: { view(): View } }).__citywallBuilding.view(),
    );
  const before = await view(other);
  const box = await page.getByTestId('incident-building').boundingBox();
  if (!box) throw new Error('no building view');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2 + 40, { steps: 10 });
  await page.mouse.up();
  // Once the glide after the hand has ended, both parts stand in the same place.
  await page.waitForTimeout(1_500);
  const turned = await view(page);
  expect(turned.position).not.toEqual(before.position);
  await expect
    .poll(async () => {
      const seen = await view(other);
      return seen.position.every((v, k) => Math.abs(v - (turned.position[k] as number)) < 0.5);
    })
    .toBe(true);
  await page.keyboard.press(']');
  await expect(other.getByTestId('incident-explode')).toHaveValue('0.25');
  await other.close();
});
