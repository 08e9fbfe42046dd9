/**
 * `npm run bench:import`: how fast a platform's cases come in.
 *
 * 1. Mapped import: the generated 12345 export (BENCH_IMPORT_ROWS rows, default 100,000) as a
 *    UTF-8 CSV, a GBK CSV and an xlsx workbook, each read through the shipped mapping
 *    (`importFile`, what `--source import` and `import:check` run): records per second.
 * 2. Ingest API: a hub with its history database, pushed over HTTP one request at a time at
 *    batches of 1, 100 and 1,000 events (BENCH_INGEST_EVENTS per size, default 3,000 / 100,000 /
 *    100,000): events per second and the acknowledgement latency (p50, p99) of a push, which is
 *    answered once its events are on disk.
 *
 * Printed and written to build/bench-import.json; nothing here is asserted.
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Hub } from '../../electron/hub/hub';
import { importFile, loadMapping } from '../../electron/hub/import/importFile';
import { readMapping } from '../../electron/hub/import/mapping';
import {
  hotlineCsv,
  hotlineRows,
  writeHotlineXlsx,
} from '../../electron/hub/sources/hotline12345Sample';
import { lifecycleEvents, TEST_CITY } from '../../electron/hub/testSupport';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const INGEST = (process.env.BENCH_INGEST_EVENTS ?? '3000,100000,100000').split(',').map(Number);
const BATCHES = [1, 100, 1_000];
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;

const dir = await mkdtemp(join(tmpdir(), 'citywall-bench-import-'));
const results: Record<string, unknown> = { rows: ROWS };
try {
  const mappingFile = resolve(import.meta.dirname, '../../assets/mappings/hotline12345.json');
  const shipped = await loadMapping(mappingFile);
  const variant = (file: Record<string, unknown>) =>
    readMapping(JSON.stringify({ ...shipped.mapping, file }), mappingFile);
  const rows = hotlineRows(ROWS, 20261204, Date.now());
  await writeFile(join(dir, 'utf8.csv'), hotlineCsv(rows, 'utf-8'));
  await writeFile(join(dir, 'gbk.csv'), hotlineCsv(rows, 'gbk'));
  await writeHotlineXlsx(rows, join(dir, 'orders.xlsx'));
  const imports: Record<string, unknown> = {};
  for (const [name, file, loaded] of [
    ['csv utf-8', 'utf8.csv', variant({ format: 'csv', encoding: 'utf-8' })],
    ['csv gbk', 'gbk.csv', shipped],
    ['xlsx', 'orders.xlsx', variant({ format: 'xlsx' })],
  ] as const) {
    const before = rssMb();
    const t0 = performance.now();
    const { report, events } = await importFile(loaded, join(dir, file));
    const seconds = (performance.now() - t0) / 1000;
    const bytes = (await stat(join(dir, file))).size;
    imports[name] = {
      records: report.records,
      mapped: report.mapped,
      events: events.length,
      mb: +(bytes / 1e6).toFixed(1),
      seconds: +seconds.toFixed(2),
      recordsPerSecond: Math.round(report.records / seconds),
      rssMbBefore: before,
      rssMbAfter: rssMb(),
    };
    console.log(
      `import ${name.padEnd(9)} ${report.records} records (${(bytes / 1e6).toFixed(1)} MB): ${seconds.toFixed(2)} s, ${Math.round(report.records / seconds)} records/s, RSS ${before} → ${rssMb()} MB`,
    );
  }
  results.import = imports;

  const ingest: Record<string, unknown> = {};
  for (const [k, batch] of BATCHES.entries()) {
    const total = INGEST[k] ?? 0;
    const dataDir = join(dir, `hub-${batch}`);
    await mkdir(dataDir);
    const hub = await Hub.start({ city: TEST_CITY, dataDir, ingestToken: 'bench' });
    const events = [...lifecycleEvents(total, `B${batch}-`, { closing: true })].map((e, i) => ({
      id: `b${batch}-${i}`,
      ...e,
    }));
    const latencies: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += batch) {
      const body = JSON.stringify(events.slice(i, i + batch));
      const sent = performance.now();
      const res = await fetch(`${hub.url}/api/events`, {
        method: 'POST',
        headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
        body,
      });
      const answer = (await res.json()) as { accepted: number };
      latencies.push(performance.now() - sent);
      if (answer.accepted !== Math.min(batch, events.length - i))
        throw new Error(`push at ${i} accepted ${answer.accepted}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    await hub.close();
    latencies.sort((a, b) => a - b);
    ingest[`batch ${batch}`] = {
      events: events.length,
      seconds: +seconds.toFixed(2),
      eventsPerSecond: Math.round(events.length / seconds),
      ackP50Ms: +pct(latencies, 0.5).toFixed(1),
      ackP99Ms: +pct(latencies, 0.99).toFixed(1),
      ackMaxMs: +(latencies.at(-1) as number).toFixed(1),
    };
    console.log(
      `ingest batch ${String(batch).padStart(5)}: ${events.length} events in ${seconds.toFixed(1)} s, ${Math.round(events.length / seconds)} events/s, ack p50 ${pct(latencies, 0.5).toFixed(1)} ms, p99 ${pct(latencies, 0.99).toFixed(1)} ms`,
    );
  }
  results.ingest = ingest;
  await mkdir('build', { recursive: true });
  await writeFile('build/bench-import.json', `${JSON.stringify(results, null, 2)}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
