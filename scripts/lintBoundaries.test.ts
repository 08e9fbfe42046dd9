import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules are only worth having if they fire: lint imaginary files in each layer. */
const eslint = new ESLint();

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'layers/allowed-imports')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['renderer/app/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/app/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['renderer/app/x.ts', "import { readFile } from 'fs';"],
    ['renderer/app/x.ts', "import { Hub } from '../../electron/hub/hub';"],
    ['shared/domain/x.ts', "import { app } from 'electron';"],
    ['shared/domain/x.ts', "import { join } from 'node:path';"],
    ['shared/domain/x.ts', "import { useState } from 'react';"],
    ['shared/domain/x.ts', "import { App } from '../../renderer/app/App';"],
    ['electron/main/x.ts', "import { useState } from 'react';"],
    ['electron/main/x.ts', "import { App } from '../../renderer/app/App';"],
    ['electron/hub/x.ts', "import { app } from 'electron';"],
    // What the earlier name lists let through: packages outside a layer's allow-list, and
    // built-ins missing from a hand-written list.
    ['shared/gateway/x.ts', "import { Server } from 'socket.io';"],
    ['shared/video/x.ts', "import Hls from 'hls.js';"],
    ['shared/geo/x.ts', "import { Deck } from '@deck.gl/core';"],
    ['shared/domain/x.ts', "import assert from 'assert';"],
    ['shared/domain/x.ts', "import assert from 'node:assert/strict';"],
    ['renderer/app/x.ts', "import { Buffer } from 'buffer';"],
    ['renderer/app/x.ts', "const m = await import('node:worker_threads');"],
    ['renderer/app/x.ts', "export { Server } from 'socket.io';"],
    ['electron/hub/x.ts', "import { createRoot } from 'react-dom/client';"],
    ['electron/hub/x.ts', "import { useState } from 'react';"],
    ['electron/main/x.ts', "import { Deck } from '@deck.gl/core';"],
    ['shared/domain/x.test.ts', "import { Hub } from 'socket.io';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await importErrors(file, `${code}\nexport const x = 1;\n`)).not.toEqual([]);
  });

  it.each([
    ['renderer/app/x.ts', "import { WallStore } from '../../shared/gateway/wallStore';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/hub/x.ts', "import { createServer } from 'node:http';"],
    ['shared/gateway/x.ts', "import { io } from 'socket.io-client';"],
    ['shared/domain/x.test.ts', "import fc from 'fast-check';"],
    ['renderer/map/x.ts', "import { Deck } from '@deck.gl/core';"],
    ['renderer/app/x.ts', "import { createRoot } from 'react-dom/client';"],
    ['electron/hub/x.test.ts', "import { io } from 'socket.io-client';"],
  ])('%s may: %s', async (file, code) => {
    expect(await importErrors(file, `${code}\nexport const x = 1;\n`)).toEqual([]);
  });
});
