import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { readCameraMapping } from '../../electron/hub/import/cameraMapping';
import { startNginxRtmp, type NginxRtmp } from '../../electron/hub/media/nginxRtmp';
import { startHub, type RunningHub } from '../../electron/hub/startHub';

/**
 * The README's worked example: a platform's channel list (GBK CSV, GCJ-02) through the shipped
 * camera mapping, its streams on a real nginx-rtmp fed by ffmpeg, played by the wall's video
 * view in Chromium, the page allowed to reach the media server by the policy the hub sends.
 */
let nginx: NginxRtmp;
let running: RunningHub;
let dir: string;
const CHANNELS = ['44120200001320000001', '44120200001320000002'];

test.beforeEach(async () => {
  nginx = await startNginxRtmp();
  for (const channel of CHANNELS) await nginx.publish(channel);
  dir = await mkdtemp(join(tmpdir(), 'citywall-platform-cameras-'));
  const rows = CHANNELS.map(
    (id, k) => `${id},端州路口${k + 1},${112.47 + k * 0.003},${23.048},端州区,城东街道,,交通,90,60`,
  );
  await writeFile(
    join(dir, 'channels.csv'),
    iconv.encode(
      `通道编号,通道名称,经度,纬度,所属区县,所属街道,所属网格,标签,朝向,视场角\r\n${rows.join('\r\n')}\r\n`,
      'gbk',
    ),
  );
  const mapping = (await readFile('assets/mappings/cameras-channels.json', 'utf8')).replace(
    'http://127.0.0.1:8080',
    nginx.httpOrigin,
  );
  running = await startHub({
    dataDir: join(dir, 'hub'),
    serveDir: resolve('dist/renderer'),
    history: false,
    source: { kind: 'demo', incidents: false, casesPerMinute: 0, historyHours: 0 },
    cameras: { mapping: readCameraMapping(mapping), from: join(dir, 'channels.csv') },
  });
});
test.afterEach(async () => {
  await running.stop();
  await nginx.stop();
  await rm(dir, { recursive: true, force: true });
});

test("the video wall plays a platform's cameras from a real nginx-rtmp server", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  await page.goto(`${running.hub.url}/?view=video&lang=zh-CN`);
  const states = () =>
    page.evaluate(() => {
      const h = (
        window as unknown as {
          citywallVideo?: {
            slots(): (string | undefined)[];
            statuses(): Record<string, { state: string }>;
          };
        }
      ).citywallVideo;
      if (!h) return {};
      const all = h.statuses();
      return Object.fromEntries(h.slots().flatMap((id) => (id ? [[id, all[id]?.state]] : [])));
    });
  await expect.poll(states, { timeout: 60_000, intervals: [500] }).toEqual({
    [CHANNELS[0] as string]: 'playing',
    [CHANNELS[1] as string]: 'playing',
  });
  // The frames really move: a playing tile's clock advances.
  const times = () =>
    page.evaluate(() => [...document.querySelectorAll('video')].map((v) => v.currentTime));
  const before = await times();
  await expect
    .poll(async () => (await times()).every((t, k) => t > (before[k] ?? 0)), { timeout: 15_000 })
    .toBe(true);
  await expect(page.getByText('端州路口1')).toBeVisible();
  expect(blocked).toEqual([]);
});
