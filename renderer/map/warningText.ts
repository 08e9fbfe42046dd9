import type { WarningRecord } from '../../shared/domain/warningBook';
import type { WarningSeverity } from '../../shared/domain/warningKinds';
import type { Language } from '../../shared/ipc/contract';
import { formatMoment } from '../cases/format';
import type { I18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';

const SEVERITY_KEYS: Readonly<Record<WarningSeverity, StringKey>> = {
  extreme: 'warningRed',
  severe: 'warningOrange',
  moderate: 'warningYellow',
  minor: 'warningBlue',
  unknown: 'warningUnrated',
};

export const severityName = (t: I18n['t'], severity: WarningSeverity) => t(SEVERITY_KEYS[severity]);

/**
 * The warning's words in the wall's language when the sender gave them (CAP carries one `info`
 * per language), else in the first language it came in: a sender's text is never made up here.
 */
export function warningWords(warning: WarningRecord, language: Language) {
  const prefix = language === 'zh-CN' ? 'zh' : 'en';
  return (
    warning.texts.find((t) => t.language.toLowerCase().startsWith(prefix)) ??
    (warning.texts[0] as WarningRecord['texts'][number])
  );
}

/** One line for a list or a hover: "暴雨橙色预警信号 · 肇庆市气象台 · 至 15:30". */
export function warningLine(
  warning: WarningRecord,
  t: I18n['t'],
  language: Language,
  now: number,
): string {
  const words = warningWords(warning, language);
  return [
    `${warning.status === 'exercise' ? `[${t('warningExercise')}] ` : ''}${words.event}`,
    ...(words.senderName ? [words.senderName] : []),
    `${t('warningUntil')} ${formatMoment(warning.expires, now)}`,
  ].join(' · ');
}
