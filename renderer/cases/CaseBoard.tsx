import { boardPeriod } from './format';
import type { WallBus } from '../../shared/bus/messages';
import { TERMINAL_STATES } from '../../shared/domain/lifecycle';
import type { WallStore } from '../../shared/gateway/wallStore';
import { useStoreVersion } from '../app/useStore';
import { raiseCase } from '../incident/raiseCase';
import { useI18n } from '../i18n/I18nContext';
import { hubFaultText, mirrorText, noticeText } from '../i18n/notices';
import { CaseDetail } from './CaseDetail';
import { CasePhotos } from './CasePhotos';
import { ConnectionBanner } from './ConnectionBanner';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { DueList } from './DueList';
import { KpiStrip } from './KpiStrip';
import { StateFlow } from './StateFlow';
import { Ticker } from './Ticker';
import { useSelectedCase } from './useSelectedCase';
import { useToday } from './useToday';

/**
 * The duty officer's case board: KPIs, the lifecycle counts, deadlines, and the live ticker.
 * A row picked here is the wall's selection (the map flies to it, the video wall pins its
 * cameras), and its details open here in place of the lifecycle counts.
 */
export function CaseBoard({
  store,
  bus,
  origin,
  showDiagnostics,
  warnings,
  activeProfile,
}: Readonly<{
  store: WallStore;
  bus: WallBus;
  origin: string;
  showDiagnostics: boolean;
  warnings: readonly string[];
  /** The profile the wall shows: where it goes back to after a raised case. */
  activeProfile: string;
}>) {
  const version = useStoreVersion(store);
  const today = useToday(store.cases);
  const { language, t } = useI18n();
  const selected = useSelectedCase(bus);
  const select = (id: string | undefined) =>
    bus.publish({ kind: 'selection', origin, selection: id ? { type: 'case', id } : null });
  const record = selected ? store.cases.get(selected) : undefined;
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
      <div className="board-period" data-testid="board-period">
        {boardPeriod(today, language)}
      </div>
      <KpiStrip kpis={store.cases.kpisOfDay(today)} />
      <div className="board-middle">
        {record ? (
          <CaseDetail
            record={record}
            overdue={store.cases.isOverdue(record.id)}
            onClose={() => select(undefined)}
            onRaise={
              TERMINAL_STATES.has(record.state)
                ? undefined
                : () => raiseCase(bus, origin, record.id, activeProfile)
            }
          />
        ) : (
          <StateFlow counts={store.cases.countByState()} />
        )}
        <DueList store={store} version={version} selected={selected} onSelect={select} />
      </div>
      <div className="board-bottom">
        <Ticker entries={store.recentEvents(8)} selected={selected} onSelect={select} />
        {record && (record.photos?.length || record.handledPhotos?.length) ? (
          // Beside the live feed, where they can be large: the detail above has no room left.
          <section
            className="panel board-photos"
            data-testid="board-photos"
            data-case-id={record.id}
          >
            <CasePhotos label={t('photosReported')} urls={record.photos} />
            <CasePhotos label={t('photosHandled')} urls={record.handledPhotos} />
          </section>
        ) : null}
        {showDiagnostics ? (
          <DiagnosticsPanel diagnostics={store.diagnostics} lastSeq={store.lastSeq} />
        ) : null}
      </div>
    </div>
  );
}
