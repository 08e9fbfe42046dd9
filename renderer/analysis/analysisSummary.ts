import { periodChange, rankBy } from '../../shared/domain/periodChange';
import type { Language } from '../../shared/ipc/contract';
import type { HistoryAnswer } from '../../shared/protocol/history';
import { formatPercent } from '../cases/format';
import type { AnalysisPeriod } from './analysisData';

const PERIOD_WORDS = {
  'zh-CN': {
    day: ['今日', '前日'],
    week: ['本周', '上周'],
    month: ['本月', '上月'],
  },
  en: {
    day: ['Today', 'the day before'],
    week: ['This week', 'last week'],
    month: ['This month', 'last month'],
  },
} as const;

/**
 * The line a briefing opens with, in the wall's language: how many cases the period received and
 * how that compares with the period before, the on-time handling rate, and the street that
 * handled the fewest on time ("本周受理 1,234 件，较上周增加 12.5%；按期处置率 91.2%；按期处置率最低的
 * 街道是城东街道（85.0%）。"). Only what the answers hold: a part with nothing to say is left out.
 */
export function summaryLine(
  totals: HistoryAnswer,
  streets: HistoryAnswer,
  period: AnalysisPeriod,
  language: Language,
): string {
  const zh = language === 'zh-CN';
  const [thisPeriod, lastPeriod] = PERIOD_WORDS[language][period];
  const now = totals.total;
  const received = now.reported.toLocaleString(zh ? 'zh-CN' : 'en-US');
  const change = periodChange(now.reported, totals.previous?.total.reported ?? null, 'count');
  const share = change.share === null ? null : `${Math.abs(change.share * 100).toFixed(1)}%`;
  const versus =
    change.direction === 'unknown'
      ? ''
      : change.direction === 'same'
        ? zh
          ? `，与${lastPeriod}持平`
          : `, level with ${lastPeriod}`
        : zh
          ? `，较${lastPeriod}${change.direction === 'up' ? '增加' : '减少'} ${share ?? `${Math.abs(change.delta ?? 0)} 件`}`
          : `, ${change.direction === 'up' ? 'up' : 'down'} ${share ?? Math.abs(change.delta ?? 0)} on ${lastPeriod}`;
  const parts = [
    zh
      ? `${thisPeriod}受理 ${received} 件${versus}`
      : `${thisPeriod} ${received} cases were received${versus}`,
  ];
  if (now.onTimeHandlingRate !== null)
    parts.push(
      zh
        ? `按期处置率 ${formatPercent(now.onTimeHandlingRate)}`
        : `on-time handling ${formatPercent(now.onTimeHandlingRate)}`,
    );
  const { ranked } = rankBy(streets.rows, (r) => r.figures.onTimeHandlingRate, 'lower');
  const worst = ranked[0];
  if (worst && ranked.length > 1) {
    const name = String(worst.row.key.street ?? '');
    const rate = formatPercent(worst.row.figures.onTimeHandlingRate);
    parts.push(
      zh ? `按期处置率最低的街道是${name}（${rate}）` : `the lowest street is ${name} (${rate})`,
    );
  }
  return zh ? `${parts.join('；')}。` : `${parts.join('; ')}.`;
}
