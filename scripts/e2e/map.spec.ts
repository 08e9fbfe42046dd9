import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import type { WallEvent } from '../../shared/protocol/events';
import { nycMapHub } from './nycMapHub';
import { startTileServer } from './tileServer';

const nyc = nycMapHub();

const report = (i: number, lon: number, lat: number): WallEvent => ({
  type: 'case.reported',
  payload: {
    caseId: `M${i}`,
    at: Date.now(),
    category: 'event/appearance/exposed-garbage',
    urgent: false,
    position: { lon, lat },
    source: 'hotline',
  },
});

/** The map's debugging hooks: cases taken into the heatmap, and a position on the screen. */
const heatCount = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { citywallMap: { heatCount(): number } }).citywallMap.heatCount(),
  );
const project = (page: Page, p: [number, number]) =>
  page.evaluate(
    (q) =>
      (
        window as unknown as { citywallMap: { project(p: [number, number]): [number, number] } }
      ).citywallMap.project(q),
    p,
  ) as Promise<[number, number]>;

/**
 * Reads a screenshot's pixels in the page: `stats` gives the share of grey-model and heat
 * pixels (and of the test tile server's green); `building` gives the building pixel nearest the centre.
 */
async function analyse(
  page: Page,
  mode: 'stats' | 'building',
  clip?: { x: number; y: number; width: number; height: number },
) {
  const shot = await page.screenshot(clip ? { clip } : {});
  return page.evaluate(
    async ({ b64, mode }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const rgb = (x: number, y: number) => {
        const i = (y * c.width + x) * 4;
        return [d[i] as number, d[i + 1] as number, d[i + 2] as number] as const;
      };
      const isGrey = (x: number, y: number, min = 70) => {
        const [r, g, b] = rgb(x, y);
        return Math.abs(r - g) < 20 && Math.abs(g - b) < 24 && r > min;
      };
      if (mode === 'stats') {
        let grey = 0;
        let heat = 0;
        let tile = 0;
        for (let y = 0; y < c.height; y += 1) {
          for (let x = 0; x < c.width; x += 1) {
            const [r, g, b] = rgb(x, y);
            if (isGrey(x, y)) grey += 1;
            if (r > 150 && r - b > 60) heat += 1;
            // The stand-in tile server's green.
            if (r < 40 && g > 150 && b > 80) tile += 1;
          }
        }
        const n = c.width * c.height;
        return { grey: grey / n, heat: heat / n, tile: tile / n, at: [0, 0] as [number, number] };
      }
      let at: [number, number] = [0, 0];
      let best = Infinity;
      for (let y = 4; y < c.height - 4; y += 3) {
        for (let x = 4; x < c.width - 4; x += 3) {
          if (
            ![
              [0, 0],
              [-3, 0],
              [3, 0],
              [0, -3],
              [0, 3],
            ].every(([dx, dy]) => isGrey(x + (dx as number), y + (dy as number), 90))
          )
            continue;
          const distance = Math.hypot(x - c.width / 2, y - c.height / 2);
          if (distance < best) {
            best = distance;
            at = [x, y];
          }
        }
      }
      return { grey: 0, heat: 0, tile: 0, at };
    },
    { b64: shot.toString('base64'), mode },
  );
}

const pixelStats = (page: Page, x: number, y: number, width: number, height: number) =>
  analyse(page, 'stats', { x, y, width, height });
const findBuildingPixel = async (page: Page) => (await analyse(page, 'building')).at;

test('extruded grey buildings and a case heatmap that rises where cases are reported', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`${nyc.hub.url}/?view=map&heat=all`);
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-loaded', 'true', { timeout: 30_000 });
  await expect(map).toHaveAttribute('data-buildings', '996');
  await expect
    .poll(async () => (await pixelStats(page, 0, 0, 800, 600)).grey, { timeout: 30_000 })
    .toBeGreaterThan(0.03);

  // Forty cases at one corner: the heat there goes up.
  const spot: [number, number] = [-74.005, 40.715];
  const at = await project(page, spot);
  const x = Math.max(0, Math.min(760, Math.round(at[0]) - 40));
  const y = Math.max(0, Math.min(560, Math.round(at[1]) - 40));
  const quiet = await pixelStats(page, x, y, 80, 80);
  nyc.hub.publish(
    Array.from({ length: 40 }, (_, i) =>
      report(i, spot[0] + (i % 5) * 0.0002, spot[1] + Math.floor(i / 5) * 0.0002),
    ),
  );
  await expect.poll(() => heatCount(page), { timeout: 20_000 }).toBe(40);
  await expect
    .poll(async () => (await pixelStats(page, x, y, 80, 80)).heat, { timeout: 30_000 })
    .toBeGreaterThan(quiet.heat + 0.05);
  if (process.env.CITYWALL_SHOTS)
    await page.screenshot({ path: join(process.env.CITYWALL_SHOTS, 'map.png') });
});

test('hovering a building or a case shows its tooltip; clicking publishes the selection on the wall bus', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`${nyc.hub.url}/?view=map&heat=all`);
  await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', { timeout: 30_000 });
  await page.evaluate(() => {
    const got: unknown[] = [];
    (window as unknown as { busHeard: unknown[] }).busHeard = got;
    new BroadcastChannel('citywall-bus').onmessage = (e) => got.push(e.data);
  });
  // Buildings are prepared a chunk per frame and then shown: interact once they all are.
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          (
            window as unknown as { citywallMap: { buildingsShown(): number } }
          ).citywallMap.buildingsShown(),
        ),
      { timeout: 30_000 },
    )
    .toBe(996);
  await expect
    .poll(async () => (await pixelStats(page, 0, 0, 800, 600)).grey, { timeout: 30_000 })
    .toBeGreaterThan(0.03);
  // First a building (before a case selection flies the view away).
  const grey = await findBuildingPixel(page);
  await page.mouse.move(grey[0], grey[1]);
  // In the wall's language (Chinese unless said), never a code.
  await expect(page.locator('.deck-tooltip')).toContainText('建筑', { timeout: 10_000 });
  // Under software WebGL in a loaded CI run a click was now and then not recognised as one by
  // deck.gl (no pick at all, not a wrong one); the officer clicks again, and so does the test.
  await expect(async () => {
    await page.mouse.click(grey[0], grey[1]);
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            (window as unknown as { busHeard: { selection?: { type: string } }[] }).busHeard.map(
              (m) => m.selection?.type,
            ),
          ),
        { timeout: 3_000 },
      )
      .toContain('building');
  }).toPass({ timeout: 12_000 });
  const spot: [number, number] = [-73.994, 40.7115];
  nyc.hub.publish([report(1, ...spot)]);
  await expect.poll(() => heatCount(page), { timeout: 20_000 }).toBe(1);
  const at = await project(page, spot);
  // deck.gl picks on pointer moves: once the marker is drawn, a move over it shows its tooltip.
  await expect(async () => {
    await page.mouse.move(at[0] + 1, at[1]);
    await page.mouse.move(at[0], at[1]);
    await expect(page.locator('.deck-tooltip')).toContainText('M1', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.locator('.deck-tooltip')).toContainText('暴露垃圾');
  await expect(page.locator('.deck-tooltip')).not.toContainText('event/');
  await page.mouse.click(at[0], at[1]);
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          (
            window as unknown as { busHeard: { selection?: { type: string; id: string } }[] }
          ).busHeard.map((m) => m.selection),
        ),
      { timeout: 10_000 },
    )
    .toContainEqual({ type: 'case', id: 'M1' });
});

test('the map comes back by itself after the WebGL context is lost', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`${nyc.hub.url}/?view=map`);
  await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', { timeout: 30_000 });
  await expect
    .poll(async () => (await pixelStats(page, 0, 0, 800, 600)).grey, { timeout: 30_000 })
    .toBeGreaterThan(0.03);
  await page.evaluate(async () => {
    const canvas = document.querySelector('[data-testid="map"] canvas') as HTMLCanvasElement;
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext;
    const lose = gl.getExtension('WEBGL_lose_context') as WEBGL_lose_context;
    lose.loseContext();
    await new Promise((r) => setTimeout(r, 500));
    lose.restoreContext();
  });
  // The restored context got a new Deck (the signal), in the same canvas.
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          (window as unknown as { citywallMap: { decks(): number } }).citywallMap.decks(),
        ),
      { timeout: 20_000 },
    )
    .toBe(2);
  expect(await page.locator('[data-testid="map"] canvas').count()).toBe(1);
  await expect
    .poll(async () => (await pixelStats(page, 0, 0, 800, 600)).grey, { timeout: 20_000 })
    .toBeGreaterThan(0.03);
});

test('a configured raster tile source is drawn under the city pack, fetched tile by tile', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tiles = await startTileServer([0, 200, 120]);
  try {
    await page.setViewportSize({ width: 800, height: 600 });
    await page.goto(`${nyc.hub.url}/?view=map&tiles=${encodeURIComponent(tiles.template)}`);
    await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', {
      timeout: 30_000,
    });
    // The view's centre lies in one of the tiles asked for, at the view's zoom (about 14).
    const centreZoom = () => {
      const asked = tiles.requests.map((r) =>
        r
          .split('/')
          .slice(2)
          .map((n) => parseInt(n, 10)),
      );
      const centre = asked.find(([z, x, y]) => {
        const n = 2 ** (z as number);
        const cx = ((-74.0 + 180) / 360) * n;
        const lat = (40.712 * Math.PI) / 180;
        const cy = ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n;
        return Math.floor(cx) === x && Math.floor(cy) === y;
      });
      return centre?.[0] ?? -1;
    };
    await expect.poll(centreZoom, { timeout: 20_000 }).toBeGreaterThanOrEqual(12);
    expect(centreZoom()).toBeLessThanOrEqual(16);
    // Where no building stands, the tiles' colour shows, once software WebGL has drawn them all.
    await expect
      .poll(async () => (await pixelStats(page, 0, 0, 800, 600)).tile, { timeout: 30_000 })
      .toBeGreaterThan(0.1);
  } finally {
    await tiles.close();
  }
});
