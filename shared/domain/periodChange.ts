/**
 * A figure against the period before it, as a briefing says it: counts by how much and by what
 * share (环比 +12.5%), rates by percentage points (a rate of rates misleads). Unknown where either
 * side is unknown, and no share of a zero.
 */
export interface PeriodChange {
  readonly direction: 'up' | 'down' | 'same' | 'unknown';
  /** now − before, in the figure's own unit (a rate's in fractions 0..1). */
  readonly delta: number | null;
  /** (now − before) / before for counts; null for rates, a zero before, or an unknown. */
  readonly share: number | null;
}

export function periodChange(
  now: number | null,
  before: number | null,
  kind: 'count' | 'rate',
): PeriodChange {
  if (now === null || before === null) return { direction: 'unknown', delta: null, share: null };
  const delta = now - before;
  // Rates compare to the nearest 0.01 percentage point, counts exactly.
  const same = kind === 'rate' ? Math.abs(delta) < 1e-4 : delta === 0;
  return {
    direction: same ? 'same' : delta > 0 ? 'up' : 'down',
    delta,
    share: kind === 'count' && before > 0 ? delta / before : null,
  };
}

export interface Ranked<T> {
  readonly row: T;
  /** 1 for the best; equal values share a rank and the next rank skips (1, 2, 2, 4). */
  readonly rank: number;
}

/**
 * Rows ranked by a figure, best first (`higher` or `lower` is better); rows whose figure is
 * unknown (no cases to judge) come last, unranked, and ties keep the rows' given order.
 */
export function rankBy<T>(
  rows: readonly T[],
  value: (row: T) => number | null,
  better: 'higher' | 'lower',
): { ranked: Ranked<T>[]; unranked: T[] } {
  const known = rows.filter((r) => value(r) !== null);
  const sign = better === 'higher' ? -1 : 1;
  const sorted = known
    .map((row, i) => ({ row, i, v: value(row) as number }))
    .sort((a, b) => sign * (a.v - b.v) || a.i - b.i);
  const ranked: Ranked<T>[] = [];
  sorted.forEach((entry, k) => {
    const previous = sorted[k - 1];
    const rank = previous && previous.v === entry.v ? (ranked[k - 1] as Ranked<T>).rank : k + 1;
    ranked.push({ row: entry.row, rank });
  });
  return { ranked, unranked: rows.filter((r) => value(r) === null) };
}
