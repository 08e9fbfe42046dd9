/**
 * KPI counters kept up to date event by event (never by rescanning all cases). Counts are of
 * cases, not of events: a case dispatched twice after rework counts once as dispatched.
 */
export interface KpiCounters {
  reported: number;
  registered: number;
  voided: number;
  dispatched: number;
  /** Cases handled (处置完成) at least once: the cases due for closure (应结案数). */
  handled: number;
  /** Handled cases whose latest handling met its deadline. */
  handledOnTime: number;
  closed: number;
  closedOnTime: number;
  reworked: number;
  extended: number;
  intakeMsTotal: number;
  handlingMsTotal: number;
  handlingSamples: number;
}

export function emptyCounters(): KpiCounters {
  return {
    reported: 0,
    registered: 0,
    voided: 0,
    dispatched: 0,
    handled: 0,
    handledOnTime: 0,
    closed: 0,
    closedOnTime: 0,
    reworked: 0,
    extended: 0,
    intakeMsTotal: 0,
    handlingMsTotal: 0,
    handlingSamples: 0,
  };
}

/** Rates as fractions 0..1, or null while their denominator is zero (shown as "—", not 0 %). */
export interface KpiRates {
  /** 立案率 = registered / valid reported (reported − voided). */
  registrationRate: number | null;
  /** 派遣率 = dispatched / registered. */
  dispatchRate: number | null;
  /** 按期处置率 = handled on time / due (handled + overdue never handled). */
  onTimeHandlingRate: number | null;
  /** 结案率 = closed / due for closure (handled). */
  closureRate: number | null;
  /** 按期结案率 = closed by the deadline / due for closure. */
  onTimeClosureRate: number | null;
  /** 返工率 = reworked / due for closure. */
  reworkRate: number | null;
  /** 延期率 = extended at least once / dispatched. */
  extensionRate: number | null;
  /** Average 派遣 → 处置完成, ms. */
  avgHandlingMs: number | null;
  /** Average 上报 → 立案, ms. */
  avgIntakeMs: number | null;
}

export interface KpiView extends KpiCounters, KpiRates {
  /** Cases whose deadline has passed while the clock runs (超期), now. */
  overdue: number;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Derives the rates from the counters and the live overdue figures; O(1). */
export function kpiView(
  c: Readonly<KpiCounters>,
  overdue: number,
  overdueNeverHandled: number,
): KpiView {
  return {
    ...c,
    overdue,
    registrationRate: ratio(c.registered, c.reported - c.voided),
    dispatchRate: ratio(c.dispatched, c.registered),
    onTimeHandlingRate: ratio(c.handledOnTime, c.handled + overdueNeverHandled),
    closureRate: ratio(c.closed, c.handled),
    onTimeClosureRate: ratio(c.closedOnTime, c.handled),
    reworkRate: ratio(c.reworked, c.handled),
    extensionRate: ratio(c.extended, c.dispatched),
    avgHandlingMs: ratio(c.handlingMsTotal, c.handlingSamples),
    avgIntakeMs: ratio(c.intakeMsTotal, c.registered),
  };
}
