import { describe, expect, it } from 'vitest';
import { cityPackName, contentType, resolveAppFile } from './appFiles';

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

  it('routes city pack files to the hub, by plain file name only', () => {
    expect(cityPackName('app://wall/citypack/citypack.json')).toBe('citypack.json');
    expect(cityPackName('app://wall/citypack/..%2F..%2Fsecret')).toBeUndefined();
    expect(cityPackName('app://wall/index.html')).toBeUndefined();
  });
});
