import type { IncidentRecord } from '../../shared/domain/incidentBook';
import { RESPONSE_PLANS } from '../../shared/domain/responsePlans';
import { formatMoment } from '../cases/format';
import { useI18n } from '../i18n/I18nContext';

/** The preset plan of the incident's type, its steps ticked as `incident.step` events arrive. */
export function ResponsePlanList({
  incident,
  now,
}: Readonly<{ incident: IncidentRecord; now: number }>) {
  const { t, language } = useI18n();
  const plan = RESPONSE_PLANS[incident.type];
  const done = plan.steps.filter((s) => incident.steps[s.id]).length;
  return (
    <section className="incident-panel" data-testid="incident-plan">
      <h2>
        {t('incidentPlan')} · {language === 'zh-CN' ? plan.name.zh : plan.name.en}{' '}
        <span className="muted">
          {done}/{plan.steps.length}
        </span>
      </h2>
      <ol className="plan-steps">
        {plan.steps.map((step) => {
          const mark = incident.steps[step.id];
          return (
            <li
              key={step.id}
              className={mark ? 'done' : ''}
              data-step={step.id}
              data-done={mark ? 'yes' : 'no'}
            >
              <span className="plan-tick">{mark ? '✓' : '○'}</span>
              <span className="plan-name">{language === 'zh-CN' ? step.zh : step.en}</span>
              <span className="plan-dept">
                {mark
                  ? formatMoment(mark.at, now)
                  : language === 'zh-CN'
                    ? step.department.zh
                    : step.department.en}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
