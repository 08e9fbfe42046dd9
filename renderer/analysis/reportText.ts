import { findCategory } from '../../shared/domain/categories';
import type { KpiView } from '../../shared/domain/kpi';
import { periodChange, rankBy } from '../../shared/domain/periodChange';
import type { Language } from '../../shared/ipc/contract';
import type { HistoryAnswer, HistoryRow } from '../../shared/protocol/history';
import { formatPercent } from '../cases/format';

/** A report's table: a heading row and body rows, the same for the page, the PDF and the CSV. */
export interface ReportTable {
  readonly title: string;
  /** The section's one-line finding, in the report's language. */
  readonly finding: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The columns of words (names), set left; the others are figures, set right. */
  readonly textColumns: readonly number[];
}

const W = {
  'zh-CN': {
    overall: '一、总体指标',
    streets: '二、街道排名（按期处置率）',
    departments: '三、部门排名（按期处置率）',
    categories: '四、问题类别',
    sources: '五、案件来源',
    figure: '指标',
    now: '本期',
    before: '上期',
    change: '变化',
    rank: '排名',
    street: '街道',
    department: '部门',
    category: '类别',
    source: '来源',
    received: '受理数',
    onTime: '按期处置率',
    closure: '结案率',
    rework: '返工率',
    overdue: '超期',
    share: '占比',
    other: '其他',
    points: '个百分点',
    none: '本期无数据。',
  },
  en: {
    overall: '1. Overall',
    streets: '2. Streets by on-time handling',
    departments: '3. Departments by on-time handling',
    categories: '4. Problem categories',
    sources: '5. Sources',
    figure: 'Figure',
    now: 'This period',
    before: 'Before',
    change: 'Change',
    rank: 'Rank',
    street: 'Street',
    department: 'Department',
    category: 'Category',
    source: 'Source',
    received: 'Received',
    onTime: 'On-time handling',
    closure: 'Closure rate',
    rework: 'Rework rate',
    overdue: 'Overdue',
    share: 'Share',
    other: 'Other',
    points: 'pt',
    none: 'No cases in this period.',
  },
} as const;

const FIGURES: readonly { key: keyof KpiView; zh: string; en: string; rate: boolean }[] = [
  { key: 'reported', zh: '受理数', en: 'Received', rate: false },
  { key: 'registrationRate', zh: '立案率', en: 'Registration rate', rate: true },
  { key: 'dispatchRate', zh: '派遣率', en: 'Dispatch rate', rate: true },
  { key: 'onTimeHandlingRate', zh: '按期处置率', en: 'On-time handling', rate: true },
  { key: 'closureRate', zh: '结案率', en: 'Closure rate', rate: true },
  { key: 'onTimeClosureRate', zh: '按期结案率', en: 'On-time closure', rate: true },
  { key: 'reworkRate', zh: '返工率', en: 'Rework rate', rate: true },
  { key: 'extensionRate', zh: '延期率', en: 'Extension rate', rate: true },
  { key: 'overdue', zh: '超期', en: 'Overdue', rate: false },
];

/**
 * The report's sections (日盘点 / 周分析 / 月通报) as tables with a finding each: what the printed
 * page, its PDF and its CSV all show, made once from the history's answers.
 */
export function reportTables(
  data: {
    readonly totals: HistoryAnswer;
    readonly streets: HistoryAnswer;
    readonly departments: HistoryAnswer;
    readonly categories: HistoryAnswer;
    readonly sources: HistoryAnswer;
  },
  language: Language,
  sourceName: (source: string) => string,
): ReportTable[] {
  const w = W[language];
  const zh = language === 'zh-CN';
  const now = data.totals.total;
  const before = data.totals.previous?.total;
  const overall: ReportTable = {
    title: w.overall,
    finding: '',
    head: [w.figure, w.now, w.before, w.change],
    textColumns: [0],
    rows: FIGURES.map((f) => {
      const a = now[f.key] as number | null;
      const b = before ? (before[f.key] as number | null) : null;
      const show = (v: number | null) => (f.rate ? formatPercent(v) : v === null ? '—' : String(v));
      const c = periodChange(a, b, f.rate ? 'rate' : 'count');
      const change =
        c.delta === null
          ? '—'
          : c.direction === 'same'
            ? '0'
            : f.rate
              ? `${c.delta >= 0 ? '+' : '−'}${Math.abs(c.delta * 100).toFixed(1)} ${w.points}`
              : c.share === null
                ? `${c.delta >= 0 ? '+' : '−'}${Math.abs(c.delta)}`
                : `${c.delta >= 0 ? '+' : '−'}${Math.abs(c.share * 100).toFixed(1)}%`;
      return [zh ? f.zh : f.en, show(a), show(b), change];
    }),
  };
  const ranking = (answer: HistoryAnswer, group: string, title: string, label: string) => {
    const { ranked, unranked } = rankBy(answer.rows, (r) => r.figures.onTimeHandlingRate, 'higher');
    const name = (r: HistoryRow) => String(r.key[group] ?? w.other);
    const worst = ranked[ranked.length - 1];
    return {
      title,
      finding:
        ranked.length < 2 || !worst
          ? ranked.length === 0
            ? w.none
            : ''
          : zh
            ? `按期处置率最低的${label}是${name(worst.row)}（${formatPercent(worst.row.figures.onTimeHandlingRate)}）。`
            : `Lowest on-time handling: ${name(worst.row)} (${formatPercent(worst.row.figures.onTimeHandlingRate)}).`,
      head: [w.rank, label, w.received, w.onTime, w.closure, w.rework, w.overdue],
      textColumns: [1],
      rows: [
        ...ranked.map(({ row, rank }) => [String(rank), name(row), ...figuresOf(row.figures)]),
        ...unranked.map((row) => ['—', name(row), ...figuresOf(row.figures)]),
      ],
    };
  };
  const shares = (
    answer: HistoryAnswer,
    nameOf: (r: HistoryRow) => string,
    title: string,
    label: string,
  ): ReportTable => {
    const rows = [...answer.rows].sort((a, b) => b.figures.reported - a.figures.reported);
    const total = rows.reduce((n, r) => n + r.figures.reported, 0);
    const share = (n: number) => (total > 0 ? `${((n / total) * 100).toFixed(1)}%` : '—');
    const top = rows[0];
    return {
      title,
      finding: !top
        ? w.none
        : zh
          ? `最多的是${nameOf(top)}，${top.figures.reported} 件，占 ${share(top.figures.reported)}。`
          : `Most: ${nameOf(top)}, ${top.figures.reported} cases, ${share(top.figures.reported)}.`,
      head: [label, w.received, w.share],
      textColumns: [0],
      rows: rows.map((r) => [nameOf(r), String(r.figures.reported), share(r.figures.reported)]),
    };
  };
  const categoryName = (r: HistoryRow) => {
    const c = findCategory(String(r.key.category ?? ''));
    return (zh ? c?.zh : c?.en) ?? w.other;
  };
  return [
    overall,
    ranking(data.streets, 'street', w.streets, w.street),
    ranking(data.departments, 'department', w.departments, w.department),
    shares(data.categories, categoryName, w.categories, w.category),
    shares(data.sources, (r) => sourceName(String(r.key.source ?? '')), w.sources, w.source),
  ];
}

function figuresOf(f: KpiView): string[] {
  return [
    String(f.reported),
    formatPercent(f.onTimeHandlingRate),
    formatPercent(f.closureRate),
    formatPercent(f.reworkRate),
    String(f.overdue),
  ];
}

/** The tables as CSV (RFC 4180: fields with commas, quotes or line breaks quoted), a BOM first
 *  so Excel opens the Chinese right, a blank line between sections. */
export function reportCsv(title: string, tables: readonly ReportTable[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const line = (cells: readonly string[]) => cells.map(field).join(',');
  const parts = [line([title])];
  for (const t of tables) parts.push('', line([t.title]), line(t.head), ...t.rows.map(line));
  return `\uFEFF${parts.join('\r\n')}\r\n`;
}
