/**
 * The leaders' analysis: time from opening the week view to its three charts drawn (and the
 * longest main-thread task meanwhile), and what live updates cost on the day view while cases
 * arrive (setOption time per chart update, history requests per second), on the demo city with
 * BENCH_ANALYSIS_DAYS (default 30) days of history made through the hub; then the JS heap over
 * BENCH_ANALYSIS_SWITCHES (default 1,000) period switches on a running page, as scenes make them.
 * Run: npm run bench:analysis   (software rendering here: figures are this machine's CPU)
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub } from '../../electron/hub/startHub';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

const DAYS = Number(process.env.BENCH_ANALYSIS_DAYS ?? 30);
const RUNS = 5;
const LIVE_SECONDS = 20;
const SWITCHES = Number(process.env.BENCH_ANALYSIS_SWITCHES ?? 1000);

const dir = await mkdtemp(join(tmpdir(), 'citywall-bench-analysis-'));
const seeding = performance.now();
const running = await startHub({
  dataDir: dir,
  serveDir: resolve('dist/renderer'),
  source: { kind: 'demo', incidents: false, casesPerMinute: 1, historyHours: 0, seedDays: DAYS },
});
console.log(
  `${DAYS} days seeded: ${running.hub.log.headSeq} events in ${((performance.now() - seeding) / 1000).toFixed(0)} s`,
);
// gc() in the page: the heap is read after a full collection, not wherever the collector was.
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
});
type Counts = { updates: number; updateMs: number; longestUpdateMs: number; created: number };
const counts = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { citywallCharts?: { counts(): Counts } }).citywallCharts?.counts() ?? {
        updates: 0,
        updateMs: 0,
        longestUpdateMs: 0,
        created: 0,
      },
  );
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

try {
  // Opening the week: until the three charts have their data, then two frames.
  const open: number[] = [];
  const longest: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${running.hub.url}/?view=analysis&period=week&lang=zh-CN`);
    await page.waitForFunction(
      () =>
        ((
          window as unknown as { citywallCharts?: { counts(): { updates: number } } }
        ).citywallCharts?.counts().updates ?? 0) >= 3,
      undefined,
      { timeout: 60_000, polling: 'raf' },
    );
    const drawnAt = await page.evaluate(
      () =>
        new Promise<number>((r) =>
          requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))),
        ),
    );
    open.push(drawnAt);
    longest.push(
      await page.evaluate(() =>
        Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks),
      ),
    );
    await page.close();
  }
  console.log(
    `week view opened → 3 charts drawn: median ${median(open).toFixed(0)} ms (of ${RUNS}: ${open.map((t) => t.toFixed(0)).join(', ')}), longest task median ${median(longest).toFixed(0)} ms`,
  );

  // Live: a case every 100 ms on the day view.
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  let requests = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/history')) requests += 1;
  });
  await page.goto(`${running.hub.url}/?view=analysis&period=day&lang=zh-CN`);
  await page.waitForFunction(
    () =>
      ((
        window as unknown as { citywallCharts?: { counts(): { updates: number } } }
      ).citywallCharts?.counts().updates ?? 0) >= 3,
    undefined,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(2_000);
  const before = await counts(page);
  requests = 0;
  const started = Date.now();
  let n = 0;
  while (Date.now() - started < LIVE_SECONDS * 1000) {
    n += 1;
    running.hub.publish([
      {
        type: 'case.reported',
        payload: {
          caseId: `BENCH-LIVE-${n}`,
          at: Date.now(),
          category: 'event/street-order/illegal-parking',
          urgent: false,
          position: { lon: 112.47, lat: 23.06 },
          source: 'hotline',
        },
      },
    ]);
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.waitForTimeout(2_000);
  const after = await counts(page);
  const updates = after.updates - before.updates;
  console.log(
    `day view, ${n} cases in ${LIVE_SECONDS} s: ${(requests / 7 / LIVE_SECONDS).toFixed(2)} page refreshes/s (7 history queries each), ${updates} chart updates, setOption ${updates > 0 ? ((after.updateMs - before.updateMs) / updates).toFixed(2) : '—'} ms each on average, longest ${after.longestUpdateMs.toFixed(1)} ms; charts made ${after.created - before.created} more`,
  );
  await page.close();

  // Switching the period on a running wall, as a briefing scene does: day → week → month → …
  const switchPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await switchPage.goto(`${running.hub.url}/?view=analysis&period=week&lang=zh-CN`);
  await switchPage.waitForFunction(
    () =>
      ((
        window as unknown as { citywallCharts?: { counts(): { updates: number } } }
      ).citywallCharts?.counts().updates ?? 0) >= 3,
    undefined,
    { timeout: 60_000 },
  );
  const heapAt: { switches: number; mb: number }[] = [];
  const heap = () =>
    switchPage.evaluate(() => {
      (window as unknown as { gc: () => void }).gc();
      return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory
        .usedJSHeapSize;
    });
  const switchStart = await counts(switchPage);
  const switchedAt = performance.now();
  for (let k = 1; k <= SWITCHES; k += 1) {
    const period = (['day', 'week', 'month'] as const)[k % 3] as string;
    const was = await counts(switchPage);
    // The tour message a scene change sends, straight onto the page's wall bus.
    await switchPage.evaluate(
      ({ period, k }) => {
        const channel = new BroadcastChannel('citywall-bus');
        channel.postMessage({
          kind: 'tour',
          origin: 'bench',
          tour: {
            scenes: [
              {
                id: `p${k}`,
                name: period,
                dwellSeconds: 60,
                profile: 'briefing',
                analysis: { period },
              },
            ],
            index: 0,
            since: Date.now(),
            playing: false,
          },
        });
        channel.close();
      },
      { period, k },
    );
    // Switched when the page shows the period and its charts took the new period's answers.
    await switchPage.waitForFunction(
      ({ p, u }) =>
        document.querySelector('[data-testid=analysis-view]')?.getAttribute('data-period') === p &&
        ((
          window as unknown as { citywallCharts?: { counts(): { updates: number } } }
        ).citywallCharts?.counts().updates ?? 0) > u,
      { p: period, u: was.updates },
      { timeout: 30_000 },
    );
    if (k === 10 || k % 250 === 0) heapAt.push({ switches: k, mb: (await heap()) / 2 ** 20 });
  }
  const switchSeconds = (performance.now() - switchedAt) / 1000;
  const switchEnd = await counts(switchPage);
  console.log(
    `${SWITCHES} period switches in ${switchSeconds.toFixed(0)} s: JS heap after gc ${heapAt.map((h) => `${h.mb.toFixed(1)} MB at ${h.switches}`).join(', ')}; charts made ${switchEnd.created - switchStart.created} more, chart updates ${switchEnd.updates - switchStart.updates}`,
  );
  await switchPage.close();
} finally {
  await browser.close();
  await running.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(0);
