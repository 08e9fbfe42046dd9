import type { KpiView } from '../domain/kpi';

/**
 * `GET /api/history`: what a wall may ask of the hub's case history, and what it answers. The
 * parameters are checked here, before anything reaches a database: a period is a day, an ISO
 * week (Monday first), a calendar month or a range of whole days, in the hub's local time (a
 * fixed UTC offset, +08:00 by default: China keeps no daylight saving time), at most
 * `MAX_RANGE_DAYS` long; groups come from a fixed list, so nothing a client sends becomes SQL.
 */
const HISTORY_GROUPS = [
  'district',
  'street',
  'grid',
  'department',
  'category',
  'class',
  'source',
  'day',
  'hour',
] as const;
export type HistoryGroup = (typeof HISTORY_GROUPS)[number];

const PERIOD_KINDS = ['day', 'week', 'month', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Two years: a year against the year before, never a century by accident. */
const MAX_RANGE_DAYS = 732;
const MAX_GROUPS = 2;
const MAX_ROWS = 5_000;
const DEFAULT_ROWS = 1_000;
const DAY_MS = 86_400_000;

/** A half-open span of local days, [from, to) in epoch ms, with its first and last day named. */
export interface HistoryPeriod {
  readonly kind: PeriodKind;
  readonly from: number;
  readonly to: number;
  /** First day, `YYYY-MM-DD`, local. */
  readonly firstDay: string;
  /** Last day (inclusive), `YYYY-MM-DD`, local. */
  readonly lastDay: string;
}

export interface HistoryQuery {
  readonly period: HistoryPeriod;
  /** The period before it (day-on-day, week-on-week, the calendar month before), if asked for. */
  readonly previous?: HistoryPeriod;
  readonly groupBy: readonly HistoryGroup[];
  readonly limit: number;
  readonly utcOffsetMinutes: number;
}

export type HistoryQueryResult =
  | { readonly ok: true; readonly query: HistoryQuery }
  | { readonly ok: false; readonly error: string };

/** Counts and rates of one group (or of the whole period): the live KPIs' definitions, per period. */
export type HistoryFigures = KpiView;

export interface HistoryRow {
  /** The group's values, e.g. `{ district: '端州区', day: '2026-12-01' }`; hour is 0–23. */
  readonly key: Readonly<Record<string, string | number | null>>;
  readonly figures: HistoryFigures;
}

export interface HistorySection {
  readonly period: HistoryPeriod;
  readonly total: HistoryFigures;
  readonly rows: readonly HistoryRow[];
  /** More groups than `limit`: the rows are the largest by cases reported. */
  readonly truncated: boolean;
}

export interface HistoryAnswer extends HistorySection {
  readonly groupBy: readonly HistoryGroup[];
  readonly utcOffsetMinutes: number;
  /** The moment the figures stand at (overdue is judged against it). */
  readonly asOf: number;
  /** The seq the history is complete up to. */
  readonly seq: number;
  readonly previous?: HistorySection;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ALLOWED = new Set(['period', 'date', 'from', 'to', 'groupBy', 'compare', 'limit', 'tz']);

/** What is read of a URL's query (`URLSearchParams` is one; `shared/` has no DOM or Node types). */
export interface QueryParams {
  get(name: string): string | null;
  has(name: string): boolean;
  keys(): Iterable<string>;
}

/** Reads and checks the query's parameters; every refusal says what was wrong. */
export function parseHistoryQuery(
  params: QueryParams,
  context: { readonly now: number; readonly utcOffsetMinutes: number },
): HistoryQueryResult {
  for (const name of params.keys())
    if (!ALLOWED.has(name)) return fail(`unknown parameter "${clip(name)}"`);
  const offset = parseOffset(params.get('tz'), context.utcOffsetMinutes);
  if (offset === undefined) return fail('tz must be a UTC offset such as +08:00');
  const kindText = params.get('period') ?? (params.has('from') ? 'range' : 'day');
  if (!(PERIOD_KINDS as readonly string[]).includes(kindText))
    return fail(`period must be one of ${PERIOD_KINDS.join(', ')}`);
  const kind = kindText as PeriodKind;
  const offsetMs = offset * 60_000;

  let period: HistoryPeriod;
  let previous: HistoryPeriod | undefined;
  if (kind === 'range') {
    const from = dayNumber(params.get('from'));
    const to = dayNumber(params.get('to') ?? params.get('from'));
    if (from === undefined || to === undefined)
      return fail('a range needs from and to as YYYY-MM-DD dates');
    if (to < from) return fail('to comes before from');
    if (to - from + 1 > MAX_RANGE_DAYS)
      return fail(`a range is at most ${MAX_RANGE_DAYS} days long`);
    period = span(kind, from, to + 1, offsetMs);
    previous = span(kind, from - (to + 1 - from), from, offsetMs);
  } else {
    const anchor =
      params.get('date') === null
        ? Math.floor((context.now + offsetMs) / DAY_MS)
        : dayNumber(params.get('date'));
    if (anchor === undefined) return fail('date must be a YYYY-MM-DD date');
    [period, previous] = calendarPeriod(kind, anchor, offsetMs);
  }

  const compare = params.get('compare') ?? 'previous';
  if (compare !== 'previous' && compare !== 'none') return fail('compare must be previous or none');

  const groupText = params.get('groupBy') ?? '';
  const groupBy = groupText === '' ? [] : groupText.split(',');
  for (const g of groupBy)
    if (!(HISTORY_GROUPS as readonly string[]).includes(g))
      return fail(`unknown group "${clip(g)}": one of ${HISTORY_GROUPS.join(', ')}`);
  if (new Set(groupBy).size !== groupBy.length) return fail('a group is named twice');
  if (groupBy.length > MAX_GROUPS) return fail(`at most ${MAX_GROUPS} groups`);

  const limitText = params.get('limit');
  const limit = limitText === null ? DEFAULT_ROWS : Number(limitText);
  if (
    !/^\d+$/.test(limitText ?? '0') ||
    !Number.isSafeInteger(limit) ||
    limit < 1 ||
    limit > MAX_ROWS
  )
    return fail(`limit must be a whole number from 1 to ${MAX_ROWS}`);

  return {
    ok: true,
    query: {
      period,
      ...(compare === 'previous' ? { previous } : {}),
      groupBy: groupBy as HistoryGroup[],
      limit,
      utcOffsetMinutes: offset,
    },
  };
}

/** The day, ISO week or calendar month holding local day `anchor`, and the one before it. */
function calendarPeriod(
  kind: 'day' | 'week' | 'month',
  anchor: number,
  offsetMs: number,
): [HistoryPeriod, HistoryPeriod] {
  if (kind === 'day')
    return [span(kind, anchor, anchor + 1, offsetMs), span(kind, anchor - 1, anchor, offsetMs)];
  if (kind === 'week') {
    // Day 0 (1970-01-01) was a Thursday: Monday-based weekday is (day + 3) mod 7.
    const monday = anchor - ((anchor + 3) % 7);
    return [span(kind, monday, monday + 7, offsetMs), span(kind, monday - 7, monday, offsetMs)];
  }
  const date = new Date(anchor * DAY_MS);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const first = Date.UTC(y, m, 1) / DAY_MS;
  const next = Date.UTC(y, m + 1, 1) / DAY_MS;
  const before = Date.UTC(y, m - 1, 1) / DAY_MS;
  return [span(kind, first, next, offsetMs), span(kind, before, first, offsetMs)];
}

function span(kind: PeriodKind, fromDay: number, toDay: number, offsetMs: number): HistoryPeriod {
  return {
    kind,
    from: fromDay * DAY_MS - offsetMs,
    to: toDay * DAY_MS - offsetMs,
    firstDay: dayName(fromDay),
    lastDay: dayName(toDay - 1),
  };
}

/** `YYYY-MM-DD` of a local day number (days since 1970-01-01). */
export function dayName(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local day number of a `YYYY-MM-DD` date that exists (no 2026-02-30), between 2000 and 2099. */
function dayNumber(text: string | null): number | undefined {
  const m = text === null ? null : DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2099) return undefined;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / DAY_MS;
}

function parseOffset(text: string | null, fallback: number): number | undefined {
  if (text === null) return fallback;
  // An unescaped "+" in a query string arrives as a space.
  const m = /^([+ -])(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes > 14 * 60 || Number(m[3]) > 59) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
const fail = (error: string): HistoryQueryResult => ({ ok: false, error });
