import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub, type RunningHub } from '../../electron/hub/startHub';
import { checkCatalogue, type CatalogueCamera } from '../../shared/video/catalogue';
import { linkedCameras } from '../../shared/video/linkage';

/** The video wall view on the embedded demo: its catalogue, its looping live streams. */
let running: RunningHub;
let dataDir: string;
let cameras: CatalogueCamera[];

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'citywall-video-'));
  running = await startHub({
    dataDir,
    serveDir: resolve('dist/renderer'),
    demoVideoDir: resolve('assets/demo-video'),
    source: { kind: 'demo', incidents: false, casesPerMinute: 0, historyHours: 0 },
  });
  cameras = checkCatalogue(await (await fetch(`${running.hub.url}/api/cameras`)).json()).cameras;
});
test.afterEach(async () => {
  await running.stop();
  await rm(dataDir, { recursive: true, force: true });
});

type Hooks = {
  slots(): (string | undefined)[];
  statuses(): Record<string, { state: string }>;
};
/** The camera in each slot; none until the wall's tiles exist (the hooks come with them). */
const slots = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { citywallVideo?: Hooks }).citywallVideo?.slots() ?? [],
  );
/** The state of the tile in each slot. */
const slotStates = (page: Page) =>
  page.evaluate(() => {
    const h = (window as unknown as { citywallVideo: Hooks }).citywallVideo;
    const all = h.statuses();
    return h.slots().map((id) => (id ? all[id]?.state : undefined));
  });

/** The rotation as the wall runs it: on the wall clock, so the first screen is where the clock is. */
const rotation = (page: Page) =>
  page.evaluate(() =>
    (
      window as unknown as {
        citywallVideo: {
          rotation(): { index: number; count: number; ids: string[]; paused: boolean };
        };
      }
    ).citywallVideo.rotation(),
  );
/**
 * The rotation just after a swap: the screen then has its whole dwell ahead, so a test that
 * reads it and acts on it is not overtaken by the wall clock's next swap (CI once was).
 */
async function freshScreen(page: Page) {
  const start = (await rotation(page)).index;
  await expect
    .poll(async () => (await rotation(page)).index, { timeout: 15_000, intervals: [50] })
    .not.toBe(start);
  return rotation(page);
}
/** Screen `index` of the "all cameras" rotation at `per` tiles: the catalogue in order. */
const scene = (index: number, per: number) =>
  cameras.slice(index * per, index * per + per).map((c) => c.id);

async function openWall(page: Page, query: string) {
  await page.goto(`${running.hub.url}/?view=video&${query}`);
  await expect.poll(async () => (await slots(page)).filter(Boolean).length).toBeGreaterThan(0);
}

test('rotation shows each screen for its dwell, in order, and the next screen is already playing at the swap', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await openWall(page, 'split=4&dwell=5');
  // Read at once, not after a swap: right after one the page is busiest (a screen just
  // started, the next one already preloading), and this test is about the preload being ready.
  // The rotation and the slots are read together, and again until they agree: a read across a
  // swap (the clock moved, the tiles not yet) once took one screen for the other.
  let first: string[] = [];
  let second: string[] = [];
  await expect
    .poll(async () => {
      const now = await page.evaluate(() => {
        const h = (
          window as unknown as {
            citywallVideo: {
              rotation(): { index: number; count: number };
              slots(): (string | undefined)[];
            };
          }
        ).citywallVideo;
        return { rotation: h.rotation(), slots: h.slots() };
      });
      first = scene(now.rotation.index, 4);
      second = scene((now.rotation.index + 1) % now.rotation.count, 4);
      return JSON.stringify(now.slots.filter(Boolean)) === JSON.stringify(first);
    })
    .toBe(true);
  await expect
    .poll(async () => (await slotStates(page)).filter((s) => s === 'playing').length, {
      timeout: 15_000,
    })
    .toBeGreaterThanOrEqual(4);
  await expect.poll(() => slots(page), { timeout: 10_000, intervals: [50] }).toEqual(second);
  // Preloaded: at the swap the new screen's tiles already play. The catalogue's last screen is
  // not full (90 cameras by 4), so its empty slots have no tile: one run in 23 starts just there.
  const states = await slotStates(page);
  expect(states).toEqual(
    Array.from({ length: 4 }, (_, i) => (i < second.length ? 'playing' : undefined)),
  );
});

test('an alarm on a camera on screen holds the rotation until acknowledged', async ({ page }) => {
  test.setTimeout(60_000);
  await openWall(page, 'split=4&dwell=5');
  const held = await freshScreen(page);
  const camera = cameras.find((c) => c.id === held.ids[2]) as CatalogueCamera;
  running.hub.publish([
    {
      type: 'alarm.raised',
      payload: {
        alarmId: 'A1',
        at: Date.now(),
        level: 2,
        kind: 'ai-video',
        message: '占道经营',
        cameraId: camera.id,
      },
    },
  ]);
  await expect(page.getByTestId('tile-2')).toHaveClass(/alarmed/);
  await expect(page.getByTestId('rotation-state')).toHaveText(/轮巡暂停/);
  // A swap came due while the alarm held the rotation (5 s dwell): the signal, not a pause.
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            (
              window as unknown as { citywallVideo: { rotation(): { heldSwaps: number } } }
            ).citywallVideo.rotation().heldSwaps,
        ),
      { timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(1);
  expect((await slots(page))[2]).toBe(camera.id);
  await page.getByTestId('ack-2').click();
  await expect(page.getByTestId('tile-2')).not.toHaveClass(/alarmed/);
  await expect
    .poll(async () => (await slots(page))[0], { timeout: 10_000 })
    .toBe(scene((held.index + 1) % held.count, 4)[0]);
});

test('selecting a case pins the nearest cameras, clearing the selection releases them', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await openWall(page, 'split=9&dwell=60');
  const near = cameras[60] as CatalogueCamera;
  const position = { lon: near.position[0] + 0.0004, lat: near.position[1] + 0.0002 };
  running.hub.publish([
    {
      type: 'case.reported',
      payload: {
        caseId: 'V1',
        at: Date.now(),
        category: 'event/appearance/exposed-garbage',
        urgent: false,
        position,
        source: 'inspector',
      },
    },
  ]);
  const expected = linkedCameras(cameras, [position.lon, position.lat], { count: 4 }).map(
    (c) => c.id,
  );
  // Three of the demo's cameras stand within a kilometre of this spot.
  expect(expected.length).toBeGreaterThanOrEqual(2);
  const select = (selection: unknown) =>
    page.evaluate((s) => {
      const channel = new BroadcastChannel('citywall-bus');
      channel.postMessage({ kind: 'selection', origin: 'map-window', selection: s });
      channel.close();
    }, selection);
  // The case must have reached the page's store before it is selected.
  await expect
    .poll(() =>
      page.evaluate(() =>
        (
          window as unknown as { citywallVideo: { hasCase(id: string): boolean } }
        ).citywallVideo.hasCase('V1'),
      ),
    )
    .toBe(true);
  await select({ type: 'case', id: 'V1' });
  await expect.poll(async () => (await slots(page)).slice(0, expected.length)).toEqual(expected);
  await expect(page.getByTestId('tile-0')).toHaveClass(/pinned/);
  await select(null);
  await expect
    .poll(async () => {
      const ids = (await rotation(page)).ids;
      return (
        (await slots(page)).slice(0, expected.length).join() ===
        ids.slice(0, expected.length).join()
      );
    })
    .toBe(true);
});

test('double-click enlarges a tile and holds the rotation, and the covered tiles give up their players; a snapshot is a PNG of the picture', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await openWall(page, 'split=4&dwell=60');
  // The states themselves, so a failure says which tile did not play (CI once saw 2 of 4).
  const allPlaying = ['playing', 'playing', 'playing', 'playing'];
  await expect.poll(() => slotStates(page), { timeout: 30_000 }).toEqual(allPlaying);
  await page.getByTestId('tile-1').dblclick();
  await expect.poll(async () => (await rotation(page)).paused).toBe(true);
  const grid = await page.locator('.video-grid').boundingBox();
  const big = await page.getByTestId('tile-1').boundingBox();
  expect(big?.width).toBeCloseTo(grid?.width ?? 0, 0);
  expect(big?.height).toBeCloseTo(grid?.height ?? 0, 0);
  await expect
    .poll(() => slotStates(page), { timeout: 5_000 })
    .toEqual(['paused', 'playing', 'paused', 'paused']);
  await page.getByTestId('tile-1').dblclick();
  await expect.poll(() => slotStates(page), { timeout: 30_000 }).toEqual(allPlaying);
  expect((await rotation(page)).paused).toBe(false);

  const download = page.waitForEvent('download');
  await page.getByTestId('snapshot-0').click();
  const png = await readFile(await (await download).path());
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  // The picture's own size (the demo clips are 640×360), not the tile's.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([640, 360]);
});
