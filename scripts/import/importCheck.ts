import { parseArgs } from 'node:util';
import { findCategory } from '../../shared/domain/categories';
import { importFile, loadMapping, REFUSALS_LISTED } from '../../electron/hub/import/importFile';
import { MappingError } from '../../electron/hub/import/mapping';

/**
 * `npm run import:check -- --mapping FILE DATA`: a dry run of an import. It reads the export
 * through the mapping and prints how many records map, the counts by category and state, and
 * each refused record with its line and why; it writes no log and no database.
 */
const { values, positionals } = parseArgs({
  options: { mapping: { type: 'string' } },
  allowPositionals: true,
});
const data = positionals[0];
if (!values.mapping || !data) {
  console.error('usage: npm run import:check -- --mapping MAPPING.json DATA_FILE');
  process.exit(2);
}
try {
  const loaded = await loadMapping(values.mapping);
  const started = performance.now();
  const { report, events } = await importFile(loaded, data);
  const seconds = (performance.now() - started) / 1000;
  const pct = (n: number) => (report.records ? ((100 * n) / report.records).toFixed(1) : '0.0');
  console.log(`${loaded.mapping.name}\n  ${data}`);
  console.log(
    `records ${report.records}: mapped ${report.mapped} (${pct(report.mapped)} %), refused ${report.refused}; ${events.length} events; ${seconds.toFixed(2)} s`,
  );
  console.log('\nby category / 按类别:');
  for (const [id, n] of Object.entries(report.byCategory).sort((a, b) => b[1] - a[1])) {
    const c = findCategory(id);
    console.log(`  ${String(n).padStart(8)}  ${c ? `${c.zh} / ${c.en}` : id}  (${id})`);
  }
  console.log('\nby state reached / 按状态:');
  for (const [state, n] of Object.entries(report.byState).sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(n).padStart(8)}  ${state}`);
  if (report.refused > 0) {
    console.log('\nrefused / 未导入:');
    for (const { line, reason } of report.refusals) console.log(`  line ${line}: ${reason}`);
    if (report.refused > REFUSALS_LISTED)
      console.log(`  … and ${report.refused - REFUSALS_LISTED} more`);
  }
} catch (error) {
  console.error(
    error instanceof MappingError ? `mapping refused:\n  ${error.message}` : String(error),
  );
  process.exit(1);
}
