import { findCategory } from '../../shared/domain/categories';
import type { TickerEntry } from '../../shared/gateway/wallStore';
import { useI18n } from '../i18n/I18nContext';
import { EVENT_VERBS } from '../i18n/strings';
import { formatClock } from './format';
import { selectable } from './selectable';

/** The newest events first: what just happened in the city. */
export function Ticker({
  entries,
  selected,
  onSelect,
}: Readonly<{
  entries: readonly TickerEntry[];
  selected: string | undefined;
  onSelect: (caseId: string) => void;
}>) {
  const { t, language } = useI18n();
  return (
    <section className="panel ticker">
      <h2>{t('ticker')}</h2>
      {entries.length === 0 ? <p className="muted">{t('waiting')}</p> : null}
      <ul>
        {entries.map((e) => {
          const category = e.category ? findCategory(e.category) : undefined;
          return (
            <li
              key={`${e.seq}:${e.id}`}
              data-testid="ticker-row"
              data-case-id={e.id}
              data-seq={e.seq}
              className={`tick tick-${e.type.replace('.', '-')}${e.id === selected ? ' row-selected' : ''}`}
              {...(e.type.startsWith('case.') ? selectable(() => onSelect(e.id)) : {})}
            >
              <span className="tick-time">{formatClock(e.at)}</span>
              <span className="tick-verb">{EVENT_VERBS[language][e.type] ?? e.type}</span>
              <span className="tick-id">{e.id}</span>
              {category ? (
                <span className="tick-what">
                  {language === 'zh-CN' ? category.zh : category.en}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
