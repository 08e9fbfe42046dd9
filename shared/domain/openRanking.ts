import type { CaseRecord } from './caseStore';
import { TERMINAL_STATES } from './lifecycle';

/** One line of a ranking: a key (category, street), its open cases, how many are overdue. */
export interface RankLine {
  readonly key: string;
  readonly open: number;
  readonly overdue: number;
}

/**
 * The open cases (not closed, not voided) counted by `keyOf`, most first, the first `limit`;
 * cases without a key are left out. The KPI page's "where are the cases now" lists.
 */
export function rankOpenCases(
  cases: Iterable<CaseRecord>,
  keyOf: (c: CaseRecord) => string | undefined,
  isOverdue: (id: string) => boolean,
  limit: number,
): RankLine[] {
  const lines = new Map<string, { open: number; overdue: number }>();
  for (const c of cases) {
    if (TERMINAL_STATES.has(c.state)) continue;
    const key = keyOf(c);
    if (!key) continue;
    const line = lines.get(key) ?? { open: 0, overdue: 0 };
    line.open += 1;
    if (isOverdue(c.id)) line.overdue += 1;
    lines.set(key, line);
  }
  return [...lines.entries()]
    .map(([key, l]) => ({ key, ...l }))
    .sort((a, b) => b.open - a.open || b.overdue - a.overdue || a.key.localeCompare(b.key))
    .slice(0, limit);
}
