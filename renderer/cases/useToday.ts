import { useEffect, useState } from 'react';
import type { CaseStore } from '../../shared/domain/caseStore';

/**
 * The moment of the last midnight turn, kept in state and moved on by a timer at the city's next
 * midnight (the store's `dayOf`/`dayStart`, in the city's own time): the KPI strip counts
 * today's cases and must turn over at 00:00 with no event coming. Returns the day.
 */
export function useToday(cases: CaseStore): number {
  const [now, setNow] = useState(() => Date.now());
  const day = cases.dayOf(now);
  useEffect(() => {
    const timer = setTimeout(
      () => setNow(Date.now()),
      Math.max(1_000, cases.dayStart(day + 1) - now + 50),
    );
    return () => clearTimeout(timer);
  }, [cases, day, now]);
  return day;
}
