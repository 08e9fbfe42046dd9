import type { WallStore } from '../../shared/gateway/wallStore';
import { SEVERITY_COLOURS } from '../../shared/domain/warningKinds';
import { useSecond } from '../app/useSecond';
import { useStoreVersion } from '../app/useStore';
import { useI18n } from '../i18n/I18nContext';
import { severityName, warningLine } from './warningText';

/** Lines shown before "+N": a wall that lists ten warnings says none of them. */
const SHOWN = 3;

/**
 * The public warnings the city is under (CAP), gravest first, each with its colour, its event,
 * sender and expiry; gone by itself when a warning expires. Nothing when none is in force.
 */
export function WarningList({
  store,
  className = 'warning-list',
}: Readonly<{ store: WallStore; className?: string }>) {
  useStoreVersion(store);
  const now = useSecond();
  const { t, language } = useI18n();
  const warnings = store.cases.warnings.inForce(now);
  if (warnings.length === 0) return null;
  return (
    <section className={className} data-testid="warning-list" data-count={warnings.length}>
      <h3>{t('warnings')}</h3>
      <ul>
        {warnings.slice(0, SHOWN).map((w) => (
          <li key={w.id} data-severity={w.severity}>
            <i style={{ background: `rgb(${SEVERITY_COLOURS[w.severity].join(',')})` }}>
              {severityName(t, w.severity)}
            </i>
            <span>{warningLine(w, t, language, now)}</span>
          </li>
        ))}
      </ul>
      {warnings.length > SHOWN ? <div className="muted">+{warnings.length - SHOWN}</div> : null}
    </section>
  );
}
