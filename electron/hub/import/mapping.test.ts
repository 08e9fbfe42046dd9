import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testSupport';
import { importFile, loadMapping } from './importFile';
import { readMapping, type Mapping } from './mapping';
import { mappingJsonSchema } from './mappingJsonSchema';

const MAPPINGS = resolve(__dirname, '../../../assets/mappings');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** The shipped 12345 mapping with one change made by `edit`, as text. */
async function edited(edit: (m: Mapping) => void): Promise<string> {
  const m = JSON.parse(await readFile(join(MAPPINGS, 'hotline12345.json'), 'utf8'));
  edit(m);
  return JSON.stringify(m, null, 2);
}

const refusal = (text: string) => {
  try {
    readMapping(text, 'm.json');
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('mapping files', () => {
  it('ships mappings that load, and a JSON Schema that is the one the hub checks with', async () => {
    for (const name of ['nyc311.json', 'hotline12345.json', 'open311-nyc.json'])
      expect((await loadMapping(join(MAPPINGS, name))).mapping.fields.id).toBeDefined();
    expect(await readFile(join(MAPPINGS, 'mapping.schema.json'), 'utf8')).toBe(mappingJsonSchema());
  });

  it('refuses each kind of mistake, naming its line and key', async () => {
    const badRegex = refusal(
      await edited((m) => {
        m.fields.category = { column: '诉求类型', patterns: [['噪音(', 'event/appearance/noise']] };
      }),
    );
    expect(badRegex).toMatch(/line \d+, fields\.category\.patterns\.0\.0: bad regular expression/);

    const noisy = await edited((m) => {
      (m.fields.category.table as Record<string, string>)['噪音扰民'] = 'event/appearance/noisy';
    });
    const noisyLine = noisy.split('\n').findIndex((l) => l.includes('noisy')) + 1;
    expect(refusal(noisy)).toContain(
      `line ${noisyLine}, fields.category.table.噪音扰民: "event/appearance/noisy" is no category id`,
    );

    const badCrs = refusal(
      await edited((m) => {
        m.fields.position.crs = 'cgcs2000' as never;
      }),
    );
    expect(badCrs).toMatch(/line \d+, fields\.position\.crs: .*wgs84.*gcj02.*bd09/);

    const badState = refusal(
      await edited((m) => {
        (m.fields.state.table as Record<string, string>)['已归档'] = 'archived';
      }),
    );
    expect(badState).toMatch(/fields\.state\.table\.已归档: "archived" is no state/);

    const badZone = refusal(
      await edited((m) => {
        m.timeZone = 'Asia/Zhaoqing';
      }),
    );
    expect(badZone).toMatch(/line \d+, timeZone: unknown time zone "Asia\/Zhaoqing"/);

    const unknownKey = refusal(
      await edited((m) => {
        Object.assign(m.fields, { photo: { column: '照片' } });
      }),
    );
    expect(unknownKey).toMatch(/fields: Unrecognized key.*photo/);

    expect(refusal('{\n  "name": "x",\n  "file": {\n}')).toMatch(/line 4: not valid JSON here/);
  });

  it('refuses a mapping whose column the file lacks, naming the key, the column and what the file has', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const text = await edited((m) => {
      m.file.encoding = 'utf-8';
      m.fields.grid = { column: '网格编码' };
    });
    await writeFile(join(dir, 'm.json'), text);
    await writeFile(join(dir, 'd.csv'), '工单编号,受理时间\nA1,2026/11/1 8:00:00\n');
    const loaded = await loadMapping(join(dir, 'm.json'));
    const error = await importFile(loaded, join(dir, 'd.csv')).then(
      () => 'imported',
      (e: Error) => e.message,
    );
    const gridLine = text.split('\n').findIndex((l) => l.includes('网格编码')) + 1;
    expect(error).toContain(
      `line ${gridLine}, fields.grid.column: no column "网格编码" in the file`,
    );
    expect(error).toContain('(it has "工单编号", "受理时间")');
    expect(error).not.toContain('fields.id.column');
  });
});
