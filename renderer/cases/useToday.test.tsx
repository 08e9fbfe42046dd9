// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaseStore } from '../../shared/domain/caseStore';
import { useToday } from './useToday';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => vi.useRealTimers());

describe("the KPI cards' day", () => {
  it("turns over at the city's midnight with no event coming", () => {
    vi.useFakeTimers();
    // 23:59:50 on 2026-12-01 in Zhaoqing (UTC+8).
    vi.setSystemTime(Date.UTC(2026, 11, 1, 15, 59, 50));
    const cases = new CaseStore();
    const seen: number[] = [];
    function Day() {
      const day = useToday(cases);
      seen.push(day);
      return <span>{day}</span>;
    }
    const container = document.createElement('div');
    const root = createRoot(container);
    act(() => root.render(<Day />));
    const before = cases.dayOf(Date.now());
    expect(container.textContent).toBe(String(before));
    act(() => vi.advanceTimersByTime(5_000));
    expect(container.textContent).toBe(String(before));
    act(() => vi.advanceTimersByTime(6_000));
    expect(container.textContent).toBe(String(before + 1));
    expect(new Date(cases.dayStart(before + 1)).toISOString()).toBe('2026-12-01T16:00:00.000Z');
    act(() => root.unmount());
  });
});
