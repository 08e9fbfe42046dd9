import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOTLINE_HEADER,
  hotlineCsv,
  hotlineRows,
  writeHotlineXlsx,
} from '../sources/hotline12345Sample';
import { gridOf } from '../sources/demoCity';
import { tempDir } from '../testSupport';
import { importFile, loadMapping, type ImportResult } from './importFile';
import { readMapping, type LoadedMapping } from './mapping';

const MAPPING = resolve(__dirname, '../../../assets/mappings/hotline12345.json');
const ROWS = hotlineRows(400, 7);
const STATE: Record<string, string> = {
  待受理: 'reported',
  已受理: 'registered',
  已派单: 'dispatched',
  处理中: 'handling',
  已办结: 'handled',
  已回访: 'verified',
  已归档: 'closed',
  不予受理: 'voided',
};

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
let shipped: LoadedMapping;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  shipped = await loadMapping(MAPPING);
});
afterAll(() => cleanup());

/** The shipped mapping with its `file` part replaced. */
async function withFile(file: Record<string, unknown>): Promise<LoadedMapping> {
  const m = JSON.parse(await readFile(MAPPING, 'utf8'));
  m.file = file;
  return readMapping(JSON.stringify(m), 'm.json');
}

const shape = (r: ImportResult) => JSON.stringify(r.events);

describe('importing a 12345 hotline export through the shipped mapping', () => {
  let gbk: ImportResult;
  beforeAll(async () => {
    await writeFile(join(dir, 'gbk.csv'), hotlineCsv(ROWS, 'gbk'));
    gbk = await importFile(shipped, join(dir, 'gbk.csv'));
  });

  it('reads GBK with Chinese headers and quoted line breaks, converting Baidu coordinates', () => {
    // The file really is GBK (not UTF-8 that happens to work).
    expect(hotlineCsv(ROWS.slice(0, 1), 'gbk').includes(Buffer.from('工单编号'))).toBe(false);
    expect(gbk.report).toMatchObject({ records: 400, mapped: 400, refused: 0 });
    const byState: Record<string, number> = {};
    for (const r of ROWS)
      byState[STATE[r[10] as string] as string] =
        (byState[STATE[r[10] as string] as string] ?? 0) + 1;
    expect(gbk.report.byState).toEqual(byState);
    const reported = gbk.events.flatMap((e) => (e.type === 'case.reported' ? [e.payload] : []));
    expect(reported).toHaveLength(400);
    const first = reported.find((p) => p.caseId === ROWS[0]?.[0]);
    expect(first?.description).toBe(ROWS[0]?.[4]);
    expect(first?.description).toContain('\n');
    // BD-09 is some 500 m off WGS-84 here: only converted positions fall in the street the
    // export names for almost every case.
    const sameStreet = reported.filter((p) => gridOf(p.position).street === p.street).length;
    expect(sameStreet / reported.length).toBeGreaterThan(0.97);
    const closed = ROWS.find((r) => r[10] === '已归档') as string[];
    const steps = gbk.events
      .filter((e) => 'caseId' in e.payload && e.payload.caseId === closed[0])
      .map((e) => e.type);
    expect(steps).toEqual([
      'case.reported',
      'case.registered',
      'case.dispatched',
      'case.accepted',
      'case.handled',
      'case.verified',
      'case.closed',
    ]);
  });

  it('reads the same export as UTF-8 with a byte order mark, as xlsx, JSON and NDJSON alike', async () => {
    await writeFile(join(dir, 'bom.csv'), hotlineCsv(ROWS, 'utf-8'));
    const bom = await importFile(
      await withFile({ format: 'csv', encoding: 'utf-8' }),
      join(dir, 'bom.csv'),
    );
    expect(shape(bom)).toBe(shape(gbk));

    await writeHotlineXlsx(ROWS, join(dir, 'orders.xlsx'));
    const xlsx = await importFile(await withFile({ format: 'xlsx' }), join(dir, 'orders.xlsx'));
    expect(xlsx.report.refused).toBe(0);
    expect(shape(xlsx)).toBe(shape(gbk));

    const objects = ROWS.map((r) => Object.fromEntries(HOTLINE_HEADER.map((h, k) => [h, r[k]])));
    await writeFile(
      join(dir, 'orders.json'),
      iconv.encode(JSON.stringify({ data: { rows: objects } }), 'gb18030'),
    );
    const json = await importFile(
      await withFile({ format: 'json', encoding: 'gb18030', records: 'data.rows' }),
      join(dir, 'orders.json'),
    );
    expect(shape(json)).toBe(shape(gbk));

    await writeFile(join(dir, 'orders.ndjson'), objects.map((o) => JSON.stringify(o)).join('\n'));
    const ndjson = await importFile(
      await withFile({ format: 'ndjson' }),
      join(dir, 'orders.ndjson'),
    );
    expect(shape(ndjson)).toBe(shape(gbk));
  });

  it('refuses bad records one by one, with the line each starts on, and imports the rest', async () => {
    const rows = ROWS.slice(0, 20).map((r) => [...r]);
    (rows[3] as string[])[3] = '养犬扰民'; // a type the mapping does not know
    (rows[7] as string[])[1] = '2026/13/40 8:00:00';
    (rows[9] as string[])[12] = '';
    (rows[12] as string[])[0] = rows[2]?.[0] as string; // a case number again
    (rows[15] as string[])[12] = '120.5'; // far outside the district
    await writeFile(join(dir, 'bad.csv'), hotlineCsv(rows, 'gbk'));
    const { report } = await importFile(shipped, join(dir, 'bad.csv'));
    // Every record spans two lines (its complaint text has a line break); the header is line 1.
    const line = (k: number) => 2 + 2 * k;
    expect(report.refusals).toEqual([
      { line: line(3), reason: 'category "养犬扰民" is not in the mapping' },
      {
        line: line(7),
        reason: expect.stringMatching(/^report time "2026\/13\/40 8:00:00" fits none of/),
      },
      { line: line(9), reason: 'no position' },
      { line: line(12), reason: `case number ${rows[2]?.[0]} again (first on line ${line(2)})` },
      { line: line(15), reason: "position outside the city's bounds" },
    ]);
    expect(report).toMatchObject({ records: 20, mapped: 15, refused: 5 });
  });

  it('carries photo URLs from their columns onto the report and the handling, keeping only URLs', async () => {
    const m = JSON.parse(await readFile(MAPPING, 'utf8'));
    m.file = { format: 'ndjson' };
    m.fields.photos = { reported: { column: '上报照片' }, handled: { columns: ['处置照片'] } };
    const loaded = readMapping(JSON.stringify(m), 'm.json');
    const done = ROWS.find((r) => r[10] === '已归档') as string[];
    const record = {
      ...Object.fromEntries(HOTLINE_HEADER.map((h, k) => [h, done[k]])),
      上报照片: 'https://img.example.cn/a.jpg；https://img.example.cn/b.jpg javascript:alert(1)',
      处置照片: 'http://img.example.cn/c.jpg',
    };
    await writeFile(join(dir, 'photos.ndjson'), JSON.stringify(record));
    const { events } = await importFile(loaded, join(dir, 'photos.ndjson'));
    const reported = events.find((e) => e.type === 'case.reported');
    const handled = events.find((e) => e.type === 'case.handled');
    expect(reported?.payload).toMatchObject({
      photos: ['https://img.example.cn/a.jpg', 'https://img.example.cn/b.jpg'],
    });
    expect(handled?.payload).toMatchObject({ photos: ['http://img.example.cn/c.jpg'] });
  });
});
