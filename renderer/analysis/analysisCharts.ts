import { findCategory } from '../../shared/domain/categories';
import type { Language } from '../../shared/ipc/contract';
import type { HistoryAnswer, HistoryRow } from '../../shared/protocol/history';
import type { ChartOption } from './chartController';

/** Categories shown by name; the rest are one bar, "other". */
const TOP_CATEGORIES = 10;
const TEXT = '#e8f1fb';
const MUTED = '#8fb0cf';
const LINE = '#25405e';
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';
const SERIES_COLOURS = [
  '#38bdf8',
  '#f59e0b',
  '#22c55e',
  '#f43f5e',
  '#a78bfa',
  '#14b8a6',
  '#eab308',
];

/** The wall's dark look, in type sized for the window (`font` px: read from 5 m). */
function base(font: number) {
  return {
    backgroundColor: 'transparent',
    color: SERIES_COLOURS,
    textStyle: { color: TEXT, fontFamily: FONT, fontSize: font },
    animationDuration: 300,
    tooltip: { trigger: 'axis', textStyle: { fontSize: font } },
    legend: { top: 0, right: 0, textStyle: { color: TEXT, fontSize: font } },
  };
}

function axis(font: number) {
  return {
    axisLine: { lineStyle: { color: LINE } },
    axisLabel: { color: MUTED, fontSize: font * 0.85 },
    splitLine: { lineStyle: { color: LINE } },
  };
}

const reportedOf = (row: HistoryRow) => row.figures.reported;
const keyOf = (row: HistoryRow, group: string) => row.key[group];

/**
 * The trend: a day by hour against the day before (two lines), or the last 30 days by day
 * (reported and closed). Names come in the wall's language.
 */
export function trendChart(
  trend: HistoryAnswer,
  words: { today: string; yesterday: string; reported: string; closed: string },
  font: number,
): { kind: string; option: ChartOption } {
  if (trend.groupBy[0] === 'hour') {
    const byHour = (rows: readonly HistoryRow[]) => {
      const out = new Array<number>(24).fill(0);
      for (const row of rows) {
        const hour = keyOf(row, 'hour');
        if (typeof hour === 'number' && hour >= 0 && hour < 24) out[hour] = reportedOf(row);
      }
      return out;
    };
    return {
      kind: 'trend-hour',
      option: {
        ...base(font),
        grid: { left: font * 3, right: font, top: font * 2.4, bottom: font * 2 },
        xAxis: { type: 'category', data: [...Array(24).keys()].map((h) => `${h}`), ...axis(font) },
        yAxis: { type: 'value', minInterval: 1, ...axis(font) },
        series: [
          {
            name: words.today,
            type: 'line',
            smooth: true,
            data: byHour(trend.rows),
            lineStyle: { width: 4 },
          },
          {
            name: words.yesterday,
            type: 'line',
            smooth: true,
            data: byHour(trend.previous?.rows ?? []),
            lineStyle: { width: 2, type: 'dashed' },
          },
        ],
      },
    };
  }
  const days = [...trend.rows]
    .filter((r) => typeof keyOf(r, 'day') === 'string')
    .sort((a, b) => String(keyOf(a, 'day')).localeCompare(String(keyOf(b, 'day'))));
  return {
    kind: 'trend-days',
    option: {
      ...base(font),
      grid: { left: font * 3, right: font, top: font * 2.4, bottom: font * 2 },
      xAxis: {
        type: 'category',
        data: days.map((r) => String(keyOf(r, 'day')).slice(5)),
        ...axis(font),
      },
      yAxis: { type: 'value', minInterval: 1, ...axis(font) },
      series: [
        {
          name: words.reported,
          type: 'line',
          smooth: true,
          data: days.map(reportedOf),
          lineStyle: { width: 4 },
        },
        {
          name: words.closed,
          type: 'line',
          smooth: true,
          data: days.map((r) => r.figures.closed),
          lineStyle: { width: 2 },
        },
      ],
    },
  };
}

/** The categories with most cases, largest on top, the rest as one bar. */
export function categoryChart(
  categories: HistoryAnswer,
  language: Language,
  other: string,
  font: number,
): { kind: string; option: ChartOption } {
  const sorted = [...categories.rows].sort((a, b) => reportedOf(b) - reportedOf(a));
  const top = sorted.slice(0, TOP_CATEGORIES);
  const rest = sorted.slice(TOP_CATEGORIES).reduce((n, r) => n + reportedOf(r), 0);
  const name = (row: HistoryRow) => {
    const c = findCategory(String(keyOf(row, 'category') ?? ''));
    return (language === 'zh-CN' ? c?.zh : c?.en) ?? other;
  };
  const bars = [
    ...top.map((r) => ({ name: name(r), value: reportedOf(r) })),
    ...(rest > 0 ? [{ name: other, value: rest }] : []),
  ].reverse();
  return {
    kind: 'categories',
    option: {
      ...base(font),
      tooltip: { trigger: 'item', textStyle: { fontSize: font } },
      grid: {
        left: font * 0.5,
        right: font * 3,
        top: font * 0.5,
        bottom: font * 0.5,
        containLabel: true,
      },
      // The bars carry their numbers: no value axis to crowd the foot of the chart.
      xAxis: { type: 'value', minInterval: 1, ...axis(font), axisLabel: { show: false } },
      yAxis: {
        type: 'category',
        data: bars.map((b) => b.name),
        ...axis(font),
        // Every category named: ECharts would skip every other one where they crowd.
        axisLabel: { color: TEXT, fontSize: font * 0.72, interval: 0 },
      },
      series: [
        {
          type: 'bar',
          data: bars.map((b) => b.value),
          barMaxWidth: font * 1.4,
          label: { show: true, position: 'right', color: TEXT, fontSize: font * 0.72 },
          itemStyle: { color: SERIES_COLOURS[0], borderRadius: [0, 4, 4, 0] },
        },
      ],
    },
  };
}

/** Where the cases came from: shares of the period's reports. */
export function sourceChart(
  sources: HistoryAnswer,
  nameOf: (source: string) => string,
  font: number,
): { kind: string; option: ChartOption } {
  const slices = [...sources.rows]
    .sort((a, b) => reportedOf(b) - reportedOf(a))
    .map((r) => ({ name: nameOf(String(keyOf(r, 'source') ?? '')), value: reportedOf(r) }));
  const total = slices.reduce((n, s) => n + s.value, 0);
  const shareOf = new Map(
    slices.map((s) => [s.name, total > 0 ? `${((s.value / total) * 100).toFixed(1)}%` : '—']),
  );
  return {
    kind: 'sources',
    option: {
      ...base(font),
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)', textStyle: { fontSize: font } },
      // Names and shares in a legend beside the ring: labels round a ring get cut where crowded.
      legend: {
        orient: 'vertical',
        right: 0,
        top: 'middle',
        itemGap: font * 0.5,
        textStyle: { color: TEXT, fontSize: font * 0.8 },
        formatter: (name: string) => `${name}  ${shareOf.get(name) ?? ''}`,
      },
      series: [
        {
          type: 'pie',
          radius: ['42%', '72%'],
          center: ['28%', '52%'],
          data: slices,
          label: { show: false },
        },
      ],
    },
  };
}
