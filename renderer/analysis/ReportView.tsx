import { useMemo } from 'react';
import type { WallStore } from '../../shared/gateway/wallStore';
import { formatMoment } from '../cases/format';
import { useI18n } from '../i18n/I18nContext';
import type { AnalysisPeriod } from './analysisData';
import { summaryLine } from './analysisSummary';
import { reportCsv, reportTables } from './reportText';
import { PERIOD_TITLES, sourceName } from './analysisWords';
import { useAnalysis } from './useAnalysis';

/**
 * The printable report (`?view=report&period=day|week|month`): 日盘点 / 周分析 / 月通报 on A4, a
 * finding over each table, every number the history's answer. Printed to PDF by Electron's
 * `printToPDF` (the `printPdf` the preload offers) or the browser's print; the same tables as CSV.
 */
export function ReportView({
  store,
  base,
  period,
  printPdf,
}: Readonly<{
  store: WallStore;
  base: string;
  period: AnalysisPeriod;
  printPdf?: (() => Promise<Uint8Array>) | undefined;
}>) {
  const { t, language } = useI18n();
  const { data, error } = useAnalysis(store, base, period);
  const city = store.city ? (language === 'zh-CN' ? store.city.name : store.city.nameEn) : '';
  const title = `${city} ${t(PERIOD_TITLES[period])}`.trim();
  const tables = useMemo(
    () => data && reportTables(data, language, (s) => sourceName(t, s)),
    [data, language, t],
  );
  const dates = data
    ? data.totals.period.firstDay === data.totals.period.lastDay
      ? data.totals.period.firstDay
      : `${data.totals.period.firstDay} — ${data.totals.period.lastDay}`
    : '';
  const fileName = `${title} ${dates}`.replace(/[\\/:*?"<>|]/g, '-');
  const save = (body: BlobPart, type: string, ext: string) => {
    const url = URL.createObjectURL(new Blob([body], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName}.${ext}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <article className="report" data-testid="report" data-period={period}>
      <header className="report-header">
        <h1>{title}</h1>
        <p>
          {dates}
          {data
            ? ` · ${t('analysisAsOf')} ${formatMoment(data.totals.asOf, data.totals.asOf)}`
            : ''}
        </p>
        <div className="report-actions">
          <button
            type="button"
            data-testid="report-print"
            disabled={!data}
            onClick={() =>
              printPdf
                ? void printPdf().then((pdf) =>
                    save(pdf as Uint8Array<ArrayBuffer>, 'application/pdf', 'pdf'),
                  )
                : window.print()
            }
          >
            {t('reportPrint')}
          </button>
          <button
            type="button"
            data-testid="report-csv"
            disabled={!tables}
            onClick={() =>
              tables &&
              save(reportCsv(`${title} ${dates}`, tables), 'text/csv;charset=utf-8', 'csv')
            }
          >
            {t('reportCsv')}
          </button>
        </div>
      </header>
      {error ? (
        <p className="report-error">
          ⚠ {t('analysisError')}
          {error}
        </p>
      ) : null}
      {data ? (
        <p className="report-summary">{summaryLine(data.totals, data.streets, period, language)}</p>
      ) : null}
      {tables?.map((table) => (
        <section key={table.title} className="report-section">
          <h2>{table.title}</h2>
          {table.finding ? <p>{table.finding}</p> : null}
          <table>
            <thead>
              <tr>
                {table.head.map((h, k) => (
                  <th key={h} className={table.textColumns.includes(k) ? 'text' : ''}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.join('|')}>
                  {row.map((cell, k) => (
                    <td key={k} className={table.textColumns.includes(k) ? 'text' : ''}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </article>
  );
}
