import { useEffect, useRef, useState } from 'react';
import { exposeTestHook } from '../app/testHooks';
import { ChartController, chartCounts, type ChartOption } from './chartController';

// The browser tests read how many charts were made and updated (none is made again on new data).
exposeTestHook('citywallCharts', { counts: () => ({ ...chartCounts }) });

/**
 * A box for one chart: the controller is made once per mount and given each new option; React
 * never re-creates the chart on a data update.
 */
export function EChart({
  kind,
  option,
  testId,
}: Readonly<{ kind: string; option: ChartOption; testId: string }>) {
  const host = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<ChartController>();
  useEffect(() => {
    const made = new ChartController(host.current as HTMLDivElement);
    setChart(made);
    return () => made.dispose();
  }, []);
  useEffect(() => chart?.update(kind, option), [chart, kind, option]);
  return <div className="echart" ref={host} data-testid={testId} />;
}
