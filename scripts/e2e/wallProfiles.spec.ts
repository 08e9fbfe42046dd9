import { expect, test, type Page } from '@playwright/test';
import { lifecycleEvents } from '../../electron/hub/testSupport';
import { previewHub } from './previewHub';

const preview = previewHub();

test.beforeEach(() => {
  preview.hub.publish([...lifecycleEvents(20)]);
});

/** The view each window is actually showing, read inside every window's page. */
async function shownViews(page: Page): Promise<string[]> {
  const frames = page.locator('[data-testid="sim-window"]');
  const count = await frames.count();
  const views: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const key = (await frames.nth(i).getAttribute('data-key')) as string;
    const inner = page.frameLocator(`[data-key="${key}"]`).getByTestId('wall-window');
    views.push((await inner.getAttribute('data-view')) ?? '?');
  }
  return views.sort();
}

test('the duty profile on a simulated 3×3 wall plus a 1440p operator screen at 125 %; a switch from one window changes all', async ({
  page,
}) => {
  await page.goto(
    `${preview.hub.url}/?sim=${encodeURIComponent('3x3@1920x1080,2560x1440*1.25')}&profile=duty`,
  );
  const windows = page.locator('[data-testid="sim-window"]');
  await expect(windows).toHaveCount(11);
  await expect
    .poll(() => shownViews(page), { timeout: 20_000 })
    .toEqual([
      'cases',
      'kpi',
      'map',
      'map',
      'map',
      'video',
      'video',
      'video',
      'video',
      'video',
      'video',
    ]);
  // The operator's case board is live: it shows the hub's cases.
  const board = page.frameLocator('[data-testid="sim-window"][data-view="cases"]');
  await expect(board.getByTestId('connection')).toHaveAttribute('data-state', 'connected', {
    timeout: 15_000,
  });
  await expect(board.getByTestId('kpi-reported').locator('.kpi-value')).toHaveText(
    // Today's cases, in the city's own day (as the hub counts them).
    String(preview.hub.store.kpisOfDay(preview.hub.store.dayOf(Date.now())).reported),
  );

  await board.getByTestId('profile-emergency').click();
  await expect(page.getByTestId('sim')).toHaveAttribute('data-profile', 'emergency');
  await expect
    .poll(() => shownViews(page), { timeout: 20_000 })
    .toEqual([
      'cases',
      'incident',
      'incident',
      'incident',
      'incident',
      'incident',
      'incident',
      'map',
      'video',
      'video',
      'video',
    ]);
  // Wall panels kept their windows: the nine iframes are the same elements, told by message.
  await expect(windows).toHaveCount(11);
  await expect(
    page
      .frameLocator('[data-testid="sim-window"][data-view="cases"]')
      .getByTestId('profile-emergency'),
  ).toHaveAttribute('aria-pressed', 'true');
});
