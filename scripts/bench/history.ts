/**
 * `npm run bench:history`: a year of a big city in the hub. For each size (1 M and 3.5 M events
 * by default) the demo city's cases are made by the simulator through the hub's own publish
 * path, once per engine (`none` is the hub without a history database); then the hub is
 * restarted on each folder in each design and a fresh wall (lastSeq 0) takes in the whole
 * picture from it: `whole-log` is the design before snapshots (the restart reads the whole log,
 * the wall gets a replay of all of it, protocol 1), `checkpoint` the new one (the restart reads
 * the checkpoint and the log's tail, the wall gets the live state and the events after it). The
 * month and day reports are run 50 times against the database. Every phase runs in its own
 * process so its RSS is its own. Printed and written to build/bench-history.json; nothing here
 * is asserted.
 *
 *   BENCH_HISTORY_EVENTS=1000000,3500000  BENCH_HISTORY_ENGINES=duckdb,sqlite,none
 *   BENCH_HISTORY_DESIGNS=whole-log,checkpoint  BENCH_HISTORY_RUNS=50
 *
 * SQLite is measured only where `better-sqlite3` can be loaded (it is not a dependency: it must
 * be compiled at install time; `npm i --no-save better-sqlite3@12.11.1` to compare).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { answerHistory } from '../../electron/hub/history/historyAnswer';
import { openDuckdbHistory } from '../../electron/hub/history/duckdbHistory';
import type { HistoryStore } from '../../electron/hub/history/historyStore';
import { Hub } from '../../electron/hub/hub';
import { DEMO_CITY } from '../../electron/hub/sources/demoCity';
import { DemoSimulator } from '../../electron/hub/sources/simulator';
import { Gateway } from '../../shared/gateway/gateway';
import { WallStore } from '../../shared/gateway/wallStore';
import { parseHistoryQuery } from '../../shared/protocol/history';
import { openSqliteHistory, sqliteAvailable } from './sqliteHistory';

type Engine = 'none' | 'duckdb' | 'sqlite';
type Design = 'whole-log' | 'checkpoint';
const YEAR_START = Date.UTC(2025, 11, 1, 16, 0, 0); // 2025-12-02 00:00 in Zhaoqing
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

async function openStore(engine: Engine, dir: string): Promise<HistoryStore> {
  if (engine === 'duckdb') return (await openDuckdbHistory(join(dir, 'history.duckdb'))).store;
  return openSqliteHistory(join(dir, 'history.sqlite'));
}

function hubOptions(engine: Engine, dir: string, design: Design = 'checkpoint') {
  return {
    city: DEMO_CITY,
    dataDir: dir,
    ...(design === 'whole-log' ? { checkpointMs: false as const } : {}),
    history:
      engine === 'none'
        ? (false as const)
        : { open: async () => ({ store: await openStore(engine, dir) }) },
  };
}

/** Seeds `events` events of the demo city (1 case a minute, about 500,000 a year). */
async function seedPhase(engine: Engine, dir: string, events: number) {
  const hub = await Hub.start(hubOptions(engine, dir));
  const simulator = new DemoSimulator(hub, { casesPerMinute: 1, seed: 2026 });
  const start = performance.now();
  let peakRss = rssMb();
  const end = await simulator.seedRange(YEAR_START, YEAR_START + 2 * 365 * 86_400_000, async () => {
    await hub.drain();
    peakRss = Math.max(peakRss, rssMb());
    return hub.log.headSeq < events;
  });
  await hub.drain();
  const logged = performance.now();
  await hub.flushHistory();
  const done = performance.now();
  const seconds = (done - start) / 1000;
  const result = {
    events: hub.log.headSeq,
    days: Math.round((end - YEAR_START) / 86_400_000),
    endMs: end,
    seconds: round(seconds),
    eventsPerSecond: Math.round(hub.log.headSeq / seconds),
    logOnlySeconds: round((logged - start) / 1000),
    peakRssMb: peakRss,
    history: hub.stats().history,
  };
  await hub.close();
  return result;
}

/** The hub started on the folder, then a fresh wall (its own process) taking in the whole picture. */
async function restartPhase(engine: Engine, dir: string, design: Design) {
  const start = performance.now();
  const hub = await Hub.start(hubOptions(engine, dir, design));
  const seconds = (performance.now() - start) / 1000;
  const result = {
    seconds: round(seconds),
    rssMb: rssMb(),
    eventsRead: hub.logReport.loaded,
    started: hub.stats().checkpoint.started,
    liveCases: hub.store.size,
  };
  const protocol = design === 'whole-log' ? 1 : 2;
  // A fresh wall taking a snapshot is quick: three in a row, to see how much they vary.
  const freshWalls = [];
  for (let i = 0; i < (design === 'checkpoint' ? 3 : 1); i += 1) {
    const wall = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [...CHILD_ARGS, 'wall', engine, hub.url, `${hub.log.headSeq},${protocol}`],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    freshWalls.push(JSON.parse(wall.trim().split('\n').pop() as string));
  }
  const hubRssAfterWall = rssMb();
  await hub.close();
  return { ...result, freshWalls, hubRssAfterWallMb: hubRssAfterWall };
}

/** A wall PC starting fresh (lastSeq 0): how long until it holds every event, and its RSS. */
async function wallPhase(url: string, head: number, protocol: number) {
  const store = new WallStore({ scheduler: () => undefined });
  const start = performance.now();
  const gateway = new Gateway(store, { url, protocol });
  gateway.start();
  let peak = rssMb();
  while (store.lastSeq < head) {
    await new Promise((r) => setTimeout(r, 20));
    peak = Math.max(peak, rssMb());
  }
  const seconds = (performance.now() - start) / 1000;
  gateway.stop();
  return {
    seconds: round(seconds),
    rssMb: rssMb(),
    peakRssMb: peak,
    cases: store.cases.size,
    snapshots: store.diagnostics.snapshots,
  };
}

/** The month report (street × category, month-on-month) and the day report (by hour; by department). */
async function reportPhase(engine: Engine, dir: string, runs: number, endMs: number) {
  const store = await openStore(engine, dir);
  const position = await store.position();
  const asOf = endMs;
  // The last whole day seeded, and the month before the one the seeding ended in (whole).
  const day = new Date(endMs + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  const endLocal = new Date(endMs + 8 * 3_600_000);
  const month = new Date(Date.UTC(endLocal.getUTCFullYear(), endLocal.getUTCMonth() - 1, 15))
    .toISOString()
    .slice(0, 10);
  const ask = (query: string) => {
    const parsed = parseHistoryQuery(new URLSearchParams(query), {
      now: asOf,
      utcOffsetMinutes: 480,
    });
    if (!parsed.ok) throw new Error(parsed.error);
    return () => answerHistory(store, parsed.query, { asOf, seq: position.seq });
  };
  const reports = {
    month: ask(`period=month&date=${month}&groupBy=street,category&limit=5000`),
    dayByHour: ask(`period=day&date=${day}&groupBy=hour`),
    dayByDepartment: ask(`period=day&date=${day}&groupBy=department`),
  };
  const figures: Record<string, unknown> = {};
  for (const [name, run] of Object.entries(reports)) {
    const times: number[] = [];
    let rows = 0;
    let cases = 0;
    for (let i = 0; i < runs; i += 1) {
      const t = performance.now();
      const answer = await run();
      times.push(performance.now() - t);
      rows = answer.rows.length;
      cases = answer.total.reported;
    }
    times.sort((a, b) => a - b);
    figures[name] = { p50ms: round(pct(times, 50)), p99ms: round(pct(times, 99)), rows, cases };
  }
  const result = {
    ...figures,
    rows: await store.count(),
    sizeMb: round((await store.sizeOnDisk()) / 1e6),
    rssMb: rssMb(),
  };
  await store.close();
  return result;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (x: number) => Math.round(x * 100) / 100;

/** One phase in a process of its own; its JSON result on the last line of stdout. */
const CHILD_ARGS = ['--import', 'tsx', '--max-old-space-size=16000', 'scripts/bench/history.ts'];

function child(phase: string, engine: Engine, dir: string, extra: string): unknown {
  const out = execFileSync(process.execPath, [...CHILD_ARGS, phase, engine, dir, extra], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

async function main() {
  const [phase, engine, dir, extra] = process.argv.slice(2) as [string, Engine, string, string];
  if (phase === 'seed')
    return console.log(JSON.stringify(await seedPhase(engine, dir, Number(extra))));
  if (phase === 'restart')
    return console.log(JSON.stringify(await restartPhase(engine, dir, extra as Design)));
  if (phase === 'wall') {
    const [head, protocol] = extra.split(',').map(Number) as [number, number];
    return console.log(JSON.stringify(await wallPhase(dir, head, protocol)));
  }
  if (phase === 'report') {
    const [runs, endMs] = extra.split(',').map(Number) as [number, number];
    return console.log(JSON.stringify(await reportPhase(engine, dir, runs, endMs)));
  }

  const sizes = (process.env.BENCH_HISTORY_EVENTS ?? '1000000,3500000').split(',').map(Number);
  const wanted = (process.env.BENCH_HISTORY_ENGINES ?? 'duckdb,sqlite').split(',') as Engine[];
  const designs = (process.env.BENCH_HISTORY_DESIGNS ?? 'whole-log,checkpoint').split(
    ',',
  ) as Design[];
  const engines = wanted.filter((e) => e !== 'sqlite' || sqliteAvailable());
  if (wanted.includes('sqlite') && !engines.includes('sqlite'))
    console.log(
      'better-sqlite3 is not installed: SQLite is left out (see the header of this file)',
    );
  const runs = Number(process.env.BENCH_HISTORY_RUNS ?? 50);
  const results: Record<string, unknown> = {};
  for (const size of sizes) {
    for (const engine of engines) {
      const dir = await mkdtemp(join(tmpdir(), `citywall-bench-history-${engine}-`));
      try {
        const seed = child('seed', engine, dir, String(size)) as { endMs: number };
        const restart = Object.fromEntries(
          designs.map((design) => [design, child('restart', engine, dir, design)]),
        );
        const report =
          engine === 'none' ? undefined : child('report', engine, dir, `${runs},${seed.endMs}`);
        results[`${size}/${engine}`] = { seed, restart, ...(report ? { report } : {}) };
        console.log(
          `${size} events, history ${engine}:`,
          JSON.stringify(results[`${size}/${engine}`]),
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }
  await mkdir('build', { recursive: true });
  await writeFile('build/bench-history.json', JSON.stringify(results, null, 2));
  console.log('written to build/bench-history.json');
}

await main();
