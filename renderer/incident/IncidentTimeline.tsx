import type { CaseRecord } from '../../shared/domain/caseStore';
import type { IncidentRecord } from '../../shared/domain/incidentBook';
import { formatMoment } from '../cases/format';
import { useI18n } from '../i18n/I18nContext';
import { STATE_LABELS } from '../../shared/domain/lifecycle';
import { entryText } from './incidentText';

/** What happened to the incident, newest first, and the cases linked to it with their state. */
export function IncidentTimeline({
  incident,
  linked,
  now,
}: Readonly<{ incident: IncidentRecord; linked: readonly CaseRecord[]; now: number }>) {
  const { t, language } = useI18n();
  const entries = [...incident.timeline].reverse().slice(0, 12);
  return (
    <section className="incident-panel incident-timeline" data-testid="incident-timeline">
      <h2>{t('incidentTimeline')}</h2>
      <ol className="timeline">
        {entries.map((entry, i) => (
          <li key={`${entry.at}-${i}`} className={`timeline-${entry.kind}`}>
            <span className="timeline-at">{formatMoment(entry.at, now)}</span>
            <span className="timeline-text">{entryText(t, language, incident, entry)}</span>
          </li>
        ))}
      </ol>
      {linked.length > 0 ? (
        <>
          <h2>{t('incidentLinkedCases')}</h2>
          <ul className="timeline">
            {linked.map((c) => (
              <li key={c.id}>
                <span className="timeline-at">{formatMoment(c.reportedAt, now)}</span>
                <span className="timeline-text">
                  {c.address ?? c.id} ·{' '}
                  {language === 'zh-CN' ? STATE_LABELS[c.state].zh : STATE_LABELS[c.state].en}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
