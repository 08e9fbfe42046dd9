import { test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Hub } from '../../electron/hub/hub';
import { TEST_CITY } from '../../electron/hub/testSupport';

export interface PreviewHub {
  readonly hub: Hub;
  readonly dataDir: string;
  /** Stops the hub and starts it again on the same port and log folder; `meanwhile` runs between. */
  restart(meanwhile?: () => Promise<void>): Promise<Hub>;
}

/**
 * A real hub serving the built renderer, fresh for each test of the calling spec: the browser
 * preview's own setup, in a temporary log folder.
 */
export function previewHub(): PreviewHub {
  const state: { hub?: Hub; dataDir?: string } = {};
  const start = (port = 0) =>
    Hub.start({
      city: TEST_CITY,
      dataDir: state.dataDir as string,
      port,
      serveDir: resolve('dist/renderer'),
    });
  test.beforeEach(async () => {
    state.dataDir = await mkdtemp(join(tmpdir(), 'citywall-e2e-'));
    state.hub = await start();
  });
  test.afterEach(async () => {
    await state.hub?.close();
    await rm(state.dataDir as string, { recursive: true, force: true });
  });
  return {
    get hub() {
      return state.hub as Hub;
    },
    get dataDir() {
      return state.dataDir as string;
    },
    async restart(meanwhile) {
      const port = (state.hub as Hub).port;
      await state.hub?.close();
      await meanwhile?.();
      state.hub = await start(port);
      return state.hub;
    },
  };
}
