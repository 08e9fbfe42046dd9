import { describe, expect, it } from 'vitest';
import { parseHistoryQuery, type HistoryQuery, type QueryParams } from './history';

/** 2026-12-02 10:00 in Zhaoqing (UTC+8), a Wednesday. */
const NOW = Date.UTC(2026, 11, 2, 2, 0, 0);
/** A query string's parameters, as `URLSearchParams` reads them (`shared/` has no DOM types). */
function params(query: string): QueryParams {
  const pairs = query
    .split('&')
    .filter(Boolean)
    .map(
      (p) => p.split('=').map((s) => decodeURIComponent(s.replace(/\+/g, ' '))) as [string, string],
    );
  const map = new Map(pairs);
  return { get: (n) => map.get(n) ?? null, has: (n) => map.has(n), keys: () => map.keys() };
}
const parse = (query: string, utcOffsetMinutes = 480) =>
  parseHistoryQuery(params(query), { now: NOW, utcOffsetMinutes });
const ok = (query: string): HistoryQuery => {
  const result = parse(query);
  if (!result.ok) throw new Error(result.error);
  return result.query;
};
const error = (query: string) => {
  const result = parse(query);
  return result.ok ? 'accepted' : result.error;
};
const iso = (t: number) => new Date(t).toISOString();

describe('history query parameters', () => {
  it('a day is midnight to midnight in Zhaoqing, today by default, against the day before', () => {
    const q = ok('');
    expect([iso(q.period.from), iso(q.period.to)]).toEqual([
      '2026-12-01T16:00:00.000Z',
      '2026-12-02T16:00:00.000Z',
    ]);
    expect(q.period).toMatchObject({ kind: 'day', firstDay: '2026-12-02', lastDay: '2026-12-02' });
    expect(q.previous).toMatchObject({ firstDay: '2026-12-01', lastDay: '2026-12-01' });
  });

  it('a week runs Monday to Sunday; a month is its calendar month, compared with the one before', () => {
    expect(ok('period=week').period).toMatchObject({
      firstDay: '2026-11-30',
      lastDay: '2026-12-06',
    });
    expect(ok('period=week').previous).toMatchObject({
      firstDay: '2026-11-23',
      lastDay: '2026-11-29',
    });
    const march = ok('period=month&date=2026-03-15');
    expect(march.period).toMatchObject({ firstDay: '2026-03-01', lastDay: '2026-03-31' });
    expect(march.previous).toMatchObject({ firstDay: '2026-02-01', lastDay: '2026-02-28' });
    const january = ok('period=month&date=2026-01-31');
    expect(january.previous).toMatchObject({ firstDay: '2025-12-01', lastDay: '2025-12-31' });
  });

  it('a range is whole days, inclusive, compared with as many days before it', () => {
    const q = ok('from=2026-11-01&to=2026-11-10&groupBy=district,day');
    expect(q.period).toMatchObject({
      kind: 'range',
      firstDay: '2026-11-01',
      lastDay: '2026-11-10',
    });
    expect(q.previous).toMatchObject({ firstDay: '2026-10-22', lastDay: '2026-10-31' });
    expect(q.groupBy).toEqual(['district', 'day']);
    expect(ok('from=2026-11-01&to=2026-11-10&compare=none').previous).toBeUndefined();
  });

  it('takes another UTC offset, written with + escaped or not', () => {
    const q = ok('tz=%2B00:00');
    expect(iso(q.period.from)).toBe('2026-12-02T00:00:00.000Z');
    expect(ok('tz=+05:30').utcOffsetMinutes).toBe(330);
    expect(ok('tz=-03:00').utcOffsetMinutes).toBe(-180);
  });

  it('refuses what it cannot answer, saying why', () => {
    expect(error('from=2000-01-01&to=2099-12-31')).toBe('a range is at most 732 days long');
    expect(error('from=2026-11-10&to=2026-11-01')).toBe('to comes before from');
    expect(error('date=2026-02-30')).toBe('date must be a YYYY-MM-DD date');
    expect(error('date=1999-12-31')).toBe('date must be a YYYY-MM-DD date');
    expect(error('period=year')).toMatch(/^period must be one of/);
    expect(error('groupBy=district;DROP TABLE cases')).toMatch(/^unknown group "district;DROP/);
    expect(error('groupBy=district,district')).toBe('a group is named twice');
    expect(error('groupBy=district,street,day')).toBe('at most 2 groups');
    expect(error('limit=0')).toMatch(/^limit must be/);
    expect(error('limit=1e3')).toMatch(/^limit must be/);
    expect(error('limit=5001')).toMatch(/^limit must be/);
    expect(error('tz=Asia/Shanghai')).toMatch(/^tz must be/);
    expect(error('tz=+15:00')).toMatch(/^tz must be/);
    expect(error('compare=yesterday')).toBe('compare must be previous or none');
    expect(error('order=desc')).toBe('unknown parameter "order"');
  });
});
