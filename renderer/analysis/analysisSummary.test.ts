import { describe, expect, it } from 'vitest';
import { emptyCounters, kpiView } from '../../shared/domain/kpi';
import type { HistoryAnswer, HistoryPeriod } from '../../shared/protocol/history';
import { summaryLine } from './analysisSummary';

const period: HistoryPeriod = {
  kind: 'week',
  from: 0,
  to: 7 * 86_400_000,
  firstDay: '2026-11-30',
  lastDay: '2026-12-06',
};
const figures = (reported: number, handled: number, handledOnTime: number) =>
  kpiView({ ...emptyCounters(), reported, handled, handledOnTime }, 0, 0);
const answer = (
  total: ReturnType<typeof figures>,
  rows: HistoryAnswer['rows'] = [],
  previous?: ReturnType<typeof figures>,
): HistoryAnswer => ({
  period,
  total,
  rows,
  truncated: false,
  groupBy: rows.length > 0 ? ['street'] : [],
  utcOffsetMinutes: 480,
  asOf: 0,
  seq: 0,
  ...(previous ? { previous: { period, total: previous, rows: [], truncated: false } } : {}),
});
const streets = answer(figures(0, 0, 0), [
  { key: { street: '城东街道' }, figures: figures(600, 500, 425) },
  { key: { street: '黄岗街道' }, figures: figures(634, 500, 490) },
]);

describe("the briefing's summary line", () => {
  it('says the week in Chinese: received, change, on-time rate, the lowest street', () => {
    const totals = answer(figures(1234, 1000, 915), [], figures(1097, 900, 800));
    expect(summaryLine(totals, streets, 'week', 'zh-CN')).toBe(
      '本周受理 1,234 件，较上周增加 12.5%；按期处置率 91.5%；按期处置率最低的街道是城东街道（85.0%）。',
    );
  });

  it('says the same in English, and a fall as a fall', () => {
    const totals = answer(figures(900, 1000, 915), [], figures(1000, 900, 800));
    expect(summaryLine(totals, streets, 'week', 'en')).toBe(
      'This week 900 cases were received, down 10.0% on last week; on-time handling 91.5%; the lowest street is 城东街道 (85.0%).',
    );
  });

  it('leaves out what it cannot say: no period before, one street, nothing handled', () => {
    const totals = answer(figures(12, 0, 0));
    const oneStreet = answer(figures(0, 0, 0), [
      { key: { street: '城东街道' }, figures: figures(12, 0, 0) },
    ]);
    expect(summaryLine(totals, oneStreet, 'day', 'zh-CN')).toBe('今日受理 12 件。');
    expect(summaryLine(totals, oneStreet, 'month', 'en')).toBe(
      'This month 12 cases were received.',
    );
  });
});
