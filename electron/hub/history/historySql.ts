import { CLOCK_RUNNING_STATES } from '../../../shared/domain/lifecycle';
import type { HistoryGroup } from '../../../shared/protocol/history';
import { CASE_COLUMNS, type ColumnKind } from './caseRow';

/**
 * The history's SQL, written once for every engine: only the integer division differs. Nothing
 * a client sends is pasted in: groups map to fixed expressions, the offset is a checked integer,
 * and the period's bounds and the moment are bound parameters.
 */
export interface SqlDialect {
  readonly types: Readonly<Record<ColumnKind, string>>;
  /** Integer division that rounds down. */
  intDiv(a: string, b: number): string;
}

export interface AggregateSpec {
  readonly from: number;
  readonly to: number;
  readonly asOf: number;
  readonly groupBy: readonly HistoryGroup[];
  readonly utcOffsetMinutes: number;
  /** Rows to return at most (one more is asked for, to know when there were more). */
  readonly limit: number;
}

/** What each aggregate row carries besides its group values: the KPI counters' raw parts. */
const COUNTER_COLUMNS = [
  'reported',
  'voided',
  'registered',
  'dispatched',
  'handled',
  'handled_on_time',
  'closed',
  'closed_on_time',
  'reworked',
  'extended',
  'intake_ms',
  'handling_ms',
  'handling_samples',
  'overdue',
  'overdue_never_handled',
] as const;

export type Counters = Record<(typeof COUNTER_COLUMNS)[number], number>;

/** The counters of an aggregate row whose counter columns start at `from` (an empty row: zeros). */
export function countersAt(row: readonly unknown[], from: number): Counters {
  return Object.fromEntries(
    COUNTER_COLUMNS.map((name, i) => [name, Number(row[from + i] ?? 0)]),
  ) as Counters;
}

export function createTableSql(d: SqlDialect, table: string): string {
  const columns = CASE_COLUMNS.map(
    (c) => `${c.name} ${d.types[c.kind]}${c.name === 'id' ? ' PRIMARY KEY' : ''}`,
  );
  return `CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')})`;
}

function groupExpression(d: SqlDialect, group: HistoryGroup, offsetMs: number): string {
  const local = `reported_at + ${offsetMs}`;
  switch (group) {
    case 'class':
      return 'class_id';
    case 'day':
      return d.intDiv(local, 86_400_000);
    case 'hour':
      return `(${d.intDiv(local, 3_600_000)}) % 24`;
    default:
      return group;
  }
}

/** One aggregate over the cases reported in [from, to), grouped, largest groups first. */
export function aggregateSql(
  d: SqlDialect,
  spec: AggregateSpec,
): { sql: string; params: number[] } {
  const offsetMs = Math.trunc(spec.utcOffsetMinutes) * 60_000;
  const running = [...CLOCK_RUNNING_STATES].map((s) => `'${s}'`).join(', ');
  const overdue = `due_at IS NOT NULL AND due_at <= ? AND state IN (${running})`;
  const one = (condition: string) => `sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const groups = spec.groupBy.map((g, i) => `${groupExpression(d, g, offsetMs)} AS g${i}`);
  const counters = [
    'count(*) AS reported',
    `${one("state = 'voided'")} AS voided`,
    'count(registered_at) AS registered',
    'count(dispatched_at) AS dispatched',
    'count(handled_at) AS handled',
    `${one('handled_on_time')} AS handled_on_time`,
    'count(closed_at) AS closed',
    `${one('closed_on_time')} AS closed_on_time`,
    `${one('reworks > 0')} AS reworked`,
    `${one('extensions > 0')} AS extended`,
    'coalesce(sum(intake_ms), 0) AS intake_ms',
    'coalesce(sum(handling_ms), 0) AS handling_ms',
    'count(handling_ms) AS handling_samples',
    `${one(overdue)} AS overdue`,
    `${one(`${overdue} AND handled_at IS NULL`)} AS overdue_never_handled`,
  ];
  const positions = spec.groupBy.map((_, i) => String(i + 1));
  const sql = [
    `SELECT ${[...groups, ...counters].join(', ')}`,
    'FROM cases WHERE reported_at >= ? AND reported_at < ?',
    positions.length > 0 ? `GROUP BY ${positions.join(', ')}` : '',
    positions.length > 0 ? `ORDER BY reported DESC, ${positions.join(', ')}` : '',
    positions.length > 0 ? `LIMIT ${Math.trunc(spec.limit) + 1}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { sql, params: [spec.asOf, spec.asOf, spec.from, spec.to] };
}
