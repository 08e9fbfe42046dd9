import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { startHub, type RunningHub } from '../../electron/hub/startHub';
import { nycMapHub } from './nycMapHub';

/**
 * A region across panels is one picture: each window shows its part of it. The windows here
 * are the pages the planner opens (`part`, `cell`), side by side as on the wall.
 */
type MapHooks = {
  buildingsShown(): number;
  camera(): { longitude: number; latitude: number; zoom: number };
};
const mapHooks = (page: Page) =>
  page.evaluate(() => {
    const h = (window as unknown as { citywallMap?: MapHooks }).citywallMap;
    return h ? { shown: h.buildingsShown(), camera: h.camera() } : undefined;
  });

/** The windows of one PC share a browser context, as the simulated hall's frames do (one bus). */
async function openPart(context: BrowserContext, url: string, width: number, height: number) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(url);
  return page;
}

/** Share of pixels that differ by more than a little (anti-aliasing) between two equal-sized PNGs. */
function differing(a: PNG, b: PNG, ax: number, bx: number, width: number): number {
  let off = 0;
  for (let y = 0; y < a.height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const i = (y * a.width + x + ax) * 4;
      const j = (y * b.width + x + bx) * 4;
      const d = Math.max(
        Math.abs((a.data[i] as number) - (b.data[j] as number)),
        Math.abs((a.data[i + 1] as number) - (b.data[j + 1] as number)),
        Math.abs((a.data[i + 2] as number) - (b.data[j + 2] as number)),
      );
      if (d > 40) off += 1;
    }
  return off / (width * a.height);
}

test.describe('a map region across two panels', () => {
  const nyc = nycMapHub();

  test('the two parts put side by side are the whole map, and move as one', async ({ context }) => {
    test.setTimeout(180_000);
    const [w, h] = [480, 300];
    const base = `${nyc.hub.url}/?view=map&region=map`;
    const left = await openPart(
      context,
      `${base}&window=left&part=0,0,${2 * w},${h}&cell=0,0,2,1`,
      w,
      h,
    );
    const right = await openPart(
      context,
      `${base}&window=right&part=${w},0,${2 * w},${h}&cell=1,0,2,1`,
      w,
      h,
    );
    const whole = await openPart(context, `${nyc.hub.url}/?view=map&window=whole`, 2 * w, h);
    for (const page of [left, right, whole])
      await expect
        .poll(async () => (await mapHooks(page))?.shown ?? 0, { timeout: 120_000 })
        .toBeGreaterThan(500);
    await Promise.all([left, right, whole].map((p) => p.waitForTimeout(1500)));
    // The legend, scale and north are drawn once for the region: the legend in the bottom-left
    // panel, north in the top-right one (each sized for its panel, so left out of the pixels).
    const shows = async (page: Page, testId: string) => {
      const box = await page.getByTestId(testId).boundingBox();
      return !!box && box.x >= 0 && box.x + box.width <= w && box.y >= 0 && box.y + box.height <= h;
    };
    expect([await shows(left, 'map-legend'), await shows(right, 'map-legend')]).toEqual([
      true,
      false,
    ]);
    expect([await shows(left, 'map-north'), await shows(right, 'map-north')]).toEqual([
      false,
      true,
    ]);
    for (const page of [left, right, whole])
      await page.addStyleTag({ content: '.map-overlay { display: none !important; }' });
    await Promise.all([left, right, whole].map((p) => p.waitForTimeout(300)));
    const [l, r, all] = (
      await Promise.all([left.screenshot(), right.screenshot(), whole.screenshot()])
    ).map((b) => PNG.sync.read(b)) as unknown as [PNG, PNG, PNG];
    // Each part is its half of the whole map, pixel for pixel but for anti-aliasing.
    expect(differing(l, all, 0, 0, w)).toBeLessThan(0.01);
    expect(differing(r, all, 0, w, w)).toBeLessThan(0.01);
    // The halves are not the same picture (each window drew the whole map before).
    expect(differing(l, r, 0, 0, w)).toBeGreaterThan(0.05);

    // A drag on the left panel moves the right one with it.
    const before = (await mapHooks(right))?.camera;
    await left.mouse.move(w / 2, h / 2);
    await left.mouse.down();
    await left.mouse.move(w / 2 - 120, h / 2 + 40, { steps: 6 });
    await left.mouse.up();
    await expect
      .poll(async () => {
        const [a, b] = [(await mapHooks(left))?.camera, (await mapHooks(right))?.camera];
        return a && b && a.longitude !== before?.longitude && Math.abs(a.longitude - b.longitude);
      })
      .toBeLessThan(1e-9);
    for (const page of [left, right, whole]) await page.close();
  });
});

test.describe('video and KPI regions across three panels', () => {
  let running: RunningHub;
  let dataDir: string;
  test.beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'citywall-parts-'));
    running = await startHub({
      dataDir,
      serveDir: resolve('dist/renderer'),
      demoVideoDir: resolve('assets/demo-video'),
      source: { kind: 'demo', incidents: false, casesPerMinute: 0, historyHours: 2 },
    });
  });
  test.afterEach(async () => {
    await running.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const parts = [0, 1, 2].map((row) => `part=0,${row * 552},960,1644&cell=0,${row},1,3`);

  test('a split spread over the panels shows each camera once', async ({ context }) => {
    const pages = await Promise.all(
      parts.map((p) =>
        openPart(context, `${running.hub.url}/?view=video&split=4&region=video&${p}`, 960, 540),
      ),
    );
    const slots = (page: Page) =>
      page.evaluate(
        () =>
          (
            window as unknown as { citywallVideo?: { slots(): (string | undefined)[] } }
          ).citywallVideo?.slots() ?? [],
      );
    // The region's screen of the rotation (on the wall clock; the last screen may be short).
    const screen = (page: Page) =>
      page.evaluate(
        () =>
          (
            window as unknown as { citywallVideo?: { rotation(): { ids: string[] } } }
          ).citywallVideo?.rotation().ids ?? [],
      );
    await expect
      .poll(async () => {
        const ids = await screen(pages[0] as Page);
        const shown = (await Promise.all(pages.map(slots))).flat().filter(Boolean);
        return ids.length > 4 && shown.join() === ids.join();
      })
      .toBe(true);
    const shown = (await Promise.all(pages.map(slots))).flat().filter(Boolean);
    expect(new Set(shown).size).toBe(shown.length);
    for (const page of pages) await page.close();
  });

  test('the KPI page is dealt over the panels: each panel full, nothing across a seam or cut', async ({
    context,
  }) => {
    for (const lang of ['zh-CN', 'en']) {
      const pages = await Promise.all(
        parts.map((p) =>
          openPart(context, `${running.hub.url}/?view=kpi&scale=large&lang=${lang}&${p}`, 960, 540),
        ),
      );
      for (const [row, page] of pages.entries()) {
        await expect(page.getByTestId('kpi-panel').nth(row)).toHaveAttribute('data-blocks', /[12]/);
        // What this window shows: its own panel's blocks, inside the window, no text cut.
        const problems = await page.evaluate(() => {
          const out: string[] = [];
          for (const el of document.querySelectorAll<HTMLElement>(
            '.kpi-value, .kpi-label, .state-label, .rank-name, .rank-count, h2',
          )) {
            const r = el.getBoundingClientRect();
            if (r.bottom <= 0 || r.top >= innerHeight) continue;
            if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth)
              out.push(`${el.className || el.tagName} "${el.textContent}" leaves the window`);
            if (el.scrollWidth > el.clientWidth + 1)
              out.push(`${el.className} "${el.textContent}" is cut`);
          }
          return out;
        });
        expect(problems, `${lang} panel ${row + 1}`).toEqual([]);
      }
      for (const page of pages) await page.close();
    }
  });
});
