import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub, type RunningHub } from '../../electron/hub/startHub';
import { rankBy } from '../../shared/domain/periodChange';
import type { HistoryAnswer } from '../../shared/protocol/history';
import { cutText } from './textFit';

/** `formatPercent` of the wall: one decimal and a percent sign. */
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** The leaders' analysis on the demo city with days of history made through the hub. */
let running: RunningHub;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'citywall-analysis-'));
  running = await startHub({
    dataDir,
    serveDir: resolve('dist/renderer'),
    source: {
      kind: 'demo',
      incidents: false,
      casesPerMinute: 0.4,
      historyHours: 0,
      seedDays: 9,
    },
  });
});
test.afterAll(async () => {
  await running.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const history = async (query: string): Promise<HistoryAnswer> =>
  (await (await fetch(`${running.hub.url}/api/history?${query}`)).json()) as HistoryAnswer;
const cardValue = (page: Page, figure: string) =>
  page.getByTestId(`analysis-${figure}`).getAttribute('data-value');
type Counts = { created: number; disposed: number; updates: number; replaced: number };
const charts = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { citywallCharts: { counts(): Counts } }).citywallCharts.counts(),
  );

test("the week's cards and street ranking are the hub's history answer", async ({ page }) => {
  await page.goto(`${running.hub.url}/?view=analysis&period=week&lang=zh-CN`);
  await expect(page.getByTestId('analysis-reported')).toBeVisible({ timeout: 20_000 });
  const week = await history('period=week&compare=previous');
  await expect
    .poll(async () => Number(await cardValue(page, 'reported')))
    .toBeGreaterThanOrEqual(week.total.reported);
  expect(Number(await cardValue(page, 'reported'))).toBeLessThanOrEqual(week.total.reported + 2);
  expect(week.total.reported).toBeGreaterThan(100);
  expect(week.previous?.total.reported).toBeGreaterThan(0);
  expect(Number(await cardValue(page, 'closureRate'))).toBeCloseTo(week.total.closureRate ?? 0, 2);
  await expect(page.getByTestId('analysis-dates')).toHaveText(
    `${week.period.firstDay} — ${week.period.lastDay}`,
  );
  const streets = await history('period=week&groupBy=street&compare=none');
  const expected = rankBy(streets.rows, (r) => r.figures.onTimeHandlingRate, 'higher')
    .ranked.slice(0, 8)
    .map((r) => String(r.row.key.street));
  expect(expected.length).toBeGreaterThan(1);
  await expect
    .poll(() =>
      page
        .getByTestId('rank-streets')
        .getByTestId('rank-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name'))),
    )
    .toEqual(expected);
  await expect(page.getByTestId('analysis-summary')).toContainText('本周受理');
  // Three charts, each made once.
  expect((await charts(page)).created).toBe(3);
});

test('a case reported now moves today within 2 s, and the charts are updated, not made again', async ({
  page,
}) => {
  await page.goto(`${running.hub.url}/?view=analysis&period=day&lang=en`);
  await expect(page.getByTestId('analysis-reported')).toBeVisible({ timeout: 20_000 });
  // Quiet for a moment: the figure read is the one shown.
  await page.waitForTimeout(1_500);
  const before = Number(await cardValue(page, 'reported'));
  const counts = await charts(page);
  const at = Date.now();
  running.hub.publish([
    {
      type: 'case.reported',
      payload: {
        caseId: 'ANALYSIS-NOW-1',
        at,
        category: 'event/street-order/illegal-parking',
        urgent: false,
        position: { lon: 112.47, lat: 23.06 },
        source: 'hotline',
      },
    },
  ]);
  await expect
    .poll(async () => Number(await cardValue(page, 'reported')), {
      timeout: 2_000,
      intervals: [100],
    })
    .toBeGreaterThanOrEqual(before + 1);
  const after = await charts(page);
  expect(after.created).toBe(counts.created);
  expect(after.updates).toBeGreaterThan(counts.updates);
  expect(after.replaced).toBe(counts.replaced);
  await expect(page.getByTestId('analysis-summary')).toContainText('Today');
});

for (const [width, height] of [
  [1920, 1080],
  [3840, 2160],
] as const)
  test(`no text is cut on the analysis views at ${width}×${height}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height });
    for (const period of ['day', 'week', 'month'])
      for (const lang of ['zh-CN', 'en']) {
        await page.goto(`${running.hub.url}/?view=analysis&period=${period}&lang=${lang}`);
        // Drawn once the summary is there. (Not a ranked row: just after the city's midnight —
        // 16:00 UTC — no case of the new day has been handled, and the day ranks no street.)
        await expect(page.getByTestId('analysis-summary')).toBeVisible({ timeout: 20_000 });
        await expect(page.getByTestId('rank-streets')).toBeVisible();
        expect(await cutText(page), `${period} ${lang}`).toEqual([]);
      }
  });

test('across a 2×3 region the analysis is dealt a panel at a time: every panel full, nothing cut at a seam', async ({
  context,
}) => {
  test.setTimeout(90_000);
  // Six 960×540 windows with 12 px bezels: one region of 1932×1644.
  const cells = [0, 1, 2].flatMap((row) => [0, 1].map((col) => [col, row] as const));
  for (const lang of ['zh-CN', 'en']) {
    const pages = await Promise.all(
      cells.map(async ([col, row]) => {
        const page = await context.newPage();
        await page.setViewportSize({ width: 960, height: 540 });
        await page.goto(
          `${running.hub.url}/?view=analysis&period=week&lang=${lang}&part=${col * 972},${row * 552},1932,1644&cell=${col},${row},2,3`,
        );
        return page;
      }),
    );
    for (const [index, page] of pages.entries()) {
      const own = page.getByTestId('analysis-page').nth(index);
      await expect(own).toHaveAttribute('data-blocks', /[12]/, { timeout: 20_000 });
      // The charts and tables are in: this panel holds its blocks whole.
      await expect(page.getByTestId('rank-streets').getByTestId('rank-row').first()).toBeAttached({
        timeout: 20_000,
      });
      expect(await cutText(page), `${lang} panel ${index + 1}`).toEqual([]);
    }
    for (const page of pages) await page.close();
  }
});

test('a hub without its history database: the analysis says why instead of drawing nothing', async ({
  page,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'citywall-analysis-off-'));
  const bare = await startHub({
    dataDir: dir,
    history: false,
    serveDir: resolve('dist/renderer'),
    source: { kind: 'demo', incidents: false, casesPerMinute: 0, historyHours: 0 },
  });
  try {
    await page.goto(`${bare.hub.url}/?view=analysis&period=month&lang=en`);
    await expect(page.getByTestId('analysis-error')).toContainText('History unavailable: 503', {
      timeout: 20_000,
    });
    await expect(page.getByTestId('analysis-view')).toContainText('Monthly bulletin');
  } finally {
    await bare.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("the week's report prints to a PDF whose numbers are the history's, and exports the same as CSV", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(`${running.hub.url}/?view=report&period=week&lang=zh-CN`);
  await expect(
    page.getByTestId('report').locator('table').nth(1).locator('tbody tr').first(),
  ).toBeVisible({
    timeout: 20_000,
  });
  // Cases arrive meanwhile: the PDF's count lies between the answers before and after it.
  const before = await history('period=week&compare=previous');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const after = await history('period=week&compare=previous');
  const streets = await history('period=week&groupBy=street&compare=none');
  const dir = await mkdtemp(join(tmpdir(), 'citywall-report-'));
  try {
    await writeFile(join(dir, 'report.pdf'), pdf);
    const text = spawnSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text.status, text.stderr).toBe(0);
    const out = text.stdout;
    expect(out).toContain('周分析');
    expect(out).toContain(`${before.period.firstDay} — ${before.period.lastDay}`);
    const counts = [];
    for (let n = before.total.reported; n <= after.total.reported; n += 1) counts.push(String(n));
    expect(counts.some((n) => new RegExp(`受理数\\s+${n}\\s`).test(out))).toBe(true);
    expect(streets.rows.length).toBeGreaterThan(1);
    // Cases with no street come last as 其他, unranked.
    for (const row of streets.rows.filter((r) => typeof r.key.street === 'string')) {
      // The ranking's row: its rank first, then the street.
      const line = out
        .split('\n')
        .find((l) => /^\s*\d+\s/.test(l) && l.includes(String(row.key.street)));
      expect(line, String(row.key.street)).toBeDefined();
      expect(line).toContain(percent(row.figures.onTimeHandlingRate));
    }
    // The same tables as CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-csv').click(),
    ]);
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(counts.some((n) => csv.includes(`受理数,${n},`))).toBe(true);
    for (const row of streets.rows.filter((r) => typeof r.key.street === 'string'))
      expect(csv).toContain(String(row.key.street));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
