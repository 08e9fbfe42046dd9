import { useMemo, type ReactNode } from 'react';
import { findCategory } from '../../shared/domain/categories';
import { rankOpenCases } from '../../shared/domain/openRanking';
import type { WallStore } from '../../shared/gateway/wallStore';
import { dealBlocks, panelRects, type RegionPart } from '../../shared/layout/regionPart';
import { useStoreVersion } from '../app/useStore';
import { useWindowSize } from '../app/useWindowSize';
import { KpiStrip } from '../cases/KpiStrip';
import { StateFlow } from '../cases/StateFlow';
import { useToday } from '../cases/useToday';
import { useI18n } from '../i18n/I18nContext';
import { RankList } from './RankList';

/** As many as a whole panel holds; the list shows those that fit its box, each line whole. */
const RANK_LINES = 12;

/**
 * The indicators for a KPI region of the wall, `large` for a briefing read from the back: the
 * KPI cards, the case flow, and where the open cases are (by category, by street). Across
 * several panels the blocks are dealt out a panel at a time, so each panel is full and no
 * figure lies across a seam.
 */
export function KpiView({
  store,
  large,
  part,
}: Readonly<{ store: WallStore; large: boolean; part?: RegionPart | undefined }>) {
  const version = useStoreVersion(store);
  const { t, language } = useI18n();
  const size = useWindowSize();
  const cases = store.cases;
  const today = useToday(cases);
  // Both rankings walk every case: once per store change, not once per render.
  const rankings = useMemo(() => {
    void version;
    const isOverdue = (id: string) => cases.isOverdue(id);
    // allCases() is an iterator, used up by one walk: each ranking gets its own.
    return {
      categories: rankOpenCases(cases.allCases(), (c) => c.category, isOverdue, RANK_LINES),
      streets: rankOpenCases(
        cases.allCases(),
        (c) => c.street ?? c.district,
        isOverdue,
        RANK_LINES,
      ),
    };
  }, [cases, version]);
  const blocks: ReactNode[] = [
    <KpiStrip key="cards" kpis={cases.kpisOfDay(today)} />,
    <StateFlow key="flow" counts={cases.countByState()} />,
    <RankList
      key="categories"
      testId="rank-categories"
      title={t('openByCategory')}
      lines={rankings.categories}
      nameOf={(id) => {
        const category = findCategory(id);
        return (language === 'zh-CN' ? category?.zh : category?.en) ?? t('otherCategory');
      }}
    />,
    <RankList
      key="streets"
      testId="rank-streets"
      title={t('openByStreet')}
      lines={rankings.streets}
      nameOf={(name) => name}
    />,
  ];
  const panels = panelRects(part, size.width, size.height);
  // A short panel (the KPI strip under an operator's case board) holds the cards alone, in one
  // row; the other blocks need height to be read.
  const perPanel = size.height < 480 ? 1 : 4;
  const shown = blocks.slice(0, Math.min(blocks.length, perPanel * panels.length));
  const dealt = dealBlocks(shown.length, panels.length);
  const wide = size.width / Math.max(1, size.height) > 3;
  return (
    <div
      className={large ? 'kpi-view kpi-view-large' : 'kpi-view'}
      data-version={version}
      style={part ? { width: part.width, height: part.height } : undefined}
    >
      {panels.map((rect, i) => (
        <div
          key={i}
          className="kpi-panel"
          data-testid="kpi-panel"
          data-blocks={(dealt[i] ?? []).length}
          data-wide={wide}
          style={{ left: rect.x, top: rect.y, width: rect.width, height: rect.height }}
        >
          {(dealt[i] ?? []).map((b) => shown[b])}
        </div>
      ))}
    </div>
  );
}
