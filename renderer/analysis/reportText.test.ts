import { describe, expect, it } from 'vitest';
import { emptyCounters, kpiView } from '../../shared/domain/kpi';
import type { HistoryAnswer, HistoryPeriod } from '../../shared/protocol/history';
import { reportCsv, reportTables } from './reportText';

const period: HistoryPeriod = {
  kind: 'week',
  from: 0,
  to: 1,
  firstDay: '2026-11-30',
  lastDay: '2026-12-06',
};
const f = (reported: number, handled = 0, handledOnTime = 0) =>
  kpiView({ ...emptyCounters(), reported, handled, handledOnTime }, 0, 0);
const answer = (
  rows: HistoryAnswer['rows'],
  total = f(0),
  previous?: ReturnType<typeof f>,
): HistoryAnswer => ({
  period,
  total,
  rows,
  truncated: false,
  groupBy: [],
  utcOffsetMinutes: 480,
  asOf: 0,
  seq: 0,
  ...(previous ? { previous: { period, total: previous, rows: [], truncated: false } } : {}),
});

const data = {
  totals: answer([], f(120, 100, 90), f(100, 100, 95)),
  streets: answer([
    { key: { street: '城东街道' }, figures: f(80, 60, 57) },
    { key: { street: '黄岗街道' }, figures: f(40, 40, 33) },
  ]),
  departments: answer([{ key: { department: '市政, "路灯"所' }, figures: f(30, 20, 20) }]),
  categories: answer([
    { key: { category: 'event/street-order/illegal-parking' }, figures: f(90) },
    { key: { category: 'component/utilities/manhole-cover' }, figures: f(30) },
  ]),
  sources: answer([{ key: { source: 'hotline' }, figures: f(120) }]),
};

describe('the printable report', () => {
  it('states each section in the report’s language, with its finding', () => {
    const [overall, streets, departments, categories, sources] = reportTables(data, 'zh-CN', (s) =>
      s === 'hotline' ? '12345热线' : s,
    );
    expect(overall?.rows[0]).toEqual(['受理数', '120', '100', '+20.0%']);
    expect(overall?.rows.find((r) => r[0] === '按期处置率')).toEqual([
      '按期处置率',
      '90.0%',
      '95.0%',
      '−5.0 个百分点',
    ]);
    expect(streets?.finding).toBe('按期处置率最低的街道是黄岗街道（82.5%）。');
    expect(streets?.rows.map((r) => r.slice(0, 2))).toEqual([
      ['1', '城东街道'],
      ['2', '黄岗街道'],
    ]);
    // One department: nothing to compare it with, so no finding.
    expect(departments?.finding).toBe('');
    expect(categories?.finding).toBe('最多的是违章停车，90 件，占 75.0%。');
    expect(sources?.rows).toEqual([['12345热线', '120', '100.0%']]);
  });

  it('writes the same tables as CSV that Excel opens: a BOM, quoted fields, CRLF', () => {
    const tables = reportTables(data, 'en', (s) => s);
    const csv = reportCsv('Duanzhou Weekly analysis 2026-11-30 — 2026-12-06', tables);
    expect(csv.startsWith('\uFEFFDuanzhou Weekly analysis')).toBe(true);
    expect(csv).toContain('\r\n2. Streets by on-time handling\r\nRank,Street,Received,');
    expect(csv).toContain('1,"市政, ""路灯""所",30,100.0%');
    expect(csv).toContain('Received,120,100,+20.0%');
  });
});
