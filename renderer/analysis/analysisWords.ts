import type { I18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';
import type { AnalysisPeriod } from './analysisData';

/** 日盘点 / 周分析 / 月通报: the analysis page's and the report's title by period. */
export const PERIOD_TITLES: Readonly<Record<AnalysisPeriod, StringKey>> = {
  day: 'analysisDay',
  week: 'analysisWeek',
  month: 'analysisMonth',
};

const SOURCES: Readonly<Record<string, StringKey>> = {
  inspector: 'sourceInspector',
  'grid-worker': 'sourceGridWorker',
  camera: 'sourceCamera',
  hotline: 'sourceHotline',
  iot: 'sourceIot',
  drone: 'sourceDrone',
  media: 'sourceMedia',
};

/** A case source as the hall says it (监督员, 12345热线 …); an unknown one as it came. */
export function sourceName(t: I18n['t'], source: string): string {
  const key = SOURCES[source];
  return key ? t(key) : source;
}
