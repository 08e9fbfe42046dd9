import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules are only worth having if they fire: lint imaginary files in each layer. */
const eslint = new ESLint();

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
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
  ])('%s may not: %s', async (file, code) => {
    expect(await importErrors(file, `${code}\nexport const x = 1;\n`)).not.toEqual([]);
  });

  it.each([
    ['renderer/app/x.ts', "import { WallStore } from '../../shared/gateway/wallStore';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/hub/x.ts', "import { createServer } from 'node:http';"],
    ['shared/gateway/x.ts', "import { io } from 'socket.io-client';"],
  ])('%s may: %s', async (file, code) => {
    expect(await importErrors(file, `${code}\nexport const x = 1;\n`)).toEqual([]);
  });
});
