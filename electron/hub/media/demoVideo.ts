import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { cameraHash, liveWindow, livePlaylist } from './liveHls';

/**
 * The embedded demo's media server: every demo camera plays one of the clips in
 * `assets/demo-video` as live HLS at `/hls/<camera>/index.m3u8`, so the wall shows moving video
 * on a machine without ffmpeg. A camera the platform reports offline answers 404, as a real
 * media server does for a stream that stopped.
 */
export interface DemoClip {
  readonly name: string;
  readonly init: Buffer;
  readonly durations: readonly number[];
  readonly segments: readonly Buffer[];
}

const clipsSchema = z.object({
  clips: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9-]+$/),
        init: z.string().regex(/^[\w.-]+$/),
        segments: z
          .array(z.object({ file: z.string().regex(/^[\w.-]+$/), duration: z.number().positive() }))
          .min(2),
      }),
    )
    .min(1),
});

export async function loadDemoClips(dir: string): Promise<DemoClip[]> {
  const manifest = clipsSchema.parse(JSON.parse(await readFile(join(dir, 'clips.json'), 'utf8')));
  return Promise.all(
    manifest.clips.map(async (clip) => ({
      name: clip.name,
      init: await readFile(join(dir, clip.name, clip.init)),
      durations: clip.segments.map((s) => s.duration),
      segments: await Promise.all(clip.segments.map((s) => readFile(join(dir, clip.name, s.file)))),
    })),
  );
}

export interface DemoVideoOptions {
  readonly clips: readonly DemoClip[];
  readonly isCamera: (id: string) => boolean;
  readonly isOnline: (id: string) => boolean;
  readonly now?: () => number;
}

/** The clip a camera shows and where in it it stands: fixed per camera, spread over the clips. */
function clipOf(
  clips: readonly DemoClip[],
  cameraId: string,
): { clip: DemoClip; offsetMs: number } {
  const h = cameraHash(cameraId);
  const clip = clips[h % clips.length] as DemoClip;
  const total = clip.durations.reduce((a, b) => a + b, 0) * 1000;
  return { clip, offsetMs: TIMELINE_EPOCH_MS + Math.floor((h >>> 8) % total) };
}

/**
 * Where the endless timeline starts. Fixed, so sequence numbers survive hub restarts; recent,
 * because hls.js stalled in our tests on sequence numbers counted from 1970 (about 1.8e9).
 */
const TIMELINE_EPOCH_MS = Date.UTC(2026, 0, 1);

const ROUTE = /^\/hls\/([\w-]{1,64})\/(index\.m3u8|init\.mp4|(\d{1,16})\.m4s)$/;

/** Answers `/hls/…` requests; returns false for any other path. */
export function demoVideoRoute(options: DemoVideoOptions) {
  const now = options.now ?? Date.now;
  return (
    path: string,
    _req: IncomingMessage,
    res: ServerResponse,
    headers: Record<string, string>,
    query?: URLSearchParams,
  ): boolean => {
    const match = ROUTE.exec(path);
    if (!match) return false;
    const [, camera = '', file = '', index] = match;
    if (!options.isCamera(camera) || !options.isOnline(camera)) {
      res.writeHead(404, headers).end();
      return true;
    }
    const { clip, offsetMs } = clipOf(options.clips, camera);
    const window = liveWindow(clip.durations, now(), offsetMs);
    if (file === 'index.m3u8') {
      // A playlist fetched with a media ticket passes it on to its segments (relative URIs drop the query).
      const ticket = query?.get('ticket');
      const suffix = ticket && /^\d{1,16}\.[0-9a-f]{64}$/.test(ticket) ? `?ticket=${ticket}` : '';
      const text = livePlaylist(window, `init.mp4${suffix}`, (i) => `${i}.m4s${suffix}`);
      res
        .writeHead(200, {
          ...headers,
          'content-type': 'application/vnd.apple.mpegurl',
          'cache-control': 'no-cache',
        })
        .end(text);
      return true;
    }
    let body: Buffer | undefined;
    if (file === 'init.mp4') body = clip.init;
    else {
      // Segments stay available a little after they leave the playlist, as on a real server.
      const i = Number(index);
      const last = window.segments.at(-1)?.index ?? -1;
      if (i <= last && i > last - 3 * window.segments.length)
        body = clip.segments[i % clip.segments.length];
    }
    if (!body) {
      res.writeHead(404, headers).end();
      return true;
    }
    res
      .writeHead(200, {
        ...headers,
        'content-type': 'video/mp4',
        'content-length': body.length,
        'cache-control': file === 'init.mp4' ? 'max-age=3600' : 'max-age=60',
      })
      .end(body);
    return true;
  };
}
