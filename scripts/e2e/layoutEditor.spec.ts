import { expect, test, type Locator, type Page } from '@playwright/test';
import { previewHub } from './previewHub';

const preview = previewHub();

const SIM = '3x3@1920x1080,2560x1440*1.25';

async function dragBy(page: Page, target: Locator, dx: number, dy: number): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('nothing to drag');
  const x = box.x + Math.min(20, box.width / 2);
  const y = box.y + Math.min(20, box.height / 2);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}

test('edit the duty profile on a simulated hall, save it, and the simulated wall follows it', async ({
  page,
}) => {
  await page.goto(`${preview.hub.url}/?editor&sim=${encodeURIComponent(SIM)}&profile=duty`);
  await expect(page.getByTestId('editor')).toBeVisible();

  // Give the left video column to the map: delete it, then drag the map one panel left.
  await page.getByTestId('editor-region-video-left').click();
  await page.getByTestId('editor-delete').click();
  await expect(page.getByTestId('editor-region-video-left')).toHaveCount(0);
  const map = page.getByTestId('editor-region-map');
  // The plan puts the map on exactly the middle column, and the editor draws it there.
  const panel = (await map.boundingBox())?.width ?? 0;
  const wallPanel = (await page.locator('.editor-display').first().boundingBox())?.width ?? 0;
  expect(Math.abs(panel - wallPanel)).toBeLessThan(3);
  await dragBy(page, map, -panel, 0);
  await expect(map).toHaveAttribute('data-rect', '0.000,0.000,0.667,1.000');

  // The right column shows KPIs instead of video.
  await page.getByTestId('editor-region-video-right').click();
  await page.getByTestId('editor-view').selectOption('kpi');
  await expect(page.getByTestId('editor-region-video-right')).toContainText('kpi');

  await page.getByTestId('editor-id').fill('my-duty');
  await page.getByTestId('editor-name-zh').fill('我的值班');
  await page.getByTestId('editor-name-en').fill('My duty');
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-status')).toHaveText('✓ my-duty');

  await page.getByTestId('editor-preview').click();
  await expect(page.getByTestId('sim')).toHaveAttribute('data-profile', 'my-duty');
  const views = await page
    .locator('[data-testid="sim-window"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-view')).sort());
  expect(views).toEqual([
    'cases',
    'kpi',
    'kpi',
    'kpi',
    'kpi',
    'map',
    'map',
    'map',
    'map',
    'map',
    'map',
  ]);
});

test('a profile with overlapping regions is not saved', async ({ page }) => {
  await page.goto(`${preview.hub.url}/?editor&sim=${encodeURIComponent(SIM)}&profile=duty`);
  const handle = page.getByTestId('editor-handle-map');
  const box = await page.getByTestId('editor-region-map').boundingBox();
  await dragBy(page, handle, (box?.width ?? 0) / 2, 0);
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-status')).toContainText('overlap');
});

test('a wall the OS sees as one display: its panels are declared in the editor, which draws the windows that follow', async ({
  page,
}) => {
  // 3840×1080 is also an ultrawide monitor's size, so it is not cut into panels unless told.
  const sim = encodeURIComponent('3840x1080,2560x1440*1.25');
  await page.goto(`${preview.hub.url}/?editor&sim=${sim}&profile=duty`);
  const mapWindows = page.locator('[data-testid="editor-window"][data-region="map"]');
  await expect(mapWindows).toHaveCount(1);
  await page.getByTestId('editor-panels-a').fill('2');
  await page.getByTestId('editor-panels-b').fill('1');
  // The map's region now crosses the seam between the two panels: one window on each.
  await expect(mapWindows).toHaveCount(2);
  const [a, b] = [await mapWindows.nth(0).boundingBox(), await mapWindows.nth(1).boundingBox()];
  expect(Math.abs((a?.x ?? 0) + (a?.width ?? 0) - (b?.x ?? 0))).toBeLessThan(2);
});
