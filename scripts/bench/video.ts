/**
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
 * CPU of all Chromium processes, dropped frames, delay behind live (program date-time), then
 * heap and element counts over 500 source swaps of our wall.
 * Run: npm run bench:video   (BENCH_VIDEO_SECONDS, BENCH_VIDEO_SWAPS to change the run;
 * BENCH_VIDEO_SWAP_PAGES= to leave out the swaps on bare hls.js)
 */
import { chromium, type Page } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub } from '../../electron/hub/startHub';
import { checkCatalogue } from '../../shared/video/catalogue';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

const SECONDS = Number(process.env.BENCH_VIDEO_SECONDS ?? 30);
const SWAPS = Number(process.env.BENCH_VIDEO_SWAPS ?? 500);
/** Which pages the swaps run on: `bare` (hls.js alone, the reference) and ours (always). */
const SWAP_PAGES = (process.env.BENCH_VIDEO_SWAP_PAGES ?? 'bare').split(',');
/** 16 is the size; 4 is what this 2-core machine decodes and composites in software. */
const TILE_COUNTS = (process.env.BENCH_VIDEO_TILES ?? '16,4')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds used so far by every Chromium process (browser, renderers, GPU, utility). */
async function chromiumCpuSeconds(): Promise<number> {
  let ticks = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('chromium')) continue;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return ticks / CLOCK_TICKS;
}

interface Sample {
  cpu: number;
  dropped: number;
  frames: number;
  delays: number[];
  playing: number;
}

async function videoQuality(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('video')].reduce(
      (sum, v) => {
        const q = v.getVideoPlaybackQuality();
        return {
          dropped: sum.dropped + q.droppedVideoFrames,
          frames: sum.frames + q.totalVideoFrames,
        };
      },
      { dropped: 0, frames: 0 },
    ),
  );
}

async function measure(url: string): Promise<Sample> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(url);
    await page.waitForTimeout(8_000);
    const cpu0 = await chromiumCpuSeconds();
    const q0 = await videoQuality(page);
    const t0 = Date.now();
    const delays: number[] = [];
    let playing = 0;
    while (Date.now() - t0 < SECONDS * 1000) {
      await page.waitForTimeout(1_000);
      const statuses = await page.evaluate(() =>
        (
          window as unknown as {
            citywallVideo: { statuses(): ({ state: string; delayS?: number } | undefined)[] };
          }
        ).citywallVideo.statuses(),
      );
      for (const s of statuses) if (s?.delayS !== undefined) delays.push(s.delayS);
      playing = statuses.filter((s) => s?.state === 'playing').length;
    }
    const cpu = (await chromiumCpuSeconds()) - cpu0;
    const q1 = await videoQuality(page);
    return {
      cpu: cpu / ((Date.now() - t0) / 1000),
      dropped: q1.dropped - q0.dropped,
      frames: q1.frames - q0.frames,
      delays,
      playing,
    };
  } finally {
    await browser.close();
  }
}

async function swaps(url: string, urls: string[]) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  });
  const rows: {
    swaps: number;
    heapMB: number;
    rendererMB: number;
    players: number;
    videos: number;
    tiles: number;
  }[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(url);
    await page.waitForTimeout(5_000);
    for (let done = 0; done <= SWAPS; done += 50) {
      if (done > 0)
        await page.evaluate(
          async ({ list, from }) => {
            const hooks = (window as unknown as { citywallVideo: { swap(u: string[]): void } })
              .citywallVideo;
            for (let i = from; i < from + 50; i += 1) {
              // Each swap shows the next 16 cameras of the catalogue, round the list.
              hooks.swap(list.slice(i % 8).concat(list.slice(0, i % 8)));
              await new Promise((r) => setTimeout(r, 80));
            }
          },
          { list: urls, from: done - 50 },
        );
      await page.waitForTimeout(1_500);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const counts = await page.evaluate(() =>
        (
          window as unknown as { citywallVideo: { counts(): Record<string, number> } }
        ).citywallVideo.counts(),
      );
      const row = {
        swaps: done,
        heapMB: heap.usedSize / 2 ** 20,
        rendererMB: await rendererRss(),
        players: counts.players ?? -1,
        videos: counts.videos ?? -1,
        tiles: counts.tiles ?? -1,
      };
      rows.push(row);
      // Each row as it is measured: a long run that ends early still tells how far it came.
      console.log(
        `| ${row.swaps} | ${row.heapMB.toFixed(1)} MB | ${row.rendererMB.toFixed(0)} MB | ${row.players} | ${row.videos} | ${row.tiles} |`,
      );
    }
  } catch (error) {
    // A page that dies under the swaps (out of memory) is a result, not the end of the report.
    console.log(
      `\nThe page stopped after ${rows.at(-1)?.swaps ?? 0} swaps: ${String(error).split('\n')[0]}`,
    );
  } finally {
    await browser.close();
  }
  return rows;
}

/** Resident memory of Chromium's renderer processes (the page, its media), from /proc, in MB. */
async function rendererRss(): Promise<number> {
  let kb = 0;
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmd.includes('chromium') || !cmd.includes('--type=renderer')) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return kb / 1024;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Least-squares slope, per 100 swaps. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i += 1) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return (num / den) * 100;
}

const dataDir = await mkdtemp(join(tmpdir(), 'citywall-bench-video-'));
const running = await startHub({
  dataDir,
  serveDir: resolve('dist/renderer'),
  demoVideoDir: resolve('assets/demo-video'),
  source: { kind: 'demo', incidents: false, casesPerMinute: 0, historyHours: 0 },
});
try {
  const base = running.hub.url;
  const { cameras } = checkCatalogue(await (await fetch(`${base}/api/cameras`)).json());
  const urls = cameras.slice(0, 24).map((c) => `${base}${c.stream}`);
  const page = (tiles: number, bare: boolean) =>
    `${base}/videolab.html?videolab&n=${tiles}&src=${urls.slice(0, tiles).map(encodeURIComponent).join('|')}${bare ? '&bare=1' : ''}`;
  console.log(`bench:video — tiles of 640×360 H.264 15 fps, 1 s segments, ${SECONDS} s each`);
  console.log(
    'CPU is all Chromium processes together (100 % = one core), software decoding and compositing.\n',
  );
  for (const tiles of TILE_COUNTS) {
    // Reference first and last, ours in between, so drift in the machine shows.
    const bare1 = await measure(page(tiles, true));
    const ours = await measure(page(tiles, false));
    const bare2 = await measure(page(tiles, true));
    const bareCpu = (bare1.cpu + bare2.cpu) / 2;
    const fps = (s: Sample) => s.frames / SECONDS / tiles;
    console.log(`### ${tiles} tiles\n`);
    console.log(
      '| page | CPU | frames shown per tile | dropped | delay p50 | delay p95 | delay max | tiles playing at end |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const [name, s] of [
      ['bare hls.js (run 1)', bare1],
      ['ours', ours],
      ['bare hls.js (run 2)', bare2],
    ] as const)
      console.log(
        `| ${name} | ${(s.cpu * 100).toFixed(0)} % | ${fps(s).toFixed(1)} fps | ${s.dropped} | ${percentile(s.delays, 50).toFixed(1)} s | ${percentile(s.delays, 95).toFixed(1)} s | ${Math.max(...s.delays).toFixed(1)} s | ${s.playing}/${tiles} |`,
      );
    console.log(
      `\nCPU ours / bare (mean of both bare runs): ${(ours.cpu / bareCpu).toFixed(2)} (target ≤ 1.1); ` +
        `delay p95 ours ${percentile(ours.delays, 95).toFixed(1)} s (target ≤ 2 × 1 s + 1 s = 3 s)\n`,
    );
  }

  // The same swaps on bare hls.js (destroy, new player on the same video): is growth ours?
  if (SWAP_PAGES.includes('bare')) {
    console.log('\nSwaps on bare hls.js:\n');
    console.log(
      '| swaps | heap after GC | renderer processes RSS | hls.js players | <video> in page | tiles alive |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|');
    await swaps(page(16, true), urls);
  }
  console.log('\nSwaps on our tiles:\n');
  console.log(
    '| swaps | heap after GC | renderer processes RSS | hls.js players | <video> in page | tiles alive |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|');
  const rows = await swaps(page(16, false), urls);
  const half = rows.slice(Math.floor(rows.length / 2));
  console.log(
    `\nHeap trend over the second half: ${slope(
      half.map((r) => r.swaps),
      half.map((r) => r.heapMB),
    ).toFixed(2)} MB per 100 swaps (whole run: ${slope(
      rows.map((r) => r.swaps),
      rows.map((r) => r.heapMB),
    ).toFixed(2)})`,
  );
} finally {
  await running.stop();
  await rm(dataDir, { recursive: true, force: true });
}
