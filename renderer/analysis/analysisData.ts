import type { HistoryAnswer } from '../../shared/protocol/history';
import { checkHistoryAnswer } from '../../shared/protocol/historyAnswerSchema';

export const ANALYSIS_PERIODS = ['day', 'week', 'month'] as const;
export type AnalysisPeriod = (typeof ANALYSIS_PERIODS)[number];

/** Everything one analysis page draws, each part one `/api/history` answer. */
export interface AnalysisData {
  /** The period's figures and the period before's (日环比, 周环比, 月环比). */
  readonly totals: HistoryAnswer;
  readonly streets: HistoryAnswer;
  readonly departments: HistoryAnswer;
  readonly categories: HistoryAnswer;
  readonly sources: HistoryAnswer;
  /** The grid cells with most cases (hotspots), largest first. */
  readonly grids: HistoryAnswer;
  /** The day by hour against the day before; a week or month: the last 30 days by day. */
  readonly trend: HistoryAnswer;
}

const DAY_MS = 86_400_000;
/** Hotspots listed. */
const GRIDS = 10;

/** The queries of one page: a period's groups, and the trend that suits it. */
export function analysisQueries(
  period: AnalysisPeriod,
  today: string,
): Record<keyof AnalysisData, string> {
  const of = (extra: string) => `period=${period}&date=${today}&${extra}`;
  const thirtyDaysBack = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return {
    totals: of('compare=previous'),
    streets: of('groupBy=street&compare=none'),
    departments: of('groupBy=department&compare=none'),
    categories: of('groupBy=category&compare=none'),
    sources: of('groupBy=source&compare=none'),
    grids: of(`groupBy=street,grid&compare=none&limit=${GRIDS}`),
    trend:
      period === 'day'
        ? of('groupBy=hour&compare=previous')
        : `period=range&from=${thirtyDaysBack}&to=${today}&groupBy=day&compare=none`,
  };
}

/** The city's date now, `YYYY-MM-DD`, at its UTC offset. */
export function cityToday(now: number, utcOffsetMinutes: number): string {
  return new Date(now + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * Asks the hub for every part of the page at once; each answer is checked before it is used. A
 * refusal or a broken answer rejects with what went wrong, said on the page.
 */
export async function fetchAnalysis(
  base: string,
  queries: Record<keyof AnalysisData, string>,
  headers: Record<string, string>,
): Promise<AnalysisData> {
  const entries = await Promise.all(
    Object.entries(queries).map(async ([name, query]) => {
      const response = await fetch(`${base}/api/history?${query}`, { headers });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const error = (body as { error?: unknown } | undefined)?.error;
        throw new Error(`${response.status} ${typeof error === 'string' ? error : ''}`.trim());
      }
      const checked = checkHistoryAnswer(body);
      if (!checked.ok) throw new Error(`${name}: ${checked.error}`);
      return [name, checked.answer] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as AnalysisData;
}
