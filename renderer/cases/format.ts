import type { Language } from '../../shared/ipc/contract';

/** A rate as a percentage with one decimal, or "—" when there is nothing to divide by yet. */
export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** A duration for people: "2时05分" / "2h 05m"; under an hour in minutes. */
export function formatDuration(ms: number | null, language: Language): string {
  if (ms === null) return '—';
  const totalMinutes = Math.round(ms / 60_000);
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  if (language === 'zh-CN') return h > 0 ? `${h}时${String(m).padStart(2, '0')}分` : `${m}分`;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
}

/** A live countdown: H:MM:SS, hours unbounded. */
export function formatCountdown(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Wall-clock time of day, local. */
export function formatClock(ts: number): string {
  const d = new Date(ts);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map(pad2).join(':');
}

/**
 * A moment in a case's life, short enough for a wall: "10:05" today, "12-01 10:05" on another
 * day (the board's date is the wall's today; a full date and seconds would not fit beside it).
 */
export function formatMoment(ts: number, now: number): string {
  const d = new Date(ts);
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  return d.toDateString() === new Date(now).toDateString()
    ? time
    : `${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${time}`;
}

const WEEKDAYS_ZH = '日一二三四五六';
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_EN = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/**
 * What period the board's figures are: the city's day (`day`, local days since 1970, as the
 * store counts them), and that the overdue count is every open case, not today's alone.
 */
export function boardPeriod(day: number, language: Language): string {
  const d = new Date(day * 86_400_000);
  const weekday = d.getUTCDay();
  if (language === 'zh-CN')
    return `今日 ${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS_ZH[weekday]} · 超期为全部在办案件`;
  return `Today, ${WEEKDAYS_EN[weekday]} ${d.getUTCDate()} ${MONTHS_EN[d.getUTCMonth()]} · overdue: all open cases`;
}
