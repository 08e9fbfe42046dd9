import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseStore } from '../../../shared/domain/caseStore';
import { Gateway } from '../../../shared/gateway/gateway';
import { WallStore } from '../../../shared/gateway/wallStore';
import type { Envelope } from '../../../shared/protocol/envelope';
import { caseRow, CASE_COLUMNS } from '../history/caseRow';
import { Hub } from '../hub';
import { DEMO_CITY } from '../sources/demoCity';
import { tempDir, until } from '../testSupport';

/*
 * A power cut, as near as a test can make one: the real hub process (`npm run hub`'s CLI) under
 * a heavy demo load, killed with SIGKILL while it writes, then started again on the same folder.
 * Every event a wall saw must be in the log afterwards, byte for byte the same event.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A heavy live demo load, with checkpoints every second: the kills land during or between them. */
const LIVE_LOAD = ['--rate', '20000', '--speed', '60', '--history', '0.05'];

/** Starts the CLI hub and resolves once it listens (or once `ready` says so). */
async function startCli(
  dataDir: string,
  port: number,
  load = LIVE_LOAD,
  ready?: () => Promise<boolean>,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/hub/cli.ts',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      ...load,
      '--checkpoint-every',
      '1s',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => void child.kill('SIGKILL'));
  let out = '';
  if (ready)
    void (async () => {
      while (!(await ready())) await new Promise((r) => setTimeout(r, 50));
      child.emit('ready');
    })();
  await new Promise<void>((resolve, reject) => {
    child.once('ready', resolve);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`:${port}`)) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`hub exited (${code}): ${out}`)));
  });
  return child;
}

async function killNine(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGKILL');
  await exited;
}

/**
 * Starts the hub in-process on a killed hub's folder: it starts from its checkpoint, its live
 * state is the whole log's, and its history database holds every case of the log exactly once,
 * each row what the log's events make of it.
 */
async function expectHistoryToMatchLog(
  dir: string,
  lines: readonly string[],
  tailOnly = false,
): Promise<void> {
  const restarted = await Hub.start({ city: DEMO_CITY, dataDir: dir });
  expect(restarted.stats().history).toMatchObject({ seq: restarted.log.headSeq, errors: 0 });
  expect(restarted.stats().checkpoint.started).toBe('checkpoint');
  // Under 50,000 events the tail a restart reads is all of the log.
  if (tailOnly) expect(restarted.logReport.readFrom).toBeGreaterThan(1);
  const wholeLog = new CaseStore({ bounds: DEMO_CITY.bounds });
  for (const line of lines) wholeLog.apply(JSON.parse(line) as Envelope);
  // Overdue is judged by the clock: the same moment for both.
  const now = Date.now();
  restarted.store.tick(now);
  wholeLog.tick(now);
  expect(restarted.store.kpis()).toEqual(wholeLog.kpis());
  const openOf = (s: CaseStore) =>
    [...s.allCases()]
      .filter((c) => c.state !== 'closed' && c.state !== 'voided')
      .sort((x, y) => x.id.localeCompare(y.id));
  expect(openOf(restarted.store)).toEqual(openOf(wholeLog));
  await restarted.close();
  const expected = [...wholeLog.allCases()].map(caseRow).sort((a, b) => a.id.localeCompare(b.id));
  const db = await DuckDBInstance.create(join(dir, 'history.duckdb'));
  const connection = await db.connect();
  const result = await connection.runAndReadAll(
    `SELECT ${CASE_COLUMNS.map((c) => c.name).join(', ')} FROM cases ORDER BY id COLLATE NOCASE`,
  );
  const rows = result
    .getRowsJS()
    .map((r) =>
      Object.fromEntries(
        CASE_COLUMNS.map((c, i) => [c.key, typeof r[i] === 'bigint' ? Number(r[i]) : r[i]]),
      ),
    );
  connection.closeSync();
  db.closeSync();
  expect(rows.length).toBe(expected.length);
  expect(rows.sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual(expected);
}

async function logLines(dir: string): Promise<string[]> {
  return (await readFile(join(dir, 'events.jsonl'), 'utf8')).split('\n').filter(Boolean);
}

describe('kill -9 under load', () => {
  it('every event a wall received survives two kills, with its seq meaning the same event', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const port = await freePort();
    const received = new Map<number, Envelope>();
    const store = new WallStore({ scheduler: () => undefined });
    const gateway = new Gateway(store, {
      url: `http://127.0.0.1:${port}`,
      backoffMin: 50,
      backoffMax: 300,
      onApplied: (e) => received.set(e.seq, e),
    });
    cleanups.push(() => gateway.stop());

    let hub = await startCli(dir, port);
    gateway.start();
    for (let kill = 0; kill < 2; kill += 1) {
      const before = store.lastSeq;
      // Let the wall take in a good stretch of live events, then pull the plug mid-stream.
      await until(() => store.lastSeq > before + 2_000, 60_000, 'live events');
      await killNine(hub);
      hub = await startCli(dir, port);
    }
    const atLastRestart = store.lastSeq;
    await until(() => store.lastSeq > atLastRestart + 500, 60_000, 'events after the restart');
    await killNine(hub);

    const lines = await logLines(dir);
    const logged = new Map<number, Envelope>();
    for (const line of lines) {
      const envelope = JSON.parse(line) as Envelope;
      logged.set(envelope.seq, envelope);
    }
    expect(received.size).toBeGreaterThan(4_000);
    const missingFromLog = [...received.keys()].filter((seq) => !logged.has(seq));
    expect(missingFromLog).toEqual([]);
    for (const [seq, envelope] of received) expect(logged.get(seq)).toEqual(envelope);
    // The wall never saw a hole or a second log: nothing lost, nothing started over.
    expect(store.diagnostics.lost).toBe(0);
    expect(store.diagnostics.rejected).toBe(0);
    expect(store.diagnostics.reconnects).toBeGreaterThanOrEqual(2);

    // The history database was killed mid-write too: started again, it holds every case of the
    // log exactly once, each row what the log's events make of it.
    await expectHistoryToMatchLog(dir, lines);
  }, 150_000);

  it('killed while it seeds a month of history, it restarts from its checkpoint with every row right', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const port = await freePort();
    // Days-old cases: each closed one leaves the live state as soon as its row is written.
    const seeding = ['--seed-history', '30d', '--rate', '1', '--history', '0'];
    const log = join(dir, 'events.jsonl');
    // Killed once a checkpoint stands well inside the log (after what the history then held).
    const hub = await startCli(dir, port, seeding, async () => {
      const checkpoint = await readFile(`${log}.checkpoint.json`, 'utf8').then(
        (text) => JSON.parse(text) as { seq: number; historySeq: number },
        () => undefined,
      );
      return (checkpoint?.historySeq ?? 0) > 30_000 && (checkpoint?.seq ?? 0) > 60_000;
    });
    await killNine(hub);
    const lines = await logLines(dir);
    expect(lines.length).toBeGreaterThan(60_000);
    await expectHistoryToMatchLog(dir, lines, true);
  }, 150_000);
});
