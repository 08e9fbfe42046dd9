import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { TERMINAL_STATES } from '../../shared/domain/lifecycle';
import type { CaseStore } from '../../shared/domain/caseStore';
import { Hub, type HubOptions } from './hub';
import { lifecycleEvents, tempDir, TEST_CITY } from './testSupport';

/*
 * Snapshot + tail at the hub: a restart reads the checkpoint and only the log after it, and
 * stands exactly where a hub that read the whole log stands. A checkpoint that is damaged, torn,
 * of another log or beyond the log's end is never trusted: the hub reads the whole log instead.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

const CHECKPOINT = 'events.jsonl.checkpoint.json';

async function startHub(dir: string, more: Partial<HubOptions> = {}): Promise<Hub> {
  const hub = await Hub.start({
    city: TEST_CITY,
    dataDir: dir,
    fsync: false,
    history: false,
    tailKept: 500,
    checkpointMs: 60_000,
    ...more,
  });
  cleanups.push(() => hub.close());
  return hub;
}

/** Everything a restarted hub must agree on: open cases field by field, counts, figures, days. */
function stateOf(store: CaseStore) {
  // The same moment for both hubs: overdue is judged by the clock.
  store.tick(Date.now());
  const open = [...store.allCases()]
    .filter((c) => !TERMINAL_STATES.has(c.state))
    .sort((a, b) => a.id.localeCompare(b.id));
  const { cases: _cases, ...rest } = store.snapshot();
  return { open, openCount: open.length, kpis: store.kpis(), rest, overdue: store.overdueCount };
}

async function publishAll(hub: Hub, events: Iterable<unknown>): Promise<void> {
  const list = [...events];
  for (let i = 0; i < list.length; i += 500) {
    const result = hub.publish(list.slice(i, i + 500));
    expect(result.rejected).toBe(0);
  }
  await hub.drain();
}

describe('checkpoint and tail', () => {
  it('a restart reads only the tail and stands where a whole-log start stands', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const source = lifecycleEvents(6_000, 'C', { closing: true });
    const first = await startHub(dir);
    await publishAll(first, take(source, 4_000));
    await first.close();
    cleanups.pop();

    const restarted = await startHub(dir);
    expect(restarted.stats().checkpoint.started).toBe('checkpoint');
    // The checkpoint stood at 4,000; the restart read the 500 kept before it, not all 4,000.
    expect(restarted.logReport.readFrom).toBe(3_501);
    expect(restarted.logReport.loaded).toBe(500);
    expect(restarted.log.keptFrom).toBe(3_501);
    // The rest of the stream continues cases that were open across the restart.
    await publishAll(restarted, take(source, 2_000));
    const viaCheckpoint = stateOf(restarted.store);
    await restarted.close();
    cleanups.pop();

    const whole = await startHub(dir, { checkpointMs: false });
    expect(whole.logReport.readFrom).toBe(1);
    expect(whole.logReport.loaded).toBe(6_000);
    const viaLog = stateOf(whole.store);
    expect(viaCheckpoint.openCount).toBeGreaterThan(10);
    expect(viaCheckpoint.kpis.reported).toBeGreaterThan(800);
    expect(viaCheckpoint).toEqual(viaLog);
  });

  it('a damaged checkpoint is set aside and said; the hub reads the whole log', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const first = await startHub(dir);
    await publishAll(first, lifecycleEvents(2_000));
    await first.close();
    cleanups.pop();
    const text = await readFile(join(dir, CHECKPOINT), 'utf8');
    await writeFile(join(dir, CHECKPOINT), text.slice(0, text.length / 2));

    const hub = await startHub(dir);
    expect(hub.stats().checkpoint.started).toBe('whole-log');
    expect(hub.logReport.loaded).toBe(2_000);
    const notice = hub.notices().find((n) => n.kind === 'checkpoint-set-aside');
    expect(notice?.path).toMatch(/checkpoint\.json\.damaged-/);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith(`${CHECKPOINT}.damaged-`))).toBe(true);
    // The set-aside copy is the damaged file itself, byte for byte.
    expect(await readFile(notice?.path as string, 'utf8')).toBe(text.slice(0, text.length / 2));
    expect(hub.store.kpis().reported).toBe(first.store.kpis().reported);
  });

  it('a checkpoint torn while it was written leaves the one before in force', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const first = await startHub(dir);
    await publishAll(first, lifecycleEvents(2_000));
    await first.close();
    cleanups.pop();
    // A hub killed mid-write leaves a partial temporary file; the checkpoint itself is whole.
    await writeFile(join(dir, `${CHECKPOINT}.tmp`), '{"version":1,"logId":"');
    const hub = await startHub(dir);
    expect(hub.stats().checkpoint.started).toBe('checkpoint');
    expect(hub.notices().some((n) => n.kind === 'checkpoint-set-aside')).toBe(false);
    expect(hub.log.headSeq).toBe(2_000);
  });

  it('a log cut short below its checkpoint is read whole, and the walls are told to start over', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const first = await startHub(dir);
    await publishAll(first, lifecycleEvents(2_000));
    const logId = first.log.id;
    await first.close();
    cleanups.pop();
    const log = join(dir, 'events.jsonl');
    const lines = (await readFile(log, 'utf8')).split('\n');
    // Keep the first 1,000 lines: the checkpoint (at 2,000, tail from 1,501) no longer fits.
    await truncate(log, Buffer.byteLength(lines.slice(0, 1_000).join('\n') + '\n'));

    const hub = await startHub(dir);
    expect(hub.stats().checkpoint.started).toBe('whole-log');
    expect(hub.stats().checkpoint.startedWhy).toMatch(/checkpoint/);
    expect(hub.log.headSeq).toBe(1_000);
    expect(hub.log.id).not.toBe(logId);
    expect(hub.notices().some((n) => n.kind === 'log-lost-end')).toBe(true);
    expect(hub.store.kpis().reported).toBeGreaterThan(0);
  });

  it('a checkpoint of another log is not used', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const first = await startHub(dir);
    await publishAll(first, lifecycleEvents(2_000));
    await first.close();
    cleanups.pop();
    const checkpoint = JSON.parse(await readFile(join(dir, CHECKPOINT), 'utf8')) as {
      logId: string;
    };
    checkpoint.logId = 'another-log-0000';
    await writeFile(join(dir, CHECKPOINT), JSON.stringify(checkpoint));
    const hub = await startHub(dir);
    expect(hub.stats().checkpoint.started).toBe('whole-log');
    expect(hub.stats().checkpoint.startedWhy).toBe('the checkpoint is of another log');
    expect(hub.logReport.loaded).toBe(2_000);
  });

  it('a history database older than the checkpoint took (a copy put back) is written again', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const withHistory = { history: undefined, historyFlushMs: 20 } as Partial<HubOptions>;
    const first = await startHub(dir, withHistory);
    const events = [...lifecycleEvents(3_000, 'C', { closing: true })];
    await publishAll(first, events);
    await first.close();
    cleanups.pop();
    // A database put back from an older copy: at an earlier seq (before the last 15 closures),
    // without the rows of the cases touched since, which the checkpoint no longer holds.
    const closures = events.flatMap((e, i) => (e.type === 'case.closed' ? [i] : []));
    const cut = closures.at(-15) as number; // seq cut + 1 is the 15th-last closure These events are days old, so
    // their closed cases leave the live state at once: the rows must be taken before that.
    const touched = new Set(events.slice(cut).map((e) => (e.payload as { caseId: string }).caseId));
    const db = await DuckDBInstance.create(join(dir, 'history.duckdb'));
    const connection = await db.connect();
    const ids = [...touched].map((id) => `'${id}'`).join(',');
    await connection.run(`DELETE FROM cases WHERE id IN (${ids})`);
    await connection.run(`UPDATE meta SET value = '${cut}' WHERE key = 'seq'`);
    connection.closeSync();
    db.closeSync();

    const hub = await startHub(dir, withHistory);
    expect(hub.stats().checkpoint.started).toBe('checkpoint');
    expect(hub.stats().history).toMatchObject({ seq: 3_000 });
    const closedInTail = events
      .slice(cut)
      .filter((e) => e.type === 'case.closed')
      .map((e) => (e.payload as { caseId: string }).caseId);
    expect(closedInTail.length).toBe(15);
    expect(cut).toBeGreaterThan(2_500); // inside the tail the restart reads
    // Closed days ago: gone from the live state, kept in the history.
    expect(closedInTail.every((id) => hub.store.get(id) === undefined)).toBe(true);
    expect(hub.stats().history).toMatchObject({
      rebuilt: 'the database was older than the checkpoint',
    });
    const answer = await fetch(`${hub.url}/api/history?period=range&from=2026-11-23&to=2026-11-24`);
    const body = (await answer.json()) as { total: { reported: number; closed: number } };
    expect(body.total.reported).toBe(first.store.kpis().reported);
    expect(body.total.closed).toBe(first.store.kpis().closed);
  });

  it('a history database older than the checkpoint is written again from the whole log', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const withHistory = { history: undefined, historyFlushMs: 20 } as Partial<HubOptions>;
    const first = await startHub(dir, withHistory);
    await publishAll(first, lifecycleEvents(3_000));
    await first.flushHistory();
    const reported = first.store.kpis().reported;
    await first.close();
    cleanups.pop();
    await rm(join(dir, 'history.duckdb'), { force: true });
    await rm(join(dir, 'history.duckdb.wal'), { force: true });

    const hub = await startHub(dir, withHistory);
    expect(hub.stats().checkpoint.started).toBe('checkpoint');
    expect(hub.logReport.readFrom).toBeGreaterThan(1);
    expect(hub.stats().history).toMatchObject({
      seq: 3_000,
      rebuilt: 'the database was missing or empty',
    });
    // The wall is told, in its own words.
    expect(hub.notices().some((n) => n.kind === 'history-rebuilt')).toBe(true);
    const answer = await fetch(`${hub.url}/api/history?period=range&from=2026-11-23&to=2026-11-24`);
    const body = (await answer.json()) as { total: { reported: number; closed: number } };
    expect(body.total.reported).toBe(reported);
    expect(body.total.closed).toBe(first.store.kpis().closed);
  });
});

function* take<T>(source: Iterator<T>, n: number): Generator<T> {
  for (let i = 0; i < n; i += 1) {
    const next = source.next();
    if (next.done) return;
    yield next.value;
  }
}
