import type { Diagnostics } from '../../shared/gateway/diagnostics';
import { useI18n } from '../i18n/I18nContext';

/** What came in, what was refused and why: the first place to look when the wall disagrees. */
export function DiagnosticsPanel({
  diagnostics,
  lastSeq,
}: Readonly<{ diagnostics: Diagnostics; lastSeq: number }>) {
  const { t } = useI18n();
  const reasons = Object.entries(diagnostics.rejectedByReason);
  return (
    <section className="panel diagnostics" data-testid="diagnostics">
      <h2>{t('diagnostics')}</h2>
      <dl>
        <dt>{t('lastSeq')}</dt>
        <dd data-testid="diag-last-seq">{lastSeq}</dd>
        <dt>{t('applied')}</dt>
        <dd data-testid="diag-applied">{diagnostics.applied}</dd>
        <dt>{t('rejected')}</dt>
        <dd data-testid="diag-rejected">{diagnostics.rejected}</dd>
        <dt>{t('duplicates')}</dt>
        <dd>{diagnostics.duplicates}</dd>
        <dt>{t('gaps')}</dt>
        <dd data-testid="diag-gaps">
          {diagnostics.gapsFilled}/{diagnostics.gapsDetected}
        </dd>
        <dt>{t('reconnects')}</dt>
        <dd>{diagnostics.reconnects}</dd>
        <dt>{t('lost')}</dt>
        <dd>{diagnostics.lost}</dd>
      </dl>
      <ul className="reasons">
        {reasons.length === 0 ? <li>{t('none')}</li> : null}
        {reasons.map(([reason, n]) => (
          <li key={reason} data-testid={`diag-reason-${reason}`}>
            {reason}: {n}
          </li>
        ))}
      </ul>
      <h3>{t('lastRejections')}</h3>
      <ul className="rejections">
        {diagnostics.lastRejections.slice(0, 5).map((r, i) => (
          <li key={i}>
            {r.seq !== undefined ? `#${r.seq} ` : ''}
            {r.reason} — {r.detail}
          </li>
        ))}
      </ul>
    </section>
  );
}
