import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real media server for tests and the README's worked example: Debian's nginx with
 * libnginx-mod-rtmp, taking RTMP from ffmpeg and serving it as HLS over HTTP, as a city's video
 * platform (or its GB/T 28181 gateway) serves camera channels.
 */
export interface NginxRtmp {
  /** `http://127.0.0.1:<port>`: the HLS is at `/hls/<stream>.m3u8`. */
  readonly httpOrigin: string;
  readonly rtmpUrl: string;
  /** Publishes a generated test picture (H.264) as `stream`, resolving once its playlist has 2 segments. */
  publish(stream: string): Promise<void>;
  stop(): Promise<void>;
}

const RTMP_MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function startNginxRtmp(): Promise<NginxRtmp> {
  const dir = await mkdtemp(join(tmpdir(), 'citywall-nginx-'));
  await mkdir(join(dir, 'hls'));
  await mkdir(join(dir, 'tmp'));
  const [rtmpPort, httpPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `load_module ${RTMP_MODULE};
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
rtmp {
  server {
    listen 127.0.0.1:${rtmpPort};
    application live {
      live on;
      hls on;
      hls_path ${dir}/hls;
      hls_fragment 1s;
      hls_playlist_length 6s;
    }
  }
}
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; }
  server {
    listen 127.0.0.1:${httpPort};
    location /hls/ {
      root ${dir};
      add_header Cache-Control no-cache;
      add_header Access-Control-Allow-Origin *;
    }
  }
}
`,
  );
  const children: ChildProcess[] = [];
  const nginx = spawn('nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(nginx);
  let nginxErrors = '';
  nginx.stderr?.on('data', (chunk: Buffer) => (nginxErrors += chunk.toString()));
  const httpOrigin = `http://127.0.0.1:${httpPort}`;
  // Up once its HTTP side answers.
  for (let tries = 0; ; tries += 1) {
    const up = await fetch(`${httpOrigin}/hls/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (tries > 100 || nginx.exitCode !== null)
      throw new Error(
        `nginx did not start: ${nginxErrors || (await readFile(join(dir, 'error.log'), 'utf8').catch(() => ''))}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
  const rtmpUrl = `rtmp://127.0.0.1:${rtmpPort}/live`;
  return {
    httpOrigin,
    rtmpUrl,
    async publish(stream) {
      const ffmpeg = spawn(
        'ffmpeg',
        [
          ...['-hide_banner', '-loglevel', 'error', '-re'],
          ...['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25'],
          ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency'],
          ...['-g', '25', '-pix_fmt', 'yuv420p', '-f', 'flv', `${rtmpUrl}/${stream}`],
        ],
        { stdio: 'ignore' },
      );
      children.push(ffmpeg);
      const playlist = join(dir, 'hls', `${stream}.m3u8`);
      for (let waited = 0; waited < 20_000; waited += 200) {
        const text = await readFile(playlist, 'utf8').catch(() => '');
        if ((text.match(/#EXTINF/g) ?? []).length >= 2) return;
        if (ffmpeg.exitCode !== null) throw new Error(`ffmpeg stopped publishing ${stream}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no HLS for ${stream} after 20 s`);
    },
    async stop() {
      for (const child of children.reverse()) {
        if (child.exitCode !== null) continue;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
