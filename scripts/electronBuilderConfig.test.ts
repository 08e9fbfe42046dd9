import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/** The packaging settings a public wall PC depends on, read from the file electron-builder reads. */
describe('electron-builder.yml', () => {
  const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

  it('sets the fuses that keep a packaged wall from becoming a Node runtime', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar (what the integrity fuse checks)', () => {
    expect(config.asar).toBe(true);
  });

  it('keeps the history database native module loadable: unpacked, left out of the bundle, not rebuilt', () => {
    expect(config.asarUnpack).toContain('node_modules/@duckdb/**');
    expect(config.npmRebuild).toBe(false);
    expect(readFileSync('scripts/build-electron.mjs', 'utf8')).toContain("'@duckdb/node-api'");
  });
});
