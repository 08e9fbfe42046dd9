import { expect, test, type Page } from '@playwright/test';
import { FfmpegStreams } from './ffmpegStreams';
import { previewHub } from './previewHub';

/** Real live HLS from ffmpeg, real hls.js in Chromium: what each tile says about its stream. */
const preview = previewHub();
let media: FfmpegStreams;

test.beforeEach(async () => {
  media = await FfmpegStreams.start();
});
test.afterEach(async () => {
  await media.close();
});

interface Status {
  state: string;
  reason: string;
  delayS?: number;
}

async function statuses(page: Page): Promise<Status[]> {
  return page.evaluate(() =>
    (window as unknown as { citywallVideo: { statuses(): Status[] } }).citywallVideo.statuses(),
  );
}

async function waitForState(page: Page, slot: number, state: string, timeoutMs: number) {
  const start = Date.now();
  await expect
    .poll(async () => (await statuses(page))[slot]?.state, { timeout: timeoutMs, intervals: [100] })
    .toBe(state);
  return Date.now() - start;
}

function lab(page: Page, urls: string[]) {
  const src = urls.map(encodeURIComponent).join('|');
  return page.goto(`${preview.hub.url}/videolab.html?videolab&n=${urls.length}&src=${src}`);
}

test('a tile plays, shows offline within 10 s of its stream stopping, plays within 5 s of its return', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await media.begin('a');
  await media.begin('b');
  await media.segments('a', 2);
  await media.segments('b', 2);
  await lab(page, [media.url('a'), media.url('b')]);
  await waitForState(page, 0, 'playing', 20_000);
  await waitForState(page, 1, 'playing', 20_000);
  expect((await statuses(page))[0]?.delayS).toBeLessThan(6);

  await media.end('a');
  const offlineAfter = await waitForState(page, 0, 'offline', 10_000);
  expect(offlineAfter).toBeLessThanOrEqual(10_000);
  expect((await statuses(page))[1]?.state).toBe('playing');

  await media.begin('a');
  const firstSegmentAt = await media.segments('a', 1);
  await waitForState(page, 0, 'playing', 15_000);
  expect(Date.now() - firstSegmentAt).toBeLessThanOrEqual(5_000);
  expect((await statuses(page))[1]?.state).toBe('playing');
});

test('a 404 playlist, a corrupt stream and a frozen encoder each end in their own state, alone', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await media.begin('good');
  await media.begin('bad', 'corrupt');
  await media.begin('frozen');
  await Promise.all(['good', 'bad', 'frozen'].map((n) => media.segments(n, 2)));
  await lab(page, [media.url('good'), media.url('missing'), media.url('bad'), media.url('frozen')]);
  await waitForState(page, 0, 'playing', 20_000);
  await waitForState(page, 3, 'playing', 20_000);
  await waitForState(page, 1, 'offline', 10_000);
  media.freeze('frozen');
  await waitForState(page, 3, 'stalled', 12_000);
  await waitForState(page, 2, 'error', 20_000);
  // A stall is first "playback stuck"; once the playlist has not grown for 4 s it is the source.
  await expect
    .poll(async () => (await statuses(page))[3]?.reason, { timeout: 8_000 })
    .toBe('stream not advancing');
  const final = await statuses(page);
  expect(final.map((s) => s.state)).toEqual(['playing', 'offline', 'error', 'stalled']);
  expect(final[1]?.reason).toMatch(/404/);
});

test('after 200 source swaps the players, media sources and videos are back to the wall size', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Count MediaSources the page makes, and how many are still attached to something.
  await page.addInitScript(() => {
    const made: MediaSource[] = [];
    const Original = window.MediaSource;
    class Counted extends Original {
      constructor() {
        super();
        made.push(this);
      }
    }
    Object.defineProperty(window, 'MediaSource', { value: Counted, configurable: true });
    (window as unknown as { openMediaSources: () => number }).openMediaSources = () =>
      made.filter((m) => m.readyState !== 'closed').length;
  });
  await media.begin('x');
  await media.begin('y');
  await Promise.all([media.segments('x', 2), media.segments('y', 2)]);
  const streams = [media.url('x'), media.url('y')];
  await lab(page, [...streams, ...streams]);
  await waitForState(page, 0, 'playing', 20_000);
  await page.evaluate(
    async (urls) => {
      const hooks = (window as unknown as { citywallVideo: { swap(u: string[]): void } })
        .citywallVideo;
      for (let i = 0; i < 200; i += 1) {
        hooks.swap(i % 2 ? urls : [...urls].reverse());
        await new Promise((r) => setTimeout(r, 40));
      }
    },
    [...streams, ...streams],
  );
  await waitForState(page, 0, 'playing', 20_000);
  const countsNow = () =>
    page.evaluate(() => ({
      ...(
        window as unknown as { citywallVideo: { counts(): Record<string, number> } }
      ).citywallVideo.counts(),
      mediaSources: (window as unknown as { openMediaSources: () => number }).openMediaSources(),
    }));
  // Released players close their media sources a moment after the last swap: wait for that.
  await expect
    .poll(async () => {
      const now: Record<string, number> = await countsNow();
      return { players: now.players, videos: now.videos, mediaSources: now.mediaSources };
    })
    .toEqual({ players: 4, videos: 4, mediaSources: 4 });
  const counts: Record<string, number> = await countsNow();
  // Spare tiles kept for reuse are bounded, not one per swap.
  expect(counts.tiles ?? Infinity).toBeLessThanOrEqual(8);
});

test('a starved tile falls behind live, then plays 15 % faster back to the configured delay', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await media.begin('a');
  await media.segments('a', 3);
  await lab(page, [media.url('a')]);
  await waitForState(page, 0, 'playing', 20_000);
  await expect
    .poll(async () => (await statuses(page))[0]?.delayS ?? 99, { timeout: 20_000 })
    .toBeLessThan(4);
  const settled = (await statuses(page))[0]?.delayS as number;
  // 2.5 s without segments: the picture stops, then resumes about that far behind, which is
  // less than a jump to live takes (3 segments) and more than the catch-up threshold (1).
  media.starve('a', 2_500);
  const run = await page.evaluate(async () => {
    const video = document.querySelector('video') as HTMLVideoElement;
    let fastest = 1;
    const t0 = performance.now();
    while (performance.now() - t0 < 25_000) {
      fastest = Math.max(fastest, video.playbackRate);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { fastest, rateNow: video.playbackRate };
  });
  expect(run.fastest).toBeCloseTo(1.15, 5);
  // Back near where it played before the starving, at normal speed (hls.js alone would now
  // aim a segment or more further behind).
  await expect
    .poll(async () => (await statuses(page))[0]?.delayS ?? 99, { timeout: 30_000 })
    .toBeLessThan(settled + 0.8);
  await expect
    .poll(
      () => page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).playbackRate),
      {
        timeout: 20_000,
      },
    )
    .toBe(1);
});
