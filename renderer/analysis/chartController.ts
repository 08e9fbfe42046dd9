import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  BarChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** Charts made and options applied so far on this page (tests and the benchmark). */
export const chartCounts = {
  created: 0,
  disposed: 0,
  updates: 0,
  replaced: 0,
  /** Main-thread time spent in `setOption`, ms, and the longest one (the benchmark). */
  updateMs: 0,
  longestUpdateMs: 0,
};

/**
 * One ECharts instance outside React: made once for its box, given new data with `update`
 * (merged into the chart, so a live update animates instead of redrawing from nothing; replaced
 * whole only when the chart's kind changes), resized with its box, disposed with its view.
 */
export class ChartController {
  private readonly chart: echarts.ECharts;
  private readonly resize: ResizeObserver;
  private kind: string | undefined;

  constructor(host: HTMLElement) {
    this.chart = echarts.init(host, undefined, { renderer: 'canvas' });
    chartCounts.created += 1;
    this.resize = new ResizeObserver(() => this.chart.resize());
    this.resize.observe(host);
  }

  /** `kind` names the chart's shape (line by hour, bar by category…): another one replaces it. */
  update(kind: string, option: ChartOption): void {
    const replace = kind !== this.kind;
    const started = performance.now();
    this.chart.setOption(option, { notMerge: replace, lazyUpdate: false });
    const spent = performance.now() - started;
    chartCounts.updateMs += spent;
    chartCounts.longestUpdateMs = Math.max(chartCounts.longestUpdateMs, spent);
    this.kind = kind;
    chartCounts.updates += 1;
    if (replace) chartCounts.replaced += 1;
  }

  dispose(): void {
    this.resize.disconnect();
    this.chart.dispose();
    chartCounts.disposed += 1;
  }
}
