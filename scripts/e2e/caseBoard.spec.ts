import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lifecycleEvents } from '../../electron/hub/testSupport';
import { previewHub } from './previewHub';
import type { WallEvent } from '../../shared/protocol/events';
import { TcpCut } from './tcpCut';

const preview = previewHub();
let relay: TcpCut;

test.beforeEach(async () => {
  relay = new TcpCut(preview.hub.port);
  await relay.open();
});

test.afterEach(async () => {
  await relay.cut();
});

const report = (caseId: string): WallEvent => ({
  type: 'case.reported',
  payload: {
    caseId,
    at: Date.now(),
    category: 'event/street-order/illegal-parking',
    urgent: false,
    position: { lon: 112.5, lat: 23.5 },
    source: 'camera',
  },
});

async function stateCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const el of document.querySelectorAll('[data-testid^="state-"]')) {
      const state = (el.getAttribute('data-testid') as string).slice('state-'.length);
      counts[state] = Number(el.querySelector('.state-count')?.textContent);
    }
    return counts;
  });
}

test('a hub event reaches the board within a second; a cut shows reconnecting; the gap is filled after', async ({
  page,
}) => {
  preview.hub.publish([...lifecycleEvents(40)]);
  await page.goto(
    `${preview.hub.url}/?view=cases&diagnostics&hub=${encodeURIComponent(relay.url)}`,
  );
  const connection = page.getByTestId('connection');
  await expect(connection).toHaveAttribute('data-state', 'connected', { timeout: 10_000 });
  await expect(page.getByTestId('diag-last-seq')).toHaveText('40');

  const published = Date.now();
  preview.hub.publish([report('E2E-LIVE-1')]);
  await expect(page.locator('[data-testid="ticker-row"][data-case-id="E2E-LIVE-1"]')).toBeVisible({
    timeout: 1_000,
  });
  test
    .info()
    .annotations.push({ type: 'hub-to-board-ms', description: String(Date.now() - published) });

  await relay.cut();
  await expect(connection).toHaveAttribute('data-state', 'reconnecting', { timeout: 10_000 });
  await expect(connection).toHaveText('连接中断，正在重连…');
  // The city does not stop while the wall is cut off.
  preview.hub.publish([...lifecycleEvents(60, 'GAP')]);
  preview.hub.publish([report('E2E-AFTER-GAP')]);
  await relay.restore();

  await expect(connection).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await expect(page.getByTestId('diag-last-seq')).toHaveText(String(preview.hub.log.headSeq));
  await expect(
    page.locator('[data-testid="ticker-row"][data-case-id="E2E-AFTER-GAP"]'),
  ).toBeVisible();
  const expected = preview.hub.store.countByState();
  await expect.poll(() => stateCounts(page)).toEqual(expected);
  await expect(page.getByTestId('kpi-reported').locator('.kpi-value')).toHaveText(
    // Today's cases, in the city's own day (as the hub counts them).
    String(preview.hub.store.kpisOfDay(preview.hub.store.dayOf(Date.now())).reported),
  );
  await expect(page.getByTestId('diag-rejected')).toHaveText('0');
});

test('switches the board to English and back', async ({ page }) => {
  await page.goto(`${preview.hub.url}/?view=cases`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected', {
    timeout: 10_000,
  });
  await expect(page.locator('h1')).toHaveText('城市运行管理服务平台');
  await page.getByTestId('toggle-language').click();
  await expect(page.locator('h1')).toHaveText('City Operations Management');
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await page.keyboard.press('l');
  await expect(page.locator('h1')).toHaveText('城市运行管理服务平台');
});

test('a hub that repaired its damaged log says so on the wall', async ({ page }) => {
  preview.hub.publish([...lifecycleEvents(5)]);
  await preview.restart(async () => {
    const file = join(preview.dataDir, 'events.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')) + '{"v":1,"seq":6,"ts":17');
  });
  await page.goto(`${preview.hub.url}/?view=cases&diagnostics`);
  await expect(page.getByTestId('diag-last-seq')).toHaveText('5', { timeout: 10_000 });
  // The hub sends a kind and a count; the wall words it in its own language.
  await expect(page.getByTestId('notices')).toContainText('日志有 1 行损坏');
  await page.getByTestId('toggle-language').click();
  await expect(page.getByTestId('notices')).toContainText('1 damaged line(s) set aside');
});

test('a hub that rebuilt its damaged history database says so on the wall, in full', async ({
  page,
}) => {
  preview.hub.publish([...lifecycleEvents(5)]);
  await preview.restart(async () => {
    await writeFile(join(preview.dataDir, 'history.duckdb'), 'not a database');
  });
  await page.goto(`${preview.hub.url}/?view=cases`);
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('历史数据库已按日志重建', { timeout: 10_000 });
  await expect(notices).toContainText('history.duckdb.damaged-');
  // A long path must wrap on the board, not run out of it.
  const fits = () =>
    notices.evaluate(
      (el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
    );
  expect(await fits()).toBe(true);
  await page.getByTestId('toggle-language').click();
  await expect(notices).toContainText('History database rebuilt from the log');
  expect(await fits()).toBe(true);
});
