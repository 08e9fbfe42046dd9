import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { hotlineCsv, hotlineRows } from '../../electron/hub/sources/hotline12345Sample';
import { tempDir } from '../../electron/hub/testSupport';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAPPING = join(ROOT, 'assets/mappings/hotline12345.json');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** `npm run import:check` as a user runs it; its output and exit code. */
async function check(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(TSX, ['scripts/import/importCheck.ts', ...args], { cwd: ROOT });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

describe('npm run import:check', () => {
  it('prints counts, and every refused record with its line (50, then a count), writing nothing', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const rows = hotlineRows(120, 3).map((r, k) => {
      const row = [...r];
      if (k >= 40 && k < 100) row[3] = '养犬扰民'; // 60 records of a type the mapping lacks
      return row;
    });
    await writeFile(join(dir, 'orders.csv'), hotlineCsv(rows, 'gbk'));
    const { code, out } = await check('--mapping', MAPPING, join(dir, 'orders.csv'));
    expect(code).toBe(0);
    expect(out).toContain('records 120: mapped 60 (50.0 %), refused 60');
    expect(out).toMatch(/by category \/ 按类别:\n\s+\d+ {2}\S+ \/ .+\(event\//);
    expect(out).toContain('by state reached / 按状态:');
    // Each record spans two lines; record 41 (k = 40) starts on line 2 + 2 × 40.
    expect(out).toContain('line 82: category "养犬扰民" is not in the mapping');
    expect(out.match(/^ {2}line \d+: /gm)).toHaveLength(50);
    expect(out).toContain('… and 10 more');
    expect(await readdir(dir)).toEqual(['orders.csv']);
  }, 60_000);

  it('refuses a broken mapping with its line and key, and exits 1', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await writeFile(
      join(dir, 'm.json'),
      '{\n  "name": "x",\n  "file": { "format": "csv" },\n  "fields": {}\n}\n',
    );
    await writeFile(join(dir, 'orders.csv'), hotlineCsv(hotlineRows(2, 1), 'gbk'));
    const { code, out } = await check('--mapping', join(dir, 'm.json'), join(dir, 'orders.csv'));
    expect(code).toBe(1);
    expect(out).toContain('mapping refused');
    expect(out).toMatch(/line 4, fields\.id: /);
  }, 60_000);
});
