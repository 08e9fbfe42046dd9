import { describe, expect, it } from 'vitest';
import { hubPath, contentType, resolveAppFile } from './appFiles';

describe('app:// files', () => {
  const root = '/opt/citywall/dist/renderer';
  it('serves the renderer build, index by default, ignoring the query', () => {
    expect(resolveAppFile('app://wall/', root)).toBe(`${root}/index.html`);
    expect(resolveAppFile('app://wall/index.html?view=cases&window=display-1', root)).toBe(
      `${root}/index.html`,
    );
    expect(resolveAppFile('app://wall/assets/index-abc.js', root)).toBe(
      `${root}/assets/index-abc.js`,
    );
    expect(contentType(`${root}/assets/index-abc.js`)).toMatch(/javascript/);
  });
  it('keeps climbing paths inside the build, and refuses other hosts and garbage', () => {
    expect(resolveAppFile('app://wall/..%2F..%2F..%2F..%2Fetc/passwd', root)).toBe(
      `${root}/etc/passwd`,
    );
    expect(resolveAppFile('app://wall/a/../../../../etc/passwd', root)).toBe(`${root}/etc/passwd`);
    expect(resolveAppFile('app://other/index.html', root)).toBeUndefined();
    expect(resolveAppFile('app://wall/%E0%A4%A', root)).toBeUndefined();
    expect(resolveAppFile('::', root)).toBeUndefined();
  });

  it('routes city pack files, the camera catalogue and demo HLS to the hub, plain names only', () => {
    expect(hubPath('app://wall/citypack/citypack.json')).toBe('/citypack/citypack.json');
    expect(hubPath('app://wall/citypack/..%2F..%2Fsecret')).toBeUndefined();
    expect(hubPath('app://wall/index.html')).toBeUndefined();
    expect(hubPath('app://wall/api/cameras')).toBe('/api/cameras');
    expect(hubPath('app://wall/api/history?period=week&groupBy=street')).toBe(
      '/api/history?period=week&groupBy=street',
    );
    expect(hubPath(`app://wall/api/history?period=${'x'.repeat(2_000)}`)).toBeUndefined();
    expect(hubPath('app://wall/hls/44120200001320000001/index.m3u8')).toBe(
      '/hls/44120200001320000001/index.m3u8',
    );
    expect(hubPath('app://wall/hls/a/..%2F..%2Fapi%2Fstatus')).toBeUndefined();
    expect(hubPath('app://wall/hls/a/b/c.ts')).toBeUndefined();
    expect(hubPath('app://other/api/cameras')).toBeUndefined();
  });
});
