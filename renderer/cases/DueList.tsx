import { findCategory } from '../../shared/domain/categories';
import type { WallStore } from '../../shared/gateway/wallStore';
import { useSecond } from '../app/useSecond';
import { useI18n } from '../i18n/I18nContext';
import { formatCountdown } from './format';
import { selectable } from './selectable';

const ROWS = 8;

/**
 * Cases in handling with the nearest deadlines, overdue first, counting down (or up, in red)
 * every second. The store's own clock decides what is overdue; this list only keeps a second
 * of its own for the countdowns it shows, so only it re-renders on it.
 */
export function DueList({
  store,
  version,
  selected,
  onSelect,
}: Readonly<{
  store: WallStore;
  version: number;
  selected: string | undefined;
  onSelect: (caseId: string) => void;
}>) {
  const { t, language } = useI18n();
  const now = useSecond();
  void version;
  const rows = store.cases.dueSoon(ROWS);
  return (
    <section className="panel due-list">
      <h2>{t('dueList')}</h2>
      {rows.length === 0 ? <p className="muted">{t('noDue')}</p> : null}
      <ol>
        {rows.map((c) => {
          const left = (c.dueAt as number) - now;
          const late = left < 0;
          const category = findCategory(c.category);
          return (
            <li
              key={c.id}
              className={[
                'due',
                late ? 'due-late' : '',
                c.id === selected ? 'row-selected' : '',
              ].join(' ')}
              data-testid="due-row"
              data-case-id={c.id}
              {...selectable(() => onSelect(c.id))}
            >
              <span className="due-time">
                {late ? t('overdueBy') : t('dueIn')} {formatCountdown(left)}
              </span>
              <span className="due-what">
                {c.urgent ? <b className="urgent">{t('urgent')}</b> : null}
                {language === 'zh-CN' ? category?.zh : category?.en} ·{' '}
                {c.street ?? c.district ?? ''}
              </span>
              <span className="due-id">{c.id}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
