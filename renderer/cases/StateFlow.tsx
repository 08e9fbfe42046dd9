import { MAIN_PATH, STATE_LABELS, type CaseState } from '../../shared/domain/lifecycle';
import { useI18n } from '../i18n/I18nContext';

/** The closed loop left to right, with the side states (作废, 延期, 挂账, 返工) beneath it. */
const SIDE: readonly CaseState[] = ['voided', 'extended', 'suspended', 'reworked'];

export function StateFlow({ counts }: Readonly<{ counts: Readonly<Record<CaseState, number>> }>) {
  const { t, language } = useI18n();
  const label = (s: CaseState) => (language === 'zh-CN' ? STATE_LABELS[s].zh : STATE_LABELS[s].en);
  const cell = (s: CaseState) => (
    <div key={s} className={`state state-${s}`} data-testid={`state-${s}`}>
      <div className="state-count">{counts[s]}</div>
      <div className="state-label">{label(s)}</div>
    </div>
  );
  return (
    <section className="panel state-flow">
      <h2>{t('lifecycle')}</h2>
      <div className="state-main">{MAIN_PATH.map(cell)}</div>
      <div className="state-side">{SIDE.map(cell)}</div>
    </section>
  );
}
