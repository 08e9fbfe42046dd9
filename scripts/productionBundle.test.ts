import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The product's renderer build (production mode, as `npm run build` makes it): the wall's entry
 * carries neither the browser tests' hooks nor the instruments and the simulated hall, which
 * have entries of their own.
 */
let out: string;
let wallCode: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'citywall-bundle-'));
  const build = spawnSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--outDir',
      out,
      '--logLevel',
      'error',
    ],
    { encoding: 'utf8' },
  );
  expect(build.status, build.stderr).toBe(0);
  // Every script the wall's page loads: its entry and the chunks it preloads.
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  expect(files.length).toBeGreaterThan(0);
  wallCode = files.map((f) => readFileSync(join(out, f as string), 'utf8')).join('\n');
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the production renderer bundle', () => {
  it('has no test hooks on window', () => {
    expect(wallCode).not.toContain('citywallMap');
    expect(wallCode).not.toContain('citywallVideo');
  });

  it('leaves the map bench, the video lab and the simulated hall to their own pages', () => {
    expect(wallCode).not.toContain('benchProgress');
    expect(wallCode).not.toContain('video-lab-slot');
    expect(wallCode).not.toContain('sim-hall');
    for (const page of ['bench.html', 'videolab.html', 'sim.html'])
      expect(readFileSync(join(out, page), 'utf8')).toContain('<div id="root">');
  });
});
