#!/usr/bin/env node
// Makes the demo camera clips the embedded hub loops as live HLS: a few seconds of 360p H.264 each,
// cut into 1 s fMP4 segments, small enough to commit. Needs ffmpeg; the app itself does not.
// Run: node scripts/make-demo-video.mjs   (writes assets/demo-video/)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = join(import.meta.dirname, '..', 'assets', 'demo-video');
const SECONDS = 8;
const FPS = 15;

// Synthetic scenes only: no footage of real people or places ships with the app.
const car = (y, speed, w, colour, phase) =>
  `drawbox=x='mod(t*${speed}+${phase},760)-60':y=${y}:w=${w}:h=${Math.round(w / 2.2)}:color=${colour}:t=fill`;
const CLIPS = {
  junction: [
    `color=c=0x39424c:s=640x360:r=${FPS}:d=${SECONDS}`,
    'drawbox=x=0:y=150:w=640:h=110:color=0x23282e:t=fill',
    'drawbox=x=0:y=203:w=640:h=4:color=0xd8d8d0:t=fill',
    'drawbox=x=270:y=0:w=100:h=360:color=0x23282e:t=fill',
    car(160, 95, 56, '0xe8e2d0', 0),
    car(165, 95, 44, '0xb03a2e', 330),
    car(215, 80, 60, '0x4a6fa5', 120),
    car(222, 80, 48, '0xf2c14e', 520),
  ].join(','),
  plaza: `life=s=320x180:r=${FPS}:ratio=0.08:mold=20:life_color=0xd9dde3:death_color=0x26303a:mold_color=0x3d4f5f,scale=640:360:flags=neighbor,trim=duration=${SECONDS}`,
  riverside: `mandelbrot=s=640x360:r=${FPS}:start_scale=2.5:end_scale=1.2:end_pts=${SECONDS * FPS},hue=s=0.35,trim=duration=${SECONDS}`,
  pattern: `testsrc2=s=640x360:r=${FPS}:d=${SECONDS}`,
};

rmSync(OUT, { recursive: true, force: true });
const clips = [];
for (const [name, graph] of Object.entries(CLIPS)) {
  const dir = join(OUT, name);
  mkdirSync(dir, { recursive: true });
  execFileSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', graph],
      ...['-t', String(SECONDS), '-c:v', 'libx264', '-preset', 'veryslow', '-profile:v', 'main'],
      ...['-pix_fmt', 'yuv420p', '-crf', '30', '-maxrate', '280k', '-bufsize', '280k'],
      ...['-g', String(FPS), '-keyint_min', String(FPS), '-sc_threshold', '0', '-an'],
      ...['-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod'],
      ...['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4'],
      ...['-hls_segment_filename', join(dir, 'seg%d.m4s'), join(dir, 'index.m3u8')],
    ],
    { stdio: 'inherit' },
  );
  const playlist = readFileSync(join(dir, 'index.m3u8'), 'utf8').split('\n');
  const segments = [];
  for (let i = 0; i < playlist.length; i += 1) {
    const match = /^#EXTINF:([\d.]+)/.exec(playlist[i] ?? '');
    if (match) segments.push({ file: playlist[i + 1]?.trim(), duration: Number(match[1]) });
  }
  rmSync(join(dir, 'index.m3u8'));
  clips.push({ name, init: 'init.mp4', segments });
}
writeFileSync(join(OUT, 'clips.json'), `${JSON.stringify({ fps: FPS, clips }, null, 2)}\n`);
console.log(`wrote ${clips.length} clips to ${OUT}`);
