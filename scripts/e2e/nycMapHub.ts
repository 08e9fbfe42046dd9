import { test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Hub } from '../../electron/hub/hub';
import type { CityInfo } from '../../shared/protocol/wire';

/** New York as the shipped 311 mapping names it. */
const NYC_CITY = (
  JSON.parse(readFileSync(resolve('assets/mappings/nyc311.json'), 'utf8')) as { city: CityInfo }
).city;

/** A small real scene (Lower Manhattan's buildings): WebGL runs in software here. */
const NYC = resolve('../shared/data/nyc');
const MANIFEST = JSON.stringify({
  version: 1,
  id: 'nyc-test',
  name: { zh: '下曼哈顿', en: 'Lower Manhattan' },
  view: { center: [-74.0, 40.712], zoom: 14.2 },
  buildings: { file: 'manhattan-buildings.json', format: 'polygon-array' },
});

/**
 * A real hub serving the built renderer and a city pack of Lower Manhattan's real buildings,
 * with no source (the test publishes what it needs), fresh for each test of the calling spec.
 */
export function nycMapHub(): { readonly hub: Hub } {
  const state: { hub?: Hub; dataDir?: string } = {};
  test.beforeEach(async () => {
    state.dataDir = await mkdtemp(join(tmpdir(), 'citywall-map-'));
    state.hub = await Hub.start({
      city: NYC_CITY,
      dataDir: state.dataDir,
      serveDir: resolve('dist/renderer'),
      cityPack: async (name) =>
        name === 'citypack.json'
          ? MANIFEST
          : name === 'manhattan-buildings.json'
            ? readFile(join(NYC, name), 'utf8')
            : undefined,
    });
  });
  test.afterEach(async () => {
    await state.hub?.close();
    await rm(state.dataDir as string, { recursive: true, force: true });
  });
  return {
    get hub() {
      return state.hub as Hub;
    },
  };
}
