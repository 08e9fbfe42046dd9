import { useMemo, type ReactNode } from 'react';
import type { KpiView } from '../../shared/domain/kpi';
import { periodChange, rankBy, type PeriodChange } from '../../shared/domain/periodChange';
import type { WallStore } from '../../shared/gateway/wallStore';
import { dealBlocks, panelRects, type RegionPart } from '../../shared/layout/regionPart';
import type { HistoryAnswer, HistoryRow } from '../../shared/protocol/history';
import { formatMoment, formatPercent } from '../cases/format';
import { useWindowSize } from '../app/useWindowSize';
import { useI18n, type I18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';
import type { AnalysisPeriod } from './analysisData';
import { categoryChart, sourceChart, trendChart } from './analysisCharts';
import { EChart } from './EChart';
import { summaryLine } from './analysisSummary';
import { PERIOD_TITLES, sourceName } from './analysisWords';
import { useAnalysis } from './useAnalysis';

const VERSUS: Readonly<Record<AnalysisPeriod, StringKey>> = {
  day: 'vsPrevDay',
  week: 'vsPrevWeek',
  month: 'vsPrevMonth',
};

interface Card {
  readonly key: StringKey;
  readonly figure: keyof KpiView;
  readonly kind: 'count' | 'rate';
  /** A rise is bad news (rework, extensions, overdue): it shows red. */
  readonly worseUp?: boolean;
}

const CARDS: readonly Card[] = [
  { key: 'received', figure: 'reported', kind: 'count' },
  { key: 'registrationRate', figure: 'registrationRate', kind: 'rate' },
  { key: 'dispatchRate', figure: 'dispatchRate', kind: 'rate' },
  { key: 'onTimeHandlingRate', figure: 'onTimeHandlingRate', kind: 'rate' },
  { key: 'closureRate', figure: 'closureRate', kind: 'rate' },
  { key: 'onTimeClosureRate', figure: 'onTimeClosureRate', kind: 'rate' },
  { key: 'reworkRate', figure: 'reworkRate', kind: 'rate', worseUp: true },
  { key: 'extensionRate', figure: 'extensionRate', kind: 'rate', worseUp: true },
];

/** Rows shown in a ranking; a panel holds no more, read from the back of the room. */
const RANK_ROWS = 8;
const HOTSPOT_ROWS = 8;

/**
 * The leaders' analysis (`?view=analysis&period=day|week|month`, 日盘点 / 周分析 / 月通报): the
 * period's KPIs against the period before, the trend, the problem categories, where cases came
 * from, streets and departments ranked, and the hotspot grid cells. Every figure is the hub's
 * history answer (`/api/history`, the live KPIs' definitions); charts are ECharts instances kept
 * across updates; "today" moves as cases arrive.
 */
export function AnalysisView({
  store,
  base,
  period,
  part,
}: Readonly<{
  store: WallStore;
  base: string;
  period: AnalysisPeriod;
  /** This window's part of a region across panels: the blocks are dealt a panel at a time. */
  part?: RegionPart | undefined;
}>) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const { data, error } = useAnalysis(store, base, period);
  const { width, height } = useWindowSize();
  // Chart type in pixels: about 2.5 % of the window's height (3.4 % where a chart has a panel
  // of its own, across several), never under 14 px.
  const font = Math.max(14, Math.round(height * (part ? 0.034 : 0.025)));
  const charts = useMemo(
    () =>
      data && {
        trend: trendChart(
          data.trend,
          {
            today: t('today'),
            yesterday: t('yesterday'),
            reported: t('received'),
            closed: t('closedCount'),
          },
          font,
        ),
        categories: categoryChart(data.categories, language, t('otherCategory'), font),
        sources: sourceChart(data.sources, (s) => sourceName(t, s), font),
      },
    [data, t, language, font],
  );
  const period0 = data?.totals.period;
  const head = (
    <div className="analysis-head" key="head">
      <header className="analysis-header">
        <h2>{t(PERIOD_TITLES[period])}</h2>
        {period0 ? (
          <span className="analysis-dates" data-testid="analysis-dates">
            {period0.firstDay === period0.lastDay
              ? period0.firstDay
              : `${period0.firstDay} — ${period0.lastDay}`}
          </span>
        ) : null}
        {data ? (
          <span className="muted">
            {t('analysisAsOf')} {formatMoment(data.totals.asOf, data.totals.asOf)}
          </span>
        ) : null}
        {error ? (
          <span className="analysis-error" data-testid="analysis-error">
            ⚠ {t('analysisError')}
            {error}
          </span>
        ) : null}
      </header>
      {data ? (
        <p className="analysis-summary" data-testid="analysis-summary">
          {summaryLine(data.totals, data.streets, period, language)}
        </p>
      ) : (
        <div className="analysis-loading">{error ? null : t('analysisLoading')}</div>
      )}
      {data ? (
        <section className="analysis-cards">
          {CARDS.map((card) => (
            <KpiChangeCard
              key={card.key}
              card={card}
              now={data.totals.total}
              before={data.totals.previous?.total}
              versus={t(VERSUS[period])}
              i18n={i18n}
            />
          ))}
        </section>
      ) : null}
    </div>
  );
  const blocks =
    data && charts
      ? [
          <figure className="analysis-panel analysis-trend" key="trend">
            <figcaption>{t(period === 'day' ? 'trendByHour' : 'trendByDay')}</figcaption>
            <EChart testId="chart-trend" {...charts.trend} />
          </figure>,
          <figure className="analysis-panel analysis-categories" key="categories">
            <figcaption>{t('topCategories')}</figcaption>
            <EChart testId="chart-categories" {...charts.categories} />
          </figure>,
          <figure className="analysis-panel analysis-sources" key="sources">
            <figcaption>{t('sourceShare')}</figcaption>
            <EChart testId="chart-sources" {...charts.sources} />
          </figure>,
          <Ranking
            key="streets"
            testId="rank-streets"
            title={t('rankStreets')}
            answer={data.streets}
            group="street"
            i18n={i18n}
          />,
          <Ranking
            key="departments"
            testId="rank-departments"
            title={t('rankDepartments')}
            answer={data.departments}
            group="department"
            i18n={i18n}
          />,
          <Hotspots key="hotspots" answer={data.grids} title={t('hotspots')} />,
        ]
      : [];
  const panels = panelRects(part, width, height);
  if (panels.length === 1)
    return (
      <div className="analysis-view" data-testid="analysis-view" data-period={period}>
        {head}
        <section className="analysis-charts">{blocks.slice(0, 3)}</section>
        <section className="analysis-tables">{blocks.slice(3)}</section>
      </div>
    );
  // Across panels: the head and each chart or table on a panel of its own, never over a seam.
  const all = [head, ...blocks];
  const dealt = dealBlocks(all.length, panels.length);
  return (
    <div
      className="analysis-view analysis-view-parts"
      data-testid="analysis-view"
      data-period={period}
      style={part ? { width: part.width, height: part.height } : undefined}
    >
      {panels.map((rect, i) => (
        <div
          key={i}
          className="analysis-page"
          data-testid="analysis-page"
          data-blocks={(dealt[i] ?? []).length}
          style={{ left: rect.x, top: rect.y, width: rect.width, height: rect.height }}
        >
          {(dealt[i] ?? []).map((b) => all[b])}
        </div>
      ))}
    </div>
  );
}

function KpiChangeCard({
  card,
  now,
  before,
  versus,
  i18n,
}: Readonly<{
  card: Card;
  now: KpiView;
  before: KpiView | undefined;
  versus: string;
  i18n: I18n;
}>) {
  const value = now[card.figure] as number | null;
  const change = periodChange(
    value,
    before ? (before[card.figure] as number | null) : null,
    card.kind,
  );
  const good =
    change.direction === 'same' || change.direction === 'unknown'
      ? 'same'
      : (change.direction === 'up') !== (card.worseUp ?? false)
        ? 'better'
        : 'worse';
  return (
    <div className="analysis-card" data-testid={`analysis-${card.figure}`} data-value={value ?? ''}>
      <div className="analysis-card-value">
        {card.kind === 'count' ? String(value ?? 0) : formatPercent(value)}
      </div>
      <div className="analysis-card-label">{i18n.t(card.key)}</div>
      <div className={`analysis-change analysis-${good}`} data-testid="analysis-change">
        {versus} {changeText(change, card.kind, i18n)}
      </div>
    </div>
  );
}

/** "↑ 12.5%" for a count, "↓ 1.2 个百分点" for a rate, "—" when unknown. */
function changeText(change: PeriodChange, kind: 'count' | 'rate', i18n: I18n): string {
  if (change.direction === 'unknown' || change.delta === null) return '—';
  const arrow = change.direction === 'up' ? '↑' : change.direction === 'down' ? '↓' : '→';
  if (kind === 'rate')
    return `${arrow} ${Math.abs(change.delta * 100).toFixed(1)} ${i18n.t('percentPoints')}`;
  if (change.share === null) return `${arrow} ${Math.abs(change.delta)}`;
  return `${arrow} ${Math.abs(change.share * 100).toFixed(1)}%`;
}

function Ranking({
  testId,
  title,
  answer,
  group,
  i18n,
}: Readonly<{
  testId: string;
  title: string;
  answer: HistoryAnswer;
  group: string;
  i18n: I18n;
}>) {
  const { t } = i18n;
  const { ranked } = rankBy(answer.rows, (r) => r.figures.onTimeHandlingRate, 'higher');
  const name = (row: HistoryRow) => String(row.key[group] ?? t('otherCategory'));
  const columns = (
    cells: readonly [ReactNode, ReactNode, ReactNode, ReactNode, ReactNode, ReactNode],
  ) => cells.map((cell, k) => <span key={k}>{cell}</span>);
  return (
    <figure className="analysis-panel analysis-ranking" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="analysis-row analysis-row-head">
        {columns([
          '',
          t('columnName'),
          t('received'),
          t('onTimeHandlingRate'),
          t('closureRate'),
          t('overdue'),
        ])}
      </div>
      <ol className="analysis-rows">
        {ranked.slice(0, RANK_ROWS).map(({ row, rank }) => (
          <li
            key={name(row)}
            className="analysis-row"
            data-testid="rank-row"
            data-name={name(row)}
            data-rank={rank}
          >
            {columns([
              <b className="analysis-rank">{rank}</b>,
              name(row),
              row.figures.reported,
              formatPercent(row.figures.onTimeHandlingRate),
              formatPercent(row.figures.closureRate),
              <b className={row.figures.overdue > 0 ? 'detail-late' : ''}>{row.figures.overdue}</b>,
            ])}
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** A grid cell as a person names it: its street and the cell's number, not the 18-digit code. */
function cellName(row: HistoryRow): string {
  const code = String(row.key.grid ?? '');
  const street = row.key.street;
  return `${typeof street === 'string' ? `${street} · ` : ''}${code.slice(-3)}`;
}

function Hotspots({ answer, title }: Readonly<{ answer: HistoryAnswer; title: string }>) {
  const rows = [...answer.rows]
    .filter((r) => r.key.grid !== null && r.key.grid !== undefined)
    .sort((a, b) => b.figures.reported - a.figures.reported)
    .slice(0, HOTSPOT_ROWS);
  return (
    <figure className="analysis-panel analysis-hotspots" data-testid="hotspots">
      <figcaption>{title}</figcaption>
      <ol className="analysis-rows">
        {rows.map((r) => (
          <li key={String(r.key.grid)} data-grid={String(r.key.grid)}>
            <span>{cellName(r)}</span>
            <b>{r.figures.reported}</b>
          </li>
        ))}
      </ol>
    </figure>
  );
}
