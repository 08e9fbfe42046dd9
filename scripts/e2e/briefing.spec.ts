import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub, type RunningHub } from '../../electron/hub/startHub';
import type { Scene } from '../../shared/briefing/scene';
import { rankBy } from '../../shared/domain/periodChange';
import type { HistoryAnswer } from '../../shared/protocol/history';

/** Scenes and tours on the demo city, with three days of history for the worst street. */
// Three or four pages at once, maps in software WebGL on two cores: small windows keep each
// frame short, so input and effects are not queued behind seconds of drawing.
test.use({ viewport: { width: 960, height: 540 } });
let running: RunningHub;
let dataDir: string;
/**
 * A city with no cases: its maps draw only when something changes. (Overdue cases pulse, which
 * redraws a map every frame; two such pages in software WebGL on two cores wait on each other.)
 */
let quiet: RunningHub;
let quietDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'citywall-briefing-'));
  running = await startHub({
    dataDir,
    serveDir: resolve('dist/renderer'),
    demoVideoDir: resolve('assets/demo-video'),
    // The seeder makes its days at the live rate: 0.4 a minute is some 1,700 cases.
    source: { kind: 'demo', incidents: false, casesPerMinute: 0.4, historyHours: 0, seedDays: 3 },
  });
});
test.beforeAll(async () => {
  quietDir = await mkdtemp(join(tmpdir(), 'citywall-briefing-quiet-'));
  quiet = await startHub({
    dataDir: quietDir,
    serveDir: resolve('dist/renderer'),
    demoVideoDir: resolve('assets/demo-video'),
    source: { kind: 'demo', incidents: false, casesPerMinute: 0, historyHours: 0 },
  });
});
test.afterAll(async () => {
  await running.stop();
  await quiet.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(quietDir, { recursive: true, force: true });
});

type View = { longitude: number; latitude: number; zoom: number; pitch: number; bearing: number };
const camera = (longitude: number, latitude: number, zoom: number): View => ({
  longitude,
  latitude,
  zoom,
  pitch: 40,
  bearing: 15,
});
const mapHook = <T>(page: Page, call: string) =>
  page.evaluate(
    (name) =>
      (window as unknown as { citywallMap: Record<string, () => unknown> }).citywallMap[name]?.(),
    call,
  ) as Promise<T>;
/** Whether the video wall's rotation is held (pinned cameras hold it). */
const held = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as { citywallVideo: { rotation(): { paused: boolean } } }
      ).citywallVideo.rotation().paused,
  );
const slots = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as { citywallVideo?: { slots(): (string | undefined)[] } }
      ).citywallVideo?.slots() ?? [],
  );

/**
 * A click on the operator's panel while other pages of the test draw: Playwright's click waits
 * for the button to be still over two animation frames, which a page behind others may not get.
 */
async function press(button: Locator) {
  await expect(button).toBeEnabled();
  await button.dispatchEvent('click');
}

async function open(context: BrowserContext, query: string, hub = running): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${hub.hub.url}/?${query}`);
  await expect(page.getByTestId('wall-window')).toBeVisible({ timeout: 20_000 });
  return page;
}
/** Every scene a window shows, noted in the page as it comes on, with the time. */
async function noteScenes(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { sceneLog: { key: string; at: number }[] };
    w.sceneLog = [];
    const el = document.querySelector('[data-testid=wall-window]') as HTMLElement;
    const note = () => {
      const key = el.dataset.scene ?? '';
      if (key && w.sceneLog.at(-1)?.key !== key) w.sceneLog.push({ key, at: Date.now() });
    };
    new MutationObserver(note).observe(el, { attributes: true, attributeFilter: ['data-scene'] });
    note();
  });
}
const sceneLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { sceneLog: { key: string; at: number }[] }).sceneLog);

test('a tour plays three scenes in order on two windows in sync; a clicker steps every window', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const scenes: Scene[] = [
    {
      id: 'one',
      name: '一',
      dwellSeconds: 6,
      profile: 'briefing',
      map: { camera: camera(112.46, 23.05, 13) },
      analysis: { period: 'day' },
    },
    {
      id: 'two',
      name: '二',
      dwellSeconds: 6,
      profile: 'briefing',
      map: { camera: camera(112.48, 23.06, 15), layers: ['buildings', 'cases'] },
      analysis: { period: 'week' },
    },
    {
      id: 'three',
      name: '三',
      // Long: the checks below read the third scene, and must not find the tour gone round.
      dwellSeconds: 60,
      profile: 'duty',
      map: { camera: camera(112.5, 23.07, 16), heat: 'hour' },
      analysis: { period: 'month' },
    },
  ];
  await context.addInitScript(
    (book) => {
      localStorage.setItem('citywall.scenes', book);
    },
    JSON.stringify({ version: 1, scenes }),
  );
  const panel = await open(context, 'view=briefing&window=operator&profile=briefing', quiet);
  const map = await open(context, 'view=map&region=map&window=wall-1&profile=briefing', quiet);
  const analysis = await open(
    context,
    'view=analysis&period=week&window=wall-2&profile=briefing',
    quiet,
  );
  const board = await open(context, 'view=cases&window=operator-2&profile=briefing', quiet);
  await expect(map.getByTestId('map')).toHaveAttribute('data-loaded', 'true', { timeout: 30_000 });
  await expect(panel.getByTestId('scene-row')).toHaveCount(3);
  // The profile switch a scene asks of the wall (main or the simulator acts on it).
  await panel.evaluate(() => {
    const w = window as unknown as { profilesAsked: string[] };
    w.profilesAsked = [];
    new BroadcastChannel('citywall-bus').onmessage = (e: MessageEvent) => {
      const m = e.data as { kind?: string; profileId?: string };
      if (m.kind === 'profile' && m.profileId) w.profilesAsked.push(m.profileId);
    };
  });
  for (const page of [map, analysis, board]) await noteScenes(page);

  await press(panel.getByTestId('tour-toggle'));
  await expect(panel.getByTestId('tour-status')).toHaveAttribute('data-playing', 'true');
  await expect
    .poll(async () => (await sceneLog(map)).length, { timeout: 40_000 })
    .toBeGreaterThanOrEqual(3);
  for (const page of [analysis, board])
    await expect.poll(async () => (await sceneLog(page)).length).toBeGreaterThanOrEqual(3);
  const onMap = (await sceneLog(map)).slice(0, 3);
  const onAnalysis = (await sceneLog(analysis)).slice(0, 3);
  const onBoard = (await sceneLog(board)).slice(0, 3);
  expect(onMap.map((s) => s.key.split('@')[0])).toEqual(['one', 'two', 'three']);
  // The same scene from the same moment: every window works it out from one tour.
  expect(onAnalysis.map((s) => s.key)).toEqual(onMap.map((s) => s.key));
  expect(onBoard.map((s) => s.key)).toEqual(onMap.map((s) => s.key));
  const starts = onMap.map((s) => Number(s.key.split('@')[1]));
  expect(starts.slice(1).map((at, i) => at - (starts[i] as number))).toEqual([6_000, 6_000]);
  // And two windows changed together. (Not the map page: software WebGL on two cores holds its
  // thread for seconds while it draws, which a wall PC's GPU does not.)
  onBoard.forEach((s, i) =>
    expect(
      Math.abs(s.at - (onAnalysis[i]?.at ?? Infinity)),
      `scene ${s.key}: board at ${s.at}, analysis at ${onAnalysis[i]?.at}`,
    ).toBeLessThan(1_000),
  );
  // Each window took its part of the third scene: the camera, the heat period, the period.
  await expect
    .poll(async () => (await mapHook<View>(map, 'camera')).zoom, { timeout: 10_000 })
    .toBeCloseTo(16, 5);
  expect((await mapHook<View>(map, 'camera')).longitude).toBeCloseTo(112.5, 6);
  await expect(map.getByTestId('map-legend')).toContainText('近1小时');
  await expect(analysis.getByTestId('analysis-view')).toHaveAttribute('data-period', 'month');
  expect(
    await panel.evaluate(() => (window as unknown as { profilesAsked: string[] }).profilesAsked),
  ).toContain('duty');

  // A clicker on any window: P pauses everywhere, PageDown steps every window to the next scene.
  await map.keyboard.press('p');
  await expect(panel.getByTestId('tour-status')).toHaveAttribute('data-playing', 'false');
  const before = (await sceneLog(map)).at(-1)?.key.split('@')[0] as string;
  const next = scenes[(scenes.findIndex((s) => s.id === before) + 1) % 3] as Scene;
  await analysis.keyboard.press('PageDown');
  for (const page of [map, analysis])
    await expect(page.getByTestId('wall-window')).toHaveAttribute(
      'data-scene',
      new RegExp(`^${next.id}@`),
    );
  await expect(panel.getByTestId('tour-status')).toHaveAttribute('data-scene', next.id);
  await expect
    .poll(async () => (await mapHook<View>(map, 'camera')).zoom)
    .toBeCloseTo(next.map?.camera?.zoom as number, 5);
  if (next.id === 'two')
    expect(await mapHook<string[]>(map, 'layers')).toEqual(['buildings', 'cases']);
  await expect(analysis.getByTestId('analysis-view')).toHaveAttribute(
    'data-period',
    next.analysis?.period as string,
  );
});

test('a scene saved from the operator screen restores the map camera and the pinned cameras after a reload', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const cameras = (await (await fetch(`${quiet.hub.url}/api/cameras`)).json()) as {
    cameras: { id: string }[];
  };
  const pinnedCamera = cameras.cameras[17]?.id as string;
  const panel = await open(context, 'view=briefing&window=operator&profile=briefing', quiet);
  const map = await open(context, 'view=map&region=map&window=wall-1', quiet);
  const video = await open(context, 'view=video&split=1&window=wall-2', quiet);
  await expect(map.getByTestId('map')).toHaveAttribute('data-loaded', 'true', { timeout: 30_000 });
  await expect.poll(async () => (await slots(video)).filter(Boolean).length).toBeGreaterThan(0);
  await expect(panel.getByTestId('scene-row')).toHaveCount(3);

  // The presenter drags the map and picks a camera (what a click on the map publishes).
  const box = await map.getByTestId('map').boundingBox();
  if (!box) throw new Error('the map has no box');
  await map.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await map.mouse.down();
  await map.mouse.move(box.x + box.width / 2 - 200, box.y + box.height / 2 - 120, { steps: 8 });
  await map.mouse.up();
  const select = (id: string | null) =>
    panel.evaluate((camera) => {
      const channel = new BroadcastChannel('citywall-bus');
      channel.postMessage({
        kind: 'selection',
        origin: 'test',
        selection: camera ? { type: 'camera', id: camera } : null,
      });
      channel.close();
    }, id);
  await select(pinnedCamera);
  await expect.poll(async () => (await slots(video))[0], { timeout: 30_000 }).toBe(pinnedCamera);
  const saved = await mapHook<View>(map, 'camera');

  await press(panel.getByTestId('scene-save'));
  await expect(panel.getByTestId('scene-row')).toHaveCount(4, { timeout: 10_000 });
  // What was kept: the camera the map showed and the camera pinned.
  const kept = await panel.evaluate(
    () => JSON.parse(localStorage.getItem('citywall.scenes') ?? '{}') as { scenes: Scene[] },
  );
  const scene = kept.scenes[3];
  expect(scene?.map?.camera?.longitude).toBeCloseTo(saved.longitude, 6);
  expect(scene?.pins).toEqual([pinnedCamera]);

  for (const page of [panel, map, video]) await page.reload();
  await expect(map.getByTestId('map')).toHaveAttribute('data-loaded', 'true', { timeout: 30_000 });
  await expect(panel.getByTestId('scene-row')).toHaveCount(4);
  await expect.poll(async () => (await slots(video)).filter(Boolean).length).toBeGreaterThan(0);
  // After the reload the map is back on the whole city, and nothing is pinned.
  expect((await mapHook<View>(map, 'camera')).longitude).not.toBeCloseTo(saved.longitude, 5);
  // (A pin holds the rotation; after the reload it runs again.)
  expect(await held(video)).toBe(false);

  await press(panel.getByTestId('scene-show').nth(3));
  await expect
    .poll(async () => (await mapHook<View>(map, 'camera')).longitude, { timeout: 30_000 })
    .toBeCloseTo(saved.longitude, 6);
  const restored = await mapHook<View>(map, 'camera');
  expect(restored.latitude).toBeCloseTo(saved.latitude, 6);
  expect(restored.zoom).toBeCloseTo(saved.zoom, 6);
  await expect.poll(async () => (await slots(video))[0], { timeout: 30_000 }).toBe(pinnedCamera);
  expect(await held(video)).toBe(true);
});

test("the demo's worst-street scene outlines the street the week's history ranks last", async ({
  context,
}) => {
  test.setTimeout(180_000);
  const panel = await open(context, 'view=briefing&window=operator&profile=briefing&lang=en');
  const map = await open(context, 'view=map&region=map&window=wall-1&lang=en');
  await expect(map.getByTestId('map')).toHaveAttribute('data-loaded', 'true', { timeout: 30_000 });
  const week = (await (
    await fetch(`${running.hub.url}/api/history?period=week&groupBy=street&compare=none`)
  ).json()) as HistoryAnswer;
  const { ranked } = rankBy(week.rows, (r) => r.figures.onTimeHandlingRate, 'lower');
  const worst = String(ranked[0]?.row.key.street);
  expect(ranked.length).toBeGreaterThan(1);
  await expect(panel.getByTestId('scene-name').nth(1)).toHaveValue('Worst street this week');
  await press(panel.getByTestId('scene-show').nth(1));
  // The map asks the history itself; this city's map, with its pulsing overdue cases and a
  // week of heat, draws slowly in software WebGL, and the answer waits for its frames.
  await expect.poll(() => mapHook<string>(map, 'area'), { timeout: 90_000 }).toBe(worst);
  await expect(map.getByTestId('map-legend')).toContainText('last 7 days');
});

test('a mark drawn on the presenter’s map shows on every map; C clears it, and so does the next scene', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const pen = await open(context, 'view=map&region=pen&camera=map&draw=1&window=operator', quiet);
  const wall = await open(context, 'view=map&region=map&window=wall-1', quiet);
  for (const page of [pen, wall])
    await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', {
      timeout: 30_000,
    });
  const marks = (page: Page) => mapHook<number>(page, 'marks');
  const box = await pen.getByTestId('map').boundingBox();
  if (!box) throw new Error('the map has no box');
  const drag = async (dx: number, dy: number) => {
    await pen.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await pen.mouse.down();
    await pen.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy, { steps: 6 });
    await pen.mouse.up();
  };

  // An arrow: the map does not pan under the pen, and both maps draw the arrow.
  const before = await mapHook<View>(pen, 'camera');
  await pen.getByTestId('mark-arrow').click();
  await drag(150, -80);
  for (const page of [pen, wall]) await expect.poll(() => marks(page), { timeout: 30_000 }).toBe(1);
  expect((await mapHook<View>(pen, 'camera')).longitude).toBe(before.longitude);
  // A text, typed where it was tapped.
  await pen.getByTestId('mark-text').click();
  await pen.mouse.click(box.x + box.width / 3, box.y + box.height / 3);
  await pen.getByTestId('annotation-text').fill('集合点');
  await pen.getByTestId('annotation-text').press('Enter');
  for (const page of [pen, wall]) await expect.poll(() => marks(page), { timeout: 30_000 }).toBe(2);

  // C on any window clears every map.
  await wall.keyboard.press('c');
  for (const page of [pen, wall]) await expect.poll(() => marks(page), { timeout: 30_000 }).toBe(0);

  // A circle, then the next scene (a clicker's PageDown) wipes it.
  await pen.getByTestId('mark-circle').click();
  await drag(120, 0);
  for (const page of [pen, wall]) await expect.poll(() => marks(page), { timeout: 30_000 }).toBe(1);
  await pen.keyboard.press('Escape');
  await wall.keyboard.press('PageDown');
  await expect(wall.getByTestId('wall-window')).toHaveAttribute('data-scene', /@/);
  for (const page of [pen, wall]) await expect.poll(() => marks(page), { timeout: 30_000 }).toBe(0);
});
