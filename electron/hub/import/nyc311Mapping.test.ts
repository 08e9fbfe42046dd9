import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Gateway } from '../../../shared/gateway/gateway';
import { WallStore } from '../../../shared/gateway/wallStore';
import { startHub, type RunningHub } from '../startHub';
import type { HistoryAnswer } from '../../../shared/protocol/history';
import { rawRequest, tempDir } from '../testSupport';
import { importFile, loadMapping } from './importFile';
import { parseTime } from './localTime';

const CSV = resolve(__dirname, '../../../../shared/data/nyc/nyc311-2018-10-21.csv');
const MAPPING = resolve(__dirname, '../../../assets/mappings/nyc311.json');

/** A second, independent reading of the CSV: a tokenising regex instead of the importer's parser. */
function readRows(text: string): Record<string, string>[] {
  const body = text.replace(/^\uFEFF/, '');
  const token = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r?\n|$)/g;
  const rows: string[][] = [];
  let row: string[] = [];
  for (let m = token.exec(body); m && m.index < body.length; m = token.exec(body)) {
    const raw = m[1] as string;
    row.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (m[2] !== ',') {
      rows.push(row);
      row = [];
    }
  }
  const [header, ...data] = rows;
  return data
    .filter((r) => r.length > 1)
    .map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? ''])));
}

const EXPECTED_STATE: Readonly<Record<string, string>> = {
  closed: 'closed',
  started: 'handling',
  'in progress': 'handling',
  assigned: 'dispatched',
  pending: 'reported',
};

const running: RunningHub[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  for (const c of cleanups.splice(0)) await c();
});

describe('NYC 311 replay through the shipped mapping', () => {
  it('parses the 2018 dates as New York local time', async () => {
    const { mapping } = await loadMapping(MAPPING);
    const formats = mapping.fields.reportedAt.formats;
    expect(
      new Date(parseTime('10/21/18 0:59', formats, mapping.timeZone) as number).toISOString(),
    ).toBe('2018-10-21T04:59:00.000Z');
    // The Socrata export's ISO text, in winter time.
    expect(
      new Date(
        parseTime('2019-12-31T23:59:11.000', formats, mapping.timeZone) as number,
      ).toISOString(),
    ).toBe('2020-01-01T04:59:11.000Z');
    expect(parseTime('', formats, mapping.timeZone)).toBeUndefined();
  });

  it('lands on the gateway with the counts by category and state computed from the CSV', async () => {
    const text = await readFile(CSV, 'utf8');
    const loaded = await loadMapping(MAPPING);
    const NYC_CITY = loaded.mapping.city as NonNullable<typeof loaded.mapping.city>;
    // The complaint rules as the mapping states them, applied here by a second reading.
    const rules = (loaded.mapping.fields.category.patterns ?? []).map(
      ([p, category]) => [new RegExp(p, 'i'), category] as const,
    );
    const nycCategory = (complaint: string) =>
      rules.find(([p]) => p.test(complaint))?.[1] ?? 'event/other/other';
    const rows = readRows(text);
    expect(rows.length).toBeGreaterThan(6_700);
    const expectedByCategory = new Map<string, number>();
    const expectedByState = new Map<string, number>();
    const expectedByBorough = new Map<string, number>();
    let usable = 0;
    for (const row of rows) {
      const lat = Number(row.Latitude);
      const lon = Number(row.Longitude);
      if (!row.Latitude || !row.Longitude || !Number.isFinite(lat)) continue;
      const b = NYC_CITY.bounds;
      if (lon < b.west || lon > b.east || lat < b.south || lat > b.north) continue;
      usable += 1;
      const category = nycCategory(row['Complaint Type'] as string);
      expectedByCategory.set(category, (expectedByCategory.get(category) ?? 0) + 1);
      const state = EXPECTED_STATE[(row.Status as string).toLowerCase()] ?? 'registered';
      expectedByState.set(state, (expectedByState.get(state) ?? 0) + 1);
      const borough = row.Borough as string;
      expectedByBorough.set(borough, (expectedByBorough.get(borough) ?? 0) + 1);
    }
    expect(usable).toBe(6_650);

    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const hub = await startHub({
      dataDir: dir,
      source: { kind: 'import', mapping: loaded, file: CSV, speedup: Infinity },
    });
    running.push(hub);
    const store = new WallStore({ scheduler: () => undefined });
    const gateway = new Gateway(store, { url: hub.hub.url });
    cleanups.push(async () => gateway.stop());
    gateway.start();

    const imported = await importFile(loaded, CSV);
    expect(imported.report.mapped).toBe(usable);
    const expectedEvents = imported.events.length;
    const deadline = Date.now() + 30_000;
    while (store.lastSeq < expectedEvents && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(store.lastSeq).toBe(expectedEvents);
    expect(store.diagnostics.rejected).toBe(0);
    expect(store.city?.id).toBe('nyc');

    const byCategory = new Map<string, number>();
    for (const c of store.cases.allCases())
      byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + 1);
    expect(Object.fromEntries(byCategory)).toEqual(Object.fromEntries(expectedByCategory));
    const byState = Object.fromEntries(
      Object.entries(store.cases.countByState()).filter(([, n]) => n > 0),
    );
    expect(byState).toEqual(Object.fromEntries(expectedByState));
    expect(store.cases.size).toBe(usable);

    // The same cases in the hub's history database, asked over HTTP in New York's time.
    const ask = async (groupBy: string) => {
      const res = await rawRequest(
        hub.hub.url,
        `/api/history?from=2017-01-01&to=2018-12-31&tz=-04:00&compare=none&groupBy=${groupBy}`,
      );
      expect(res.status).toBe(200);
      return JSON.parse(res.body) as HistoryAnswer;
    };
    const counts = (answer: HistoryAnswer, group: string) =>
      Object.fromEntries(answer.rows.map((r) => [r.key[group], r.figures.reported]));
    const byCategoryInHistory = await ask('category');
    expect(byCategoryInHistory.total.reported).toBe(usable);
    expect(byCategoryInHistory.total.closed).toBe(expectedByState.get('closed'));
    expect(counts(byCategoryInHistory, 'category')).toEqual(Object.fromEntries(expectedByCategory));
    expect(counts(await ask('district'), 'district')).toEqual(
      Object.fromEntries(expectedByBorough),
    );
  }, 60_000);
});
