import type { KpiView } from '../../shared/domain/kpi';
import { useI18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';
import { formatDuration, formatPercent } from './format';

interface Tile {
  readonly key: StringKey;
  readonly value: string;
  readonly alert?: boolean;
}

/** The indicators the hall watches all day, large enough to read from the back of the room. */
export function KpiStrip({ kpis }: Readonly<{ kpis: KpiView }>) {
  const { t, language } = useI18n();
  const tiles: Tile[] = [
    { key: 'reported', value: String(kpis.reported) },
    { key: 'registrationRate', value: formatPercent(kpis.registrationRate) },
    { key: 'onTimeHandlingRate', value: formatPercent(kpis.onTimeHandlingRate) },
    { key: 'closureRate', value: formatPercent(kpis.closureRate) },
    { key: 'reworkRate', value: formatPercent(kpis.reworkRate) },
    { key: 'overdue', value: String(kpis.overdue), alert: kpis.overdue > 0 },
    { key: 'avgHandling', value: formatDuration(kpis.avgHandlingMs, language) },
  ];
  return (
    <section className="kpi-strip" aria-label="KPI">
      {tiles.map((tile) => (
        <div
          key={tile.key}
          className={tile.alert ? 'kpi kpi-alert' : 'kpi'}
          data-testid={`kpi-${tile.key}`}
        >
          <div className="kpi-value">{tile.value}</div>
          <div className="kpi-label">{t(tile.key)}</div>
        </div>
      ))}
    </section>
  );
}
