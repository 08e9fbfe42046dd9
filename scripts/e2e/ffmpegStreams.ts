import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Mode = 'live' | 'gone' | 'corrupt';

interface Stream {
  dir: string;
  ffmpeg?: ChildProcess;
  mode: Mode;
  /** Until when segment requests are held back (a starved network), ms since the epoch. */
  starvedUntil?: number;
}

/**
 * A small media server for the tests: real live HLS made by ffmpeg (H.264, 1 s segments, program
 * date-time) per stream, served over HTTP, and the failures a media server shows: a stream that
 * stops (404), one whose encoder hangs (playlist frozen), one that sends garbage segments.
 */
export class FfmpegStreams {
  private readonly streams = new Map<string, Stream>();
  private constructor(
    private readonly server: Server,
    private readonly root: string,
  ) {}

  static async start(): Promise<FfmpegStreams> {
    const root = await mkdtemp(join(tmpdir(), 'citywall-hls-'));
    const holder: { self?: FfmpegStreams } = {};
    const server = createServer((req, res) => {
      void holder.self?.serve(req.url ?? '/', res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.self = new FfmpegStreams(server, root);
    return holder.self;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(name: string): string {
    return `${this.base}/${name}/index.m3u8`;
  }

  /** Starts (or restarts, in a fresh folder) ffmpeg for `name`. */
  async begin(name: string, mode: Mode = 'live'): Promise<void> {
    await this.end(name);
    const dir = await mkdtemp(join(this.root, `${name}-`));
    const ffmpeg = spawn(
      'ffmpeg',
      [
        ...['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi'],
        ...['-i', 'testsrc2=s=320x180:r=15', '-c:v', 'libx264', '-preset', 'ultrafast'],
        ...['-tune', 'zerolatency', '-g', '15', '-keyint_min', '15', '-sc_threshold', '0'],
        ...['-pix_fmt', 'yuv420p', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '5'],
        ...['-hls_flags', 'delete_segments+program_date_time+omit_endlist'],
        ...['-hls_segment_filename', join(dir, 's%d.ts'), join(dir, 'index.m3u8')],
      ],
      { stdio: 'ignore' },
    );
    this.streams.set(name, { dir, ffmpeg, mode });
  }

  /** The encoder stops and the server forgets the stream: 404 from now on. */
  async end(name: string): Promise<void> {
    const stream = this.streams.get(name);
    if (!stream) return;
    stream.mode = 'gone';
    await kill(stream.ffmpeg);
    stream.ffmpeg = undefined;
  }

  /** The encoder hangs: the playlist stays as it is, no new segments. */
  freeze(name: string): void {
    this.streams.get(name)?.ffmpeg?.kill('SIGSTOP');
  }

  /**
   * The network starves: for `ms` no segment of `name` is answered (the requests wait), then
   * all are; the encoder goes on, so the player comes out of it behind live.
   */
  starve(name: string, ms: number): void {
    const stream = this.streams.get(name);
    if (stream) stream.starvedUntil = Date.now() + ms;
  }

  /** Resolves when `name` has written `count` segments since it began. */
  async segments(name: string, count = 1, timeoutMs = 20_000): Promise<number> {
    const start = Date.now();
    for (;;) {
      const stream = this.streams.get(name);
      const files = stream ? await readdir(stream.dir).catch(() => []) : [];
      const n = files.filter((f) => f.endsWith('.ts')).length;
      if (n >= count && files.includes('index.m3u8')) return Date.now();
      if (Date.now() - start > timeoutMs) throw new Error(`no segments from ${name}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    for (const stream of this.streams.values()) {
      if (stream.ffmpeg?.signalCode === null) stream.ffmpeg.kill('SIGCONT');
      await kill(stream.ffmpeg);
    }
    // The page may still hold keep-alive connections: close them, or close() waits for them.
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    await rm(this.root, { recursive: true, force: true });
  }

  private async serve(url: string, res: ServerResponse): Promise<void> {
    const cors = { 'access-control-allow-origin': '*', 'cache-control': 'no-cache' };
    const match = /^\/([\w-]+)\/([\w.]+)$/.exec(url.split('?')[0] ?? '');
    const stream = match ? this.streams.get(match[1] as string) : undefined;
    if (!match || !stream || stream.mode === 'gone') {
      res.writeHead(404, cors).end();
      return;
    }
    const file = match[2] as string;
    const held = (stream.starvedUntil ?? 0) - Date.now();
    if (held > 0 && file.endsWith('.ts')) await new Promise((r) => setTimeout(r, held));
    try {
      let body = await readFile(join(stream.dir, file));
      if (stream.mode === 'corrupt' && file.endsWith('.ts')) body = randomBytes(body.length);
      res
        .writeHead(200, {
          ...cors,
          'content-type': file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t',
        })
        .end(body);
    } catch {
      res.writeHead(404, cors).end();
    }
  }
}

async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGCONT');
  child.kill('SIGKILL');
  await exited;
}
