import type { RankLine } from '../../shared/domain/openRanking';
import { useI18n } from '../i18n/I18nContext';

/** A ranked list with bars: the open cases per category or street, overdue ones in red. */
export function RankList({
  title,
  lines,
  nameOf,
  testId,
}: Readonly<{
  title: string;
  lines: readonly RankLine[];
  nameOf: (key: string) => string;
  testId: string;
}>) {
  const { t } = useI18n();
  const top = Math.max(1, ...lines.map((l) => l.open));
  return (
    <section className="panel rank-list" data-testid={testId}>
      <h2>{title}</h2>
      {lines.length === 0 ? <p className="rank-empty">{t('noOpenCases')}</p> : null}
      <ol>
        {lines.map((line) => (
          <li key={line.key}>
            <span className="rank-name">{nameOf(line.key)}</span>
            <span className="rank-bar">
              <span className="rank-open" style={{ width: `${(line.open / top) * 100}%` }} />
              <span className="rank-overdue" style={{ width: `${(line.overdue / top) * 100}%` }} />
            </span>
            <span className="rank-count">
              <span>{line.open}</span>
              {line.overdue > 0 ? (
                <em>
                  {t('overdueShort')} {line.overdue}
                </em>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
