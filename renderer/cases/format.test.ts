import { describe, expect, it } from 'vitest';
import {
  boardPeriod,
  formatCountdown,
  formatDuration,
  formatMoment,
  formatPercent,
} from './format';

describe('wall formats', () => {
  it('shows rates with one decimal and a dash when undefined', () => {
    expect(formatPercent(0.9234)).toBe('92.3%');
    expect(formatPercent(null)).toBe('—');
  });
  it('shows durations in the wall language', () => {
    expect(formatDuration(125 * 60_000, 'zh-CN')).toBe('2时05分');
    expect(formatDuration(125 * 60_000, 'en')).toBe('2h 05m');
    expect(formatDuration(40 * 60_000, 'zh-CN')).toBe('40分');
  });
  it('counts down and up past zero', () => {
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-61_000)).toBe('0:01:01');
  });
  it('gives a step its time of day, and its date only when it is not today', () => {
    const now = new Date(2026, 11, 2, 11, 30).getTime();
    expect(formatMoment(new Date(2026, 11, 2, 9, 5, 41).getTime(), now)).toBe('09:05');
    expect(formatMoment(new Date(2026, 11, 1, 23, 59).getTime(), now)).toBe('12-01 23:59');
  });
});

describe('the board’s period', () => {
  it('names the city’s day in both languages, and says overdue is every open case', () => {
    // 2026-12-04 is local day 20,791 (a Friday).
    const day = Date.UTC(2026, 11, 4) / 86_400_000;
    expect(boardPeriod(day, 'zh-CN')).toBe('今日 12月4日 周五 · 超期为全部在办案件');
    expect(boardPeriod(day, 'en')).toBe('Today, Fri 4 Dec · overdue: all open cases');
  });
});
