import { useEffect, useState } from 'react';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../shared/domain/caseStore';
import type { WallStore } from '../../shared/gateway/wallStore';
import { hubHeaders } from '../app/hubAuth';
import {
  analysisQueries,
  cityToday,
  fetchAnalysis,
  type AnalysisData,
  type AnalysisPeriod,
} from './analysisData';

/** How often a live page asks again while cases arrive: "today" moves by the second. */
const REFRESH_MS: Readonly<Record<AnalysisPeriod, number>> = {
  day: 1_000,
  week: 10_000,
  month: 10_000,
};

/**
 * The page's history, asked again when the wall's store moves (a new event may change today's
 * figures), at most once a second for a day and every ten seconds for a week or a month; a
 * request still out is never doubled.
 */
export function useAnalysis(
  store: WallStore,
  base: string,
  period: AnalysisPeriod,
): { data?: AnalysisData; error?: string } {
  const [state, setState] = useState<{ data?: AnalysisData; error?: string }>({});
  useEffect(() => {
    let stopped = false;
    let inFlight = false;
    let askedAt = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending = false;
    const ask = () => {
      if (stopped) return;
      if (inFlight) {
        pending = true;
        return;
      }
      inFlight = true;
      askedAt = performance.now();
      const today = cityToday(
        Date.now(),
        store.city?.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES,
      );
      fetchAnalysis(base, analysisQueries(period, today), hubHeaders(`${base}/api/history`))
        .then(
          (data) => !stopped && setState({ data }),
          (error: Error) => !stopped && setState((s) => ({ ...s, error: error.message })),
        )
        .finally(() => {
          inFlight = false;
          if (pending) {
            pending = false;
            soon();
          }
        });
    };
    const soon = () => {
      if (timer !== undefined) return;
      const wait = Math.max(0, askedAt + REFRESH_MS[period] - performance.now());
      timer = setTimeout(() => {
        timer = undefined;
        ask();
      }, wait);
    };
    ask();
    const off = store.subscribe(soon);
    return () => {
      stopped = true;
      clearTimeout(timer);
      off();
    };
  }, [store, base, period]);
  return state;
}
