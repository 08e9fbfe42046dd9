import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCatalogue } from '../../../shared/video/catalogue';
import { startHub, type RunningHub } from '../startHub';
import { tempDir } from '../testSupport';

const VIDEO_DIR = join(import.meta.dirname, '..', '..', '..', 'assets', 'demo-video');

describe('the demo media server and camera catalogue', () => {
  let running: RunningHub;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    running = await startHub({
      dataDir: temp.dir,
      source: { kind: 'demo', casesPerMinute: 0, historyHours: 0 },
      demoVideoDir: VIDEO_DIR,
    });
  }, 30_000);
  afterAll(async () => {
    await running.stop();
    await cleanup();
  });

  const get = (path: string) => fetch(`${running.hub.url}${path}`);

  it('serves a catalogue of about 90 cameras that passes its own checks', async () => {
    const { cameras, problems } = checkCatalogue(await (await get('/api/cameras')).json());
    expect(problems).toEqual([]);
    expect(cameras.length).toBe(90);
    expect(cameras.every((c) => /^\d{20}$/.test(c.id))).toBe(true);
    expect(cameras.every((c) => c.district === '端州区' && c.street && c.grid)).toBe(true);
    expect(new Set(cameras.map((c) => c.stream)).size).toBe(90);
  });

  it('streams every camera as live HLS whose segments are the committed clips', async () => {
    const { cameras } = checkCatalogue(await (await get('/api/cameras')).json());
    const camera = cameras[0];
    if (!camera) throw new Error('no camera');
    const playlist = await (await get(camera.stream)).text();
    expect(playlist).toMatch(/^#EXTM3U/);
    const segments = playlist.split('\n').filter((l) => l.endsWith('.m4s'));
    expect(segments.length).toBe(5);
    const base = camera.stream.replace(/index\.m3u8$/, '');
    const segment = await get(`${base}${segments.at(-1)}`);
    expect(segment.status).toBe(200);
    const bytes = Buffer.from(await segment.arrayBuffer());
    const clips = JSON.parse(await readFile(join(VIDEO_DIR, 'clips.json'), 'utf8')) as {
      clips: { name: string; segments: { file: string }[] }[];
    };
    const all = await Promise.all(
      clips.clips.flatMap((c) => c.segments.map((s) => readFile(join(VIDEO_DIR, c.name, s.file)))),
    );
    expect(all.some((b) => b.equals(bytes))).toBe(true);
    expect((await get(`${base}init.mp4`)).status).toBe(200);
    // Long gone or not yet made segments are not served.
    expect((await get(`${base}1.m4s`)).status).toBe(404);
  });

  it('answers 404 for an unknown camera and for one the platform reports offline', async () => {
    expect((await get('/hls/00000000000000000000/index.m3u8')).status).toBe(404);
    const { cameras } = checkCatalogue(await (await get('/api/cameras')).json());
    const camera = cameras[1];
    if (!camera) throw new Error('no camera');
    expect((await get(camera.stream)).status).toBe(200);
    running.hub.publish([
      { type: 'camera.status', payload: { cameraId: camera.id, at: Date.now(), online: false } },
    ]);
    expect((await get(camera.stream)).status).toBe(404);
    running.hub.publish([
      { type: 'camera.status', payload: { cameraId: camera.id, at: Date.now(), online: true } },
    ]);
    expect((await get(camera.stream)).status).toBe(200);
  });
});

describe('the demo media server behind a token', () => {
  it('a playlist fetched with a ticket hands the ticket to its segments; without one, nothing plays', async () => {
    const temp = await tempDir();
    const running = await startHub({
      dataDir: temp.dir,
      token: 'wall-token',
      source: { kind: 'demo', casesPerMinute: 0, historyHours: 0 },
      demoVideoDir: VIDEO_DIR,
    });
    try {
      const base = running.hub.url;
      const bearer = { authorization: 'Bearer wall-token' };
      const { cameras } = checkCatalogue(
        await (await fetch(`${base}/api/cameras`, { headers: bearer })).json(),
      );
      const stream = cameras[0]?.stream ?? '';
      expect((await fetch(`${base}${stream}`)).status).toBe(401);
      const { ticket } = (await (
        await fetch(`${base}/api/ticket`, { headers: bearer })
      ).json()) as {
        ticket: string;
      };
      const playlist = await (await fetch(`${base}${stream}?ticket=${ticket}`)).text();
      const segment = playlist.split('\n').find((l) => l.includes('.m4s'));
      expect(segment).toMatch(new RegExp(`\\.m4s\\?ticket=${ticket.replace('.', '\\.')}$`));
      const dir = stream.replace(/index\.m3u8$/, '');
      expect((await fetch(`${base}${dir}${segment}`)).status).toBe(200);
      expect((await fetch(`${base}${dir}${segment?.split('?')[0]}`)).status).toBe(401);
    } finally {
      await running.stop();
      await temp.cleanup();
    }
  }, 30_000);
});
