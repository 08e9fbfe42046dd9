/**
 * `npm run shots`: screenshots of every view at 1920×1080 and 3840×2160, in Chinese and English,
 * and of the simulated hall for each built-in profile (`SHOTS_HALL`, default `3x3@1920x1080`,
 * plus a 1440p operator screen at 125 %), each window shot on its own at its planned size and
 * placed where the planner puts it; on the embedded demo city; written to build/shots/ to be
 * looked at (nothing is asserted). Uses the test build (`--mode e2e`).
 */
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import { join, resolve } from 'node:path';
import { startHub } from '../electron/hub/startHub';
import { tempDir } from '../electron/hub/testSupport';
import { BUILTIN_PROFILES } from '../shared/layout/builtinProfiles';
import { planWall } from '../shared/layout/planWall';
import { display, wallOf } from '../shared/layout/testDisplays';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const out = resolve('build/shots');
await mkdir(out, { recursive: true });
const { dir, cleanup } = await tempDir('citywall-shots-');
const photos = await photoServer();
const running = await startHub({
  dataDir: dir,
  serveDir: resolve('dist/renderer'),
  source: { kind: 'demo', casesPerMinute: 30, speed: 20, historyHours: 6 },
  demoVideoDir: resolve('assets/demo-video'),
  photoOrigins: [photos.origin],
});
const base = running.hub.url;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const only = process.env.SHOTS_ONLY?.split(',');
const sizes = (process.env.SHOTS_SIZES ?? '1920x1080,3840x2160')
  .split(',')
  .map((s) => s.split('x').map(Number) as [number, number]);
const languages = (process.env.SHOTS_LANGS ?? 'zh-CN,en').split(',');
try {
  for (const view of [
    'cases',
    'kpi',
    'map',
    'video',
    'incident',
    'analysis',
    'report',
    'briefing',
  ]) {
    if (only && !only.includes(view)) continue;
    for (const [w, h] of sizes)
      for (const lang of languages) {
        const page = await browser.newPage({ viewport: { width: w, height: h } });
        await page.goto(`${base}/?view=${view}&lang=${lang}`);
        await page.waitForTimeout(view === 'map' ? 20_000 : 8_000);
        const file = join(out, `${view}-${w}x${h}-${lang}.png`);
        // Software WebGL can hold a map page's thread for a long while: wait, and go on if not.
        await page
          .screenshot({ path: file, timeout: 120_000 })
          .then(() => console.log(file))
          .catch((error: unknown) => console.warn(`${file}: ${String(error).split('\n')[0]}`));
        await page.close();
      }
  }
  // A case with photos (上报照片, 处置照片), picked on the board: its detail and the map's card.
  if (only?.includes('photos')) {
    let shot = 0;
    for (const [w, h] of sizes)
      for (const lang of languages) {
        shot += 1;
        const caseId = `SHOT-PHOTO-${shot}`;
        const at = Date.now() - 3_600_000;
        const step = (type: string, dt: number, extra: Record<string, unknown> = {}) => ({
          type,
          payload: { caseId, at: at + dt, ...extra },
        });
        running.hub.publish([
          step('case.reported', 0, {
            category: 'event/appearance/exposed-garbage',
            urgent: false,
            position: { lon: 112.466, lat: 23.05 },
            source: 'grid-worker',
            address: '端州区天宁北路 12 号',
            description: '路口垃圾堆放，影响通行',
            photos: [
              `${photos.origin}/a.png`,
              `${photos.origin}/b.png`,
              `${photos.origin}/gone.png`,
            ],
          }),
          step('case.registered', 60_000),
          step('case.dispatched', 120_000, { department: '端州区城市管理和综合执法局' }),
          step('case.accepted', 180_000),
        ]);
        // One context, so the two pages share the wall bus (a BroadcastChannel); the map first:
        // it must be listening when the case is picked.
        const wall = await browser.newContext({ viewport: { width: w, height: h } });
        const map = await wall.newPage();
        await map.goto(`${base}/?view=map&window=shot-map&lang=${lang}`);
        await map.waitForTimeout(15_000);
        const board = await wall.newPage();
        await board.goto(`${base}/?view=cases&window=shot-board&lang=${lang}`);
        await board.waitForTimeout(3_000);
        // Picked as another window picks a case: a selection on the wall bus.
        await board.evaluate((id) => {
          const channel = new BroadcastChannel('citywall-bus');
          channel.postMessage({
            kind: 'selection',
            origin: 'shots',
            selection: { type: 'case', id },
          });
          channel.close();
        }, caseId);
        // The handler's photos arrive while the case is shown.
        running.hub.publish([
          step('case.handled', 240_000, { photos: [`${photos.origin}/c.png`] }),
        ]);
        await board.waitForTimeout(4_000);
        await map.waitForTimeout(10_000);
        for (const [page, name] of [
          [board, 'photos-board'],
          [map, 'photos-map'],
        ] as const) {
          const file = join(out, `${name}-${w}x${h}-${lang}.png`);
          await page
            .screenshot({ path: file, timeout: 120_000 })
            .then(() => console.log(file))
            .catch((error: unknown) => console.warn(`${file}: ${String(error).split('\n')[0]}`));
        }
        await wall.close();
      }
  }
  // The simulated hall, window by window as Electron opens them (one page each, so one map's
  // software WebGL does not hold the others), put together where the planner places them.
  const spec = process.env.SHOTS_HALL ?? '3x3@1920x1080';
  const [grid, size] = spec.split('@') as [string, string];
  const [rows, cols] = grid.split('x').map(Number) as [number, number];
  const [pw, ph] = size.split('x').map(Number) as [number, number];
  const displays = [
    ...wallOf(rows, cols, pw, ph),
    display('operator', 0, rows * ph, 2048, 1152, { scaleFactor: 1.25, primary: true }),
  ];
  for (const profile of BUILTIN_PROFILES) {
    if (only && !only.includes(`sim-${profile.id}`)) continue;
    const plan = planWall(displays, profile);
    const width = Math.max(...displays.map((d) => d.bounds.x + d.bounds.width));
    const height = Math.max(...displays.map((d) => d.bounds.y + d.bounds.height));
    const hall = new PNG({ width, height });
    for (const w of plan.windows) {
      const page = await browser.newPage({
        viewport: { width: w.bounds.width, height: w.bounds.height },
      });
      const query = new URLSearchParams({
        ...w.params,
        view: w.view,
        window: w.key,
        region: w.regionId,
        profile: profile.id,
        lang: languages[0] as string,
      });
      await page.goto(`${base}/index.html?${query.toString()}`);
      await page.waitForTimeout(w.view === 'map' ? 25_000 : 6_000);
      const shot = await page.screenshot({ timeout: 120_000 }).catch(() => undefined);
      await page.close();
      if (!shot) {
        console.warn(`${profile.id} ${w.key}: no screenshot`);
        continue;
      }
      const png = PNG.sync.read(shot);
      PNG.bitblt(png, hall, 0, 0, png.width, png.height, w.bounds.x, w.bounds.y);
    }
    const file = join(out, `sim-${profile.id}-${languages[0]}.png`);
    await writeFile(file, PNG.sync.write(hall));
    console.log(file, plan.warnings.length > 0 ? `(${plan.warnings.join('; ')})` : '');
  }
} finally {
  await browser.close();
  await running.stop();
  await photos.stop();
  await cleanup();
}
process.exit(0);

/** A photo server for the photos shot: frames of the demo clips as PNG, 404 for anything else. */
async function photoServer(): Promise<{ origin: string; stop: () => Promise<void> }> {
  const frames = new Map<string, Buffer>();
  for (const [name, clip] of [
    ['a', 'junction'],
    ['b', 'plaza'],
    ['c', 'riverside'],
  ] as const) {
    const file = join(dir, `${name}.png`);
    const clipDir = resolve('assets/demo-video', clip);
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', 'pipe:0', '-frames:v', '1', file], {
      input: Buffer.concat([
        await readFile(join(clipDir, 'init.mp4')),
        await readFile(join(clipDir, 'seg1.m4s')),
      ]),
    });
    frames.set(`/${name}.png`, await readFile(file));
  }
  const server = createServer((req, res) => {
    const body = frames.get(req.url ?? '');
    if (body) res.writeHead(200, { 'content-type': 'image/png' }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
