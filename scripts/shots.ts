/**
 * `npm run shots`: screenshots of every view at 1920×1080 and 3840×2160, in Chinese and English,
 * and of the simulated hall for each built-in profile, on the embedded demo city; written to
 * build/shots/ to be looked at (nothing is asserted). Uses the test build (`--mode e2e`).
 */
import { chromium } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startHub } from '../electron/hub/startHub';
import { tempDir } from '../electron/hub/testSupport';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const out = resolve('build/shots');
await mkdir(out, { recursive: true });
const { dir, cleanup } = await tempDir('citywall-shots-');
const running = await startHub({
  dataDir: dir,
  serveDir: resolve('dist/renderer'),
  source: { kind: 'demo', casesPerMinute: 30, speed: 20, historyHours: 6 },
  demoVideoDir: resolve('assets/demo-video'),
});
const base = running.hub.url;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const only = process.env.SHOTS_ONLY?.split(',');
const sizes = (process.env.SHOTS_SIZES ?? '1920x1080,3840x2160')
  .split(',')
  .map((s) => s.split('x').map(Number) as [number, number]);
const languages = (process.env.SHOTS_LANGS ?? 'zh-CN,en').split(',');
try {
  for (const view of ['cases', 'kpi', 'map', 'video']) {
    if (only && !only.includes(view)) continue;
    for (const [w, h] of sizes)
      for (const lang of languages) {
        const page = await browser.newPage({ viewport: { width: w, height: h } });
        await page.goto(`${base}/?view=${view}&lang=${lang}`);
        await page.waitForTimeout(view === 'map' ? 20_000 : 8_000);
        const file = join(out, `${view}-${w}x${h}-${lang}.png`);
        // Software WebGL can hold a map page's thread for a long while: wait, and go on if not.
        await page
          .screenshot({ path: file, timeout: 120_000 })
          .then(() => console.log(file))
          .catch((error: unknown) => console.warn(`${file}: ${String(error).split('\n')[0]}`));
        await page.close();
      }
  }
  for (const profile of ['duty', 'briefing', 'emergency']) {
    if (only && !only.includes(`sim-${profile}`)) continue;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(
      `${base}/sim.html?sim=${encodeURIComponent('3x3@1920x1080,2560x1440*1.25')}&profile=${profile}&lang=${languages[0]}`,
    );
    await page.waitForTimeout(30_000);
    const file = join(out, `sim-${profile}-${languages[0]}.png`);
    await page
      .screenshot({ path: file, timeout: 120_000 })
      .then(() => console.log(file))
      .catch((error: unknown) => console.warn(`${file}: ${String(error).split('\n')[0]}`));
    await page.close();
  }
} finally {
  await browser.close();
  await running.stop();
  await cleanup();
}
process.exit(0);
