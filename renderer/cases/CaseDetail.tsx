import { findCategory, findCategoryClass } from '../../shared/domain/categories';
import type { CaseRecord } from '../../shared/domain/caseStore';
import { CLOCK_RUNNING_STATES, STATE_LABELS } from '../../shared/domain/lifecycle';
import type { Language } from '../../shared/ipc/contract';
import { useSecond } from '../app/useSecond';
import { useI18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';
import { formatCountdown, formatDuration, formatMoment } from './format';

/** The steps of a case that carry a time, in the order they happen. */
const STEPS: readonly { key: StringKey; at: (c: CaseRecord) => number | undefined }[] = [
  { key: 'stepReported', at: (c) => c.reportedAt },
  { key: 'stepRegistered', at: (c) => c.registeredAt },
  { key: 'stepDispatched', at: (c) => c.dispatchedAt },
  { key: 'stepHandled', at: (c) => c.handledAt },
  { key: 'stepClosed', at: (c) => c.closedAt },
];

/**
 * The selected case, for the duty officer: what and where, its state and deadline, who has
 * it, and its steps so far. Opened by a click on the board or on the map; closed by hand.
 */
export function CaseDetail({
  record,
  overdue,
  onClose,
  onRaise,
}: Readonly<{
  record: CaseRecord;
  overdue: boolean;
  onClose: () => void;
  /** Raises the case to the emergency focus of the whole wall (absent once it is closed). */
  onRaise?: (() => void) | undefined;
}>) {
  const { t, language } = useI18n();
  const now = useSecond();
  const zh = language === 'zh-CN';
  const category = findCategory(record.category);
  const kind = findCategoryClass(record.classId);
  const name = (v: { zh: string; en: string } | undefined) => (v ? (zh ? v.zh : v.en) : '');
  return (
    <section className="panel case-detail" data-testid="case-detail" data-case-id={record.id}>
      <header>
        <h2>
          {record.urgent ? <b className="urgent">{t('urgent')}</b> : null}
          {name(category) || t('otherCategory')}
        </h2>
        {onRaise ? (
          <button type="button" onClick={onRaise} data-testid="case-detail-raise">
            {t('raiseToFocus')}
          </button>
        ) : null}
        <button type="button" onClick={onClose} data-testid="case-detail-close">
          {t('close')}
        </button>
      </header>
      <dl>
        <dt>{t('caseNumber')}</dt>
        <dd>{record.id}</dd>
        <dt>{t('caseClass')}</dt>
        <dd>{name(kind)}</dd>
        <dt>{t('caseState')}</dt>
        <dd className={overdue ? 'detail-late' : ''}>
          {name(STATE_LABELS[record.state])}
          {overdue ? ` · ${t('overdue')}` : ''}
        </dd>
        <dt>{t('caseWhere')}</dt>
        <dd>
          {[record.district, record.street, record.address].filter(Boolean).join(' · ') ||
            `${record.position.lat.toFixed(5)}, ${record.position.lon.toFixed(5)}`}
        </dd>
        {record.description ? (
          <>
            <dt>{t('caseWhat')}</dt>
            <dd>{record.description}</dd>
          </>
        ) : null}
        <dt>{t('caseDepartment')}</dt>
        <dd>{record.department ?? t('notYetDispatched')}</dd>
        {record.dueAt !== undefined ? (
          <>
            <dt>{t('caseDeadline')}</dt>
            <dd className={overdue || record.handledOnTime === false ? 'detail-late' : ''}>
              {formatMoment(record.dueAt, now)} ({deadlineNote(record, now, t, language)})
            </dd>
          </>
        ) : null}
      </dl>
      <ol className="detail-steps" data-testid="case-steps">
        {STEPS.map((step) => {
          const at = step.at(record);
          return at === undefined ? null : (
            <li key={step.key}>
              <span>{t(step.key)}</span>
              <time dateTime={new Date(at).toISOString()}>{formatMoment(at, now)}</time>
            </li>
          );
        })}
        {record.extensions > 0 ? (
          <li>
            <span>{t('stepExtended')}</span>
            <span>×{record.extensions}</span>
          </li>
        ) : null}
        {record.reworks > 0 ? (
          <li>
            <span>{t('stepReworked')}</span>
            <span>×{record.reworks}</span>
          </li>
        ) : null}
      </ol>
    </section>
  );
}

/**
 * What the deadline means now: counting while the handling clock runs; once handled, whether it
 * was met (a closed case does not keep counting "overdue"); nothing more while it is stopped.
 */
function deadlineNote(
  record: CaseRecord,
  now: number,
  t: (key: StringKey) => string,
  language: Language,
): string {
  const dueAt = record.dueAt as number;
  if (CLOCK_RUNNING_STATES.has(record.state))
    return `${now > dueAt ? t('overdueBy') : t('dueIn')} ${formatCountdown(dueAt - now)}`;
  if (record.handledAt === undefined) return t('clockStopped');
  return record.handledOnTime
    ? t('handledOnTime')
    : `${t('handledLateBy')} ${formatDuration(record.handledAt - dueAt, language)}`;
}
