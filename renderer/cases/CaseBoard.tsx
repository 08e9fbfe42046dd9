import type { WallStore } from '../../shared/gateway/wallStore';
import { useStoreVersion } from '../app/useStore';
import { useI18n } from '../i18n/I18nContext';
import { hubFaultText, mirrorText, noticeText } from '../i18n/notices';
import { ConnectionBanner } from './ConnectionBanner';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { DueList } from './DueList';
import { KpiStrip } from './KpiStrip';
import { StateFlow } from './StateFlow';
import { Ticker } from './Ticker';

/** The duty officer's case board: KPIs, the lifecycle counts, deadlines, and the live ticker. */
export function CaseBoard({
  store,
  showDiagnostics,
  warnings,
}: Readonly<{ store: WallStore; showDiagnostics: boolean; warnings: readonly string[] }>) {
  const version = useStoreVersion(store);
  const { language } = useI18n();
  const { hubNotices, lastHubFault, hubFaults } = store.diagnostics;
  const notices = [
    ...warnings,
    ...hubNotices.map((n) => noticeText(n, language)),
    ...(lastHubFault ? [hubFaultText(lastHubFault.kind, hubFaults, language)] : []),
    ...(store.mirror.ready ? [] : [mirrorText(store.mirror.failures, language)]),
  ];
  return (
    <div className="case-board" data-version={version}>
      <ConnectionBanner state={store.connection} />
      {notices.length > 0 ? (
        <ul className="notices" data-testid="notices">
          {notices.map((n) => (
            <li key={n}>⚠ {n}</li>
          ))}
        </ul>
      ) : null}
      <KpiStrip kpis={store.cases.kpis()} />
      <div className="board-middle">
        <StateFlow counts={store.cases.countByState()} />
        <DueList store={store} version={version} />
      </div>
      <div className="board-bottom">
        <Ticker entries={store.recentEvents(8)} />
        {showDiagnostics ? (
          <DiagnosticsPanel diagnostics={store.diagnostics} lastSeq={store.lastSeq} />
        ) : null}
      </div>
    </div>
  );
}
