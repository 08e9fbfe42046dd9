import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { startHub, type RunningHub } from '../../electron/hub/startHub';
import { cutText } from './textFit';

/**
 * Case photos (上报照片, 处置照片) on the board's case detail and on the map: shown from the
 * platform's photo server, a missing one shown as such, and one from a server the wall does not
 * allow never requested.
 */
let running: RunningHub;
let dataDir: string;
const servers: Server[] = [];
const asked: Record<string, string[]> = { allowed: [], other: [] };

/** A photo server answering `/ok*.png` with a real picture and anything else 404. */
async function photoServer(name: 'allowed' | 'other'): Promise<string> {
  const png = new PNG({ width: 320, height: 240 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([40, 120 + (i % 100), 200, 255], i);
  const body = PNG.sync.write(png);
  const server = createServer((req, res) => {
    asked[name]?.push(req.url ?? '');
    if (/^\/ok\d*\.png$/.test(req.url ?? ''))
      res.writeHead(200, { 'content-type': 'image/png' }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let allowed = '';
let other = '';
test.beforeEach(async () => {
  asked.allowed = [];
  asked.other = [];
  allowed = await photoServer('allowed');
  other = await photoServer('other');
  dataDir = await mkdtemp(join(tmpdir(), 'citywall-photos-'));
  running = await startHub({
    dataDir,
    serveDir: resolve('dist/renderer'),
    history: false,
    photoOrigins: [allowed],
    source: { kind: 'demo', incidents: false, casesPerMinute: 0, historyHours: 0 },
  });
});
test.afterEach(async () => {
  await running.stop();
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
  await rm(dataDir, { recursive: true, force: true });
});

test('a case’s photos show on the board and the map; missing and unallowed ones are shown as such, and the unallowed never asked for', async ({
  context,
}) => {
  test.setTimeout(90_000);
  const at = Date.now() - 60_000;
  const caseId = 'PHOTO-1';
  const step = (type: string, payload: Record<string, unknown> = {}, dt = 0) => ({
    type,
    payload: { caseId, at: at + dt, ...payload },
  });
  const published = running.hub.publish([
    step('case.reported', {
      category: 'event/appearance/exposed-garbage',
      urgent: false,
      position: { lon: 112.466, lat: 23.05 },
      source: 'grid-worker',
      address: '端州区天宁北路 12 号',
      photos: [`${allowed}/ok.png`, `${allowed}/missing.png`, `${other}/ok.png`],
    }),
    step('case.registered', {}, 1_000),
    step('case.dispatched', { department: '端州区城市管理和综合执法局' }, 2_000),
    step('case.accepted', {}, 3_000),
  ]);
  expect(published.rejected).toBe(0);

  const board = await context.newPage();
  const map = await context.newPage();
  await board.goto(`${running.hub.url}/?view=cases&window=desk&lang=zh-CN`);
  await map.goto(`${running.hub.url}/?view=map&window=map&lang=zh-CN`);
  await board.locator(`[data-testid="due-row"][data-case-id="${caseId}"]`).click();
  await expect(board.getByTestId('case-detail')).toHaveAttribute('data-case-id', caseId);
  // Beside the live feed, under the case's detail.
  const detail = board.getByTestId('board-photos');
  await expect(detail).toHaveAttribute('data-case-id', caseId);
  await expect(detail.getByText('上报照片')).toBeVisible();
  const shown = detail.getByTestId('case-photo');
  await expect(shown).toHaveCount(1);
  await expect
    .poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(320);
  await expect(detail.getByTestId('case-photo-broken')).toHaveCount(2);
  await expect(detail.getByTestId('case-photo-broken').first()).toHaveText('照片无法显示');
  // The board's photo is tall enough to make out across the hall.
  expect((await shown.boundingBox())?.height ?? 0).toBeGreaterThan(100);
  // Nothing on the board is cut to make room for them.
  expect(await cutText(board)).toEqual([]);

  // The handler's photos come with the handling, and show where the case is shown.
  running.hub.publish([step('case.handled', { photos: [`${allowed}/ok2.png`] }, 4_000)]);
  await expect(detail.getByText('处置照片')).toBeVisible();
  await expect(detail.getByTestId('case-photo')).toHaveCount(2);
  const card = map.getByTestId('map-case-photos');
  await expect(card).toHaveAttribute('data-case-id', caseId, { timeout: 30_000 });
  await expect(card).toContainText('天宁北路');
  await expect(card.getByTestId('case-photo')).toHaveCount(2);
  await expect(card.getByTestId('case-photo-broken')).toHaveCount(2);

  expect(asked.other).toEqual([]);
  expect(asked.allowed).toEqual(expect.arrayContaining(['/ok.png', '/missing.png', '/ok2.png']));
});
