import type { IncidentRecord } from '../../shared/domain/incidentBook';
import { LEVEL_COLOURS } from '../../shared/domain/incidentKinds';
import { raisedCaseOf } from '../../shared/domain/raisedCase';
import { useSecond } from '../app/useSecond';
import { formatCountdown, formatMoment } from '../cases/format';
import { useI18n } from '../i18n/I18nContext';
import { floorLabel, levelName, typeName } from './incidentText';

/** The incident at a glance: level in its colour, type, place, time running, casualties. */
export function IncidentCard({ incident }: Readonly<{ incident: IncidentRecord }>) {
  const { t } = useI18n();
  const now = useSecond();
  const [r, g, b] = LEVEL_COLOURS[incident.level];
  const closed = incident.closedAt !== undefined;
  const { dead, injured, trapped } = incident.casualties;
  return (
    <section
      className="incident-card"
      style={{ borderColor: `rgb(${r},${g},${b})` }}
      data-testid="incident-card"
      data-level={incident.level}
      data-floor={incident.floor ?? ''}
    >
      <div className="incident-level" style={{ background: `rgb(${r},${g},${b})` }}>
        {levelName(t, incident.level)}
      </div>
      <div className="incident-title">{incident.title}</div>
      {raisedCaseOf(incident.id) !== undefined ? (
        <div className="incident-raised" data-testid="incident-raised">
          {t('incidentRaisedCase')} · {raisedCaseOf(incident.id)}
        </div>
      ) : null}
      <div className="incident-type">
        {typeName(t, incident.type)} · {closed ? t('incidentClosed') : t('incidentOpen')}
      </div>
      <dl className="incident-facts">
        <dt>{t('incidentElapsed')}</dt>
        <dd className="incident-elapsed" data-testid="incident-elapsed">
          {formatCountdown((incident.closedAt ?? now) - incident.declaredAt)}
        </dd>
        {incident.address ? (
          <>
            <dt>{t('caseWhere')}</dt>
            <dd>{incident.address}</dd>
          </>
        ) : null}
        {incident.floor !== undefined ? (
          <>
            <dt>{t('incidentFloor')}</dt>
            <dd data-testid="incident-floor">{floorLabel(incident.floor)}</dd>
          </>
        ) : null}
        <dt>{t('incidentRadius')}</dt>
        <dd>{Math.round(incident.radiusMetres)} m</dd>
        <dt>{t('incidentDeclared')}</dt>
        <dd>{formatMoment(incident.declaredAt, now)}</dd>
      </dl>
      <div className="incident-casualties">
        <span className={dead > 0 ? 'alert' : ''}>
          {t('incidentDead')} <b>{dead}</b>
        </span>
        <span className={injured > 0 ? 'warn' : ''}>
          {t('incidentInjured')} <b>{injured}</b>
        </span>
        <span className={trapped > 0 ? 'alert' : ''}>
          {t('incidentTrapped')} <b>{trapped}</b>
        </span>
      </div>
      {incident.description ? <p className="incident-description">{incident.description}</p> : null}
    </section>
  );
}
