import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub, type RunningHub } from '../../electron/hub/startHub';
import { cutText } from './textFit';

/** The demo city with a few hours of history: overdue cases, deadlines, a full board. */
let running: RunningHub;
let dataDir: string;
test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'citywall-board-'));
  running = await startHub({
    dataDir,
    serveDir: resolve('dist/renderer'),
    source: { kind: 'demo', casesPerMinute: 20, historyHours: 6 },
  });
});
test.afterEach(async () => {
  await running.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('a case picked on the board is the wall’s selection, with its details', async ({
  context,
}) => {
  const board = await context.newPage();
  const other = await context.newPage();
  await board.goto(`${running.hub.url}/?view=cases&window=desk`);
  await other.goto(`${running.hub.url}/?view=cases&window=other`);
  const row = board.getByTestId('due-row').first();
  await expect(row).toBeVisible();
  await row.click();
  // The list is live: the case is the one the click landed on, which the board now marks.
  const id = (await board
    .locator('[data-testid="due-row"].row-selected')
    .getAttribute('data-case-id')) as string;
  expect(id).toMatch(/^\d+$/);
  for (const page of [board, other]) {
    await expect(page.getByTestId('case-detail')).toHaveAttribute('data-case-id', id);
    await expect(page.getByTestId('case-detail')).toContainText(id);
    await expect(page.getByTestId('case-steps').locator('li').first()).toBeVisible();
  }
  // A live event row selects its case too, by keyboard as well.
  const tick = board.locator('[data-testid="ticker-row"][role="button"]').first();
  const tickId = (await tick.getAttribute('data-case-id')) as string;
  await tick.focus();
  await board.keyboard.press('Enter');
  await expect(other.getByTestId('case-detail')).toHaveAttribute('data-case-id', tickId);
  await board.getByTestId('case-detail-close').click();
  await expect(other.getByTestId('case-detail')).toHaveCount(0);
});

for (const [width, height] of [
  [1920, 1080],
  [3840, 2160],
] as const)
  test(`no text is cut on the board and the KPI page at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    for (const lang of ['zh-CN', 'en'])
      for (const query of ['view=cases', 'view=kpi', 'view=kpi&scale=large']) {
        await page.goto(`${running.hub.url}/?${query}&lang=${lang}`);
        await expect(
          page.getByTestId(query === 'view=cases' ? 'due-row' : 'kpi-panel').first(),
        ).toBeVisible();
        if (query === 'view=cases') await page.getByTestId('due-row').first().click();
        await page.waitForTimeout(300);
        expect(await cutText(page), `${query} ${lang}`).toEqual([]);
      }
  });
