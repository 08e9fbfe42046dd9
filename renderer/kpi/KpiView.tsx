import type { WallStore } from '../../shared/gateway/wallStore';
import { useStoreVersion } from '../app/useStore';
import { KpiStrip } from '../cases/KpiStrip';
import { StateFlow } from '../cases/StateFlow';

/** The indicators alone, for a KPI region of the wall; `large` for a briefing read from the back. */
export function KpiView({ store, large }: Readonly<{ store: WallStore; large: boolean }>) {
  const version = useStoreVersion(store);
  return (
    <div className={large ? 'kpi-view kpi-view-large' : 'kpi-view'} data-version={version}>
      <KpiStrip kpis={store.cases.kpis()} />
      <StateFlow counts={store.cases.countByState()} />
    </div>
  );
}
