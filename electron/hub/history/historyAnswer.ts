import { kpiView, type KpiCounters } from '../../../shared/domain/kpi';
import {
  dayName,
  type HistoryAnswer,
  type HistoryFigures,
  type HistoryPeriod,
  type HistoryQuery,
  type HistorySection,
} from '../../../shared/protocol/history';
import { countersAt, type Counters } from './historySql';
import type { HistoryStore } from './historyStore';

/**
 * Answers a checked history query from the store: the period, its groups and, when asked, the
 * period before, with the rates computed by the live KPIs' own `kpiView` (one definition).
 */
export async function answerHistory(
  store: HistoryStore,
  query: HistoryQuery,
  context: { readonly asOf: number; readonly seq: number },
): Promise<HistoryAnswer> {
  const section = async (period: HistoryPeriod): Promise<HistorySection> => {
    const base = {
      from: period.from,
      to: period.to,
      asOf: context.asOf,
      utcOffsetMinutes: query.utcOffsetMinutes,
      limit: query.limit,
    };
    const [totals, grouped] = await Promise.all([
      store.aggregate({ ...base, groupBy: [] }),
      query.groupBy.length > 0 ? store.aggregate({ ...base, groupBy: query.groupBy }) : [],
    ]);
    const rows = grouped.slice(0, query.limit).map((row) => ({
      key: Object.fromEntries(
        query.groupBy.map((g, i) => {
          const v = row.groups[i] ?? null;
          return [g, g === 'day' && typeof v === 'number' ? dayName(v) : v];
        }),
      ),
      figures: figures(row.counters),
    }));
    const total = totals[0]?.counters;
    return {
      period,
      total: figures(total ?? countersAt([], 0)),
      rows,
      truncated: grouped.length > query.limit,
    };
  };
  const [current, previous] = await Promise.all([
    section(query.period),
    query.previous ? section(query.previous) : undefined,
  ]);
  return {
    ...current,
    groupBy: query.groupBy,
    utcOffsetMinutes: query.utcOffsetMinutes,
    asOf: context.asOf,
    seq: context.seq,
    ...(previous ? { previous } : {}),
  };
}

/** The database's raw parts as the live store's counters, then the same rates. */
function figures(c: Counters): HistoryFigures {
  const counters: KpiCounters = {
    reported: c.reported,
    registered: c.registered,
    voided: c.voided,
    dispatched: c.dispatched,
    handled: c.handled,
    handledOnTime: c.handled_on_time,
    closed: c.closed,
    closedOnTime: c.closed_on_time,
    reworked: c.reworked,
    extended: c.extended,
    intakeMsTotal: c.intake_ms,
    handlingMsTotal: c.handling_ms,
    handlingSamples: c.handling_samples,
  };
  return kpiView(counters, c.overdue, c.overdue_never_handled);
}
