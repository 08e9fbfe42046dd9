import type { CaseRecord } from '../../../shared/domain/caseStore';

/**
 * One case as the history database keeps it: a row that follows the case through its lifecycle
 * (written again at each step, keyed by id). Durations are kept as the row's own columns so
 * that every engine sums the same numbers the live KPIs use (never negative).
 */
export interface CaseRow {
  readonly id: string;
  readonly category: string;
  readonly classId: string;
  readonly urgent: boolean;
  readonly source: string;
  readonly district: string | null;
  readonly street: string | null;
  readonly grid: string | null;
  readonly department: string | null;
  readonly state: string;
  readonly reportedAt: number;
  readonly registeredAt: number | null;
  readonly dispatchedAt: number | null;
  readonly dueAt: number | null;
  readonly handledAt: number | null;
  readonly closedAt: number | null;
  readonly handledOnTime: boolean | null;
  readonly closedOnTime: boolean | null;
  readonly extensions: number;
  readonly reworks: number;
  /** 上报 → 立案, ms; null until registered. */
  readonly intakeMs: number | null;
  /** 派遣 → 处置完成 (the latest handling), ms; null until handled after a dispatch. */
  readonly handlingMs: number | null;
  readonly lon: number;
  readonly lat: number;
  readonly updatedAt: number;
}

export type ColumnKind = 'text' | 'int' | 'bool' | 'real';

/** The table's columns in order: the DDL, the writers and the tests all read this one list. */
export const CASE_COLUMNS: readonly {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly key: keyof CaseRow;
}[] = [
  { name: 'id', kind: 'text', key: 'id' },
  { name: 'category', kind: 'text', key: 'category' },
  { name: 'class_id', kind: 'text', key: 'classId' },
  { name: 'urgent', kind: 'bool', key: 'urgent' },
  { name: 'source', kind: 'text', key: 'source' },
  { name: 'district', kind: 'text', key: 'district' },
  { name: 'street', kind: 'text', key: 'street' },
  { name: 'grid', kind: 'text', key: 'grid' },
  { name: 'department', kind: 'text', key: 'department' },
  { name: 'state', kind: 'text', key: 'state' },
  { name: 'reported_at', kind: 'int', key: 'reportedAt' },
  { name: 'registered_at', kind: 'int', key: 'registeredAt' },
  { name: 'dispatched_at', kind: 'int', key: 'dispatchedAt' },
  { name: 'due_at', kind: 'int', key: 'dueAt' },
  { name: 'handled_at', kind: 'int', key: 'handledAt' },
  { name: 'closed_at', kind: 'int', key: 'closedAt' },
  { name: 'handled_on_time', kind: 'bool', key: 'handledOnTime' },
  { name: 'closed_on_time', kind: 'bool', key: 'closedOnTime' },
  { name: 'extensions', kind: 'int', key: 'extensions' },
  { name: 'reworks', kind: 'int', key: 'reworks' },
  { name: 'intake_ms', kind: 'int', key: 'intakeMs' },
  { name: 'handling_ms', kind: 'int', key: 'handlingMs' },
  { name: 'lon', kind: 'real', key: 'lon' },
  { name: 'lat', kind: 'real', key: 'lat' },
  { name: 'updated_at', kind: 'int', key: 'updatedAt' },
];

export function caseRow(record: Readonly<CaseRecord>): CaseRow {
  const closedOnTime =
    record.closedAt === undefined
      ? null
      : record.dueAt === undefined || record.closedAt <= record.dueAt;
  return {
    id: record.id,
    category: record.category,
    classId: record.classId,
    urgent: record.urgent,
    source: record.source,
    district: record.district ?? null,
    street: record.street ?? null,
    grid: record.grid ?? null,
    department: record.department ?? null,
    state: record.state,
    reportedAt: record.reportedAt,
    registeredAt: record.registeredAt ?? null,
    dispatchedAt: record.dispatchedAt ?? null,
    dueAt: record.dueAt ?? null,
    handledAt: record.handledAt ?? null,
    closedAt: record.closedAt ?? null,
    handledOnTime: record.handledOnTime ?? null,
    closedOnTime,
    extensions: record.extensions,
    reworks: record.reworks,
    intakeMs:
      record.registeredAt === undefined
        ? null
        : Math.max(0, record.registeredAt - record.reportedAt),
    handlingMs:
      record.handledAt === undefined || record.dispatchedAt === undefined
        ? null
        : Math.max(0, record.handledAt - record.dispatchedAt),
    lon: record.position.lon,
    lat: record.position.lat,
    updatedAt: record.updatedAt,
  };
}
