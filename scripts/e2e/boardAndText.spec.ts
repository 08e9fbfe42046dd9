import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
    source: { kind: 'demo', incidents: false, casesPerMinute: 20, historyHours: 6 },
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
  // The list is live (a case may be handled, or pushed out by a nearer deadline, between any two
  // steps), so the test notes which case the real click landed on rather than guess it.
  await board.evaluate(() => {
    document.addEventListener(
      'click',
      (event) => {
        const hit = (event.target as Element).closest('[data-case-id]') as HTMLElement | null;
        document.body.dataset.clickedCase = hit?.dataset.caseId ?? '';
      },
      true,
    );
  });
  await row.click();
  const id = (await board.locator('body').getAttribute('data-clicked-case')) as string;
  expect(id).toMatch(/^\d+$/);
  // While the case is on the list, its row is the marked one, and no other row is.
  await expect
    .poll(() =>
      board.evaluate(
        (picked) =>
          [...document.querySelectorAll('[data-testid="due-row"]')].every(
            (el) =>
              el.classList.contains('row-selected') ===
              (el.getAttribute('data-case-id') === picked),
          ),
        id,
      ),
    )
    .toBe(true);
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
        if (query !== 'view=cases') continue;
        // The longest detail: a closed case with every step and its extensions and reworks.
        await selectOnBus(page, await longestClosedCase());
        await expect(page.getByTestId('case-steps').locator('li')).toHaveCount(7);
        expect(await cutText(page), `closed case ${lang}`).toEqual([]);
      }
  });

/** The closed case of the seeded history with the most steps in the log (the detail's worst case). */
async function longestClosedCase(): Promise<string> {
  const steps = new Map<string, Set<string>>();
  for (const line of (await readFile(join(dataDir, 'events.jsonl'), 'utf8')).split('\n')) {
    if (!line) continue;
    const event = JSON.parse(line) as { type: string; payload: { caseId?: string } };
    const id = event.payload.caseId;
    if (!id) continue;
    const seen = steps.get(id) ?? new Set<string>();
    seen.add(event.type);
    steps.set(id, seen);
  }
  const wanted = ['case.closed', 'case.extended', 'case.reworked'];
  const found = [...steps].find(([, seen]) => wanted.every((type) => seen.has(type)));
  if (!found)
    throw new Error('the seeded history has no closed case that was extended and reworked');
  return found[0];
}

/** What another window of the wall does when a case is picked there: a selection on the bus. */
async function selectOnBus(page: Page, id: string): Promise<void> {
  await page.evaluate((caseId) => {
    const channel = new BroadcastChannel('citywall-bus');
    channel.postMessage({
      kind: 'selection',
      origin: 'test',
      selection: { type: 'case', id: caseId },
    });
    channel.close();
  }, id);
  await expect(page.getByTestId('case-detail')).toHaveAttribute('data-case-id', id);
}
