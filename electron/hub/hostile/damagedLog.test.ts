import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Gateway } from '../../../shared/gateway/gateway';
import { WallStore } from '../../../shared/gateway/wallStore';
import type { Envelope } from '../../../shared/protocol/envelope';
import { io as connect } from 'socket.io-client';
import type { FetchReply } from '../../../shared/protocol/wire';
import { Hub } from '../hub';
import { lifecycleEvents, tempDir, TEST_CITY, until } from '../testSupport';

/* A log damaged as disks and people damage them: the hub starts, keeps what is good, says what is not. */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

async function folder(): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return dir;
}

async function writeLog(dir: string, count: number): Promise<string> {
  const hub = await Hub.start({ city: TEST_CITY, dataDir: dir });
  await hub.publish([...lifecycleEvents(count)]).written;
  await hub.close();
  return join(dir, 'events.jsonl');
}

async function deleteLines(file: string, seqs: readonly number[]): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  await writeFile(file, lines.filter((_, i) => !seqs.includes(i + 1)).join('\n'));
}

function fetchOnce(hub: Hub, from: number, to: number): Promise<FetchReply> {
  const socket = connect(`${hub.url}/wall`, { transports: ['websocket'], reconnection: false });
  cleanups.push(() => void socket.close());
  return new Promise((resolve) => socket.emit('fetch', { from, to }, resolve));
}

describe('a damaged log', () => {
  it('with a deleted middle line: replay and fetch serve by seq, the hole is lost once and said', async () => {
    const dir = await folder();
    const file = await writeLog(dir, 3_000);
    await deleteLines(file, [1_501]);
    const hub = await Hub.start({ city: TEST_CITY, dataDir: dir, windowSize: 500 });
    cleanups.push(() => hub.close());
    expect(hub.logReport).toMatchObject({ missing: 1, holes: [{ from: 1_501, to: 1_501 }] });
    expect(hub.notices()).toContainEqual({ kind: 'missing-seqs', count: 1 });

    // fetch {1501, 1501} used to return 1502.
    const hole = await fetchOnce(hub, 1_501, 1_501);
    expect(hole.events).toEqual([]);
    expect(hole.through).toBeGreaterThanOrEqual(1_501);
    const around = await fetchOnce(hub, 1_499, 1_503);
    expect((around.events as Envelope[]).map((e) => e.seq)).toEqual([1_499, 1_500, 1_502, 1_503]);

    // A wall resuming at 1500 gets 1502 onwards, counts exactly one lost, and says why.
    const store = new WallStore({ scheduler: () => undefined });
    const applied: number[] = [];
    // The store must hold the cases the first 1500 events made, as a wall that saw them would.
    for (const e of await hub.log.range(1, 1_500)) store.ingest(e);
    const gateway = new Gateway(store, { url: hub.url, onApplied: (e) => applied.push(e.seq) });
    cleanups.push(() => gateway.stop());
    gateway.start();
    await until(
      () => store.lastSeq === 3_000 && store.connection === 'connected',
      10_000,
      'the wall',
    );
    expect(applied[0]).toBe(1_502);
    expect(store.diagnostics.lost).toBe(1);
    expect(store.diagnostics.hubNotices).toContainEqual({ kind: 'missing-seqs', count: 1 });
  });

  it('a folder where the log should be: the hub starts on a fresh log beside it, leaves it alone, and says so', async () => {
    const dir = await folder();
    await mkdir(join(dir, 'events.jsonl', 'inner'), { recursive: true });
    await writeFile(join(dir, 'events.jsonl', 'inner', 'keep.txt'), 'keep');
    const hub = await Hub.start({ city: TEST_CITY, dataDir: dir });
    cleanups.push(() => hub.close());
    await hub.publish([...lifecycleEvents(5)]).written;
    expect(hub.logReport.file).toBe(join(dir, 'events.jsonl.fallback.jsonl'));
    expect(hub.notices()[0]).toMatchObject({ kind: 'log-unopenable', path: hub.logReport.file });
    expect(await readFile(join(dir, 'events.jsonl', 'inner', 'keep.txt'), 'utf8')).toBe('keep');
    expect((await readFile(hub.logReport.file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(
      5,
    );
  });

  it('a data folder that cannot be made: a fresh log in the fallback folder', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'blocker'), 'a file, not a folder');
    const fallbackDir = await folder();
    const hub = await Hub.start({
      city: TEST_CITY,
      dataDir: join(dir, 'blocker', 'data'),
      fallbackDir,
    });
    cleanups.push(() => hub.close());
    expect(hub.logReport.file.startsWith(fallbackDir)).toBe(true);
    expect(hub.logReport.problems[0]?.detail).toContain('ENOTDIR');
    expect(await readFile(join(dir, 'blocker'), 'utf8')).toBe('a file, not a folder');
    // A restart in the same trouble continues the same fallback log.
    await hub.publish([...lifecycleEvents(3)]).written;
    await hub.close();
    cleanups.pop();
    const again = await Hub.start({
      city: TEST_CITY,
      dataDir: join(dir, 'blocker', 'data'),
      fallbackDir,
    });
    cleanups.push(() => again.close());
    expect(again.log.headSeq).toBe(3);
  });

  it('a log emptied to zero bytes is a notice and a new identity: walls start over, never mix logs', async () => {
    const dir = await folder();
    const file = await writeLog(dir, 50);
    const first = await Hub.start({ city: TEST_CITY, dataDir: dir });
    const firstId = first.log.id;
    const port = first.port;
    const store = new WallStore({ scheduler: () => undefined });
    const gateway = new Gateway(store, { url: first.url, backoffMin: 10, backoffMax: 50 });
    cleanups.push(() => gateway.stop());
    gateway.start();
    await until(() => store.lastSeq === 50, 5_000, 'the first log');
    await first.close();
    await writeFile(file, '');
    const second = await Hub.start({ city: TEST_CITY, dataDir: dir, port });
    cleanups.push(() => second.close());
    expect(second.log.id).not.toBe(firstId);
    expect(second.notices()).toContainEqual(expect.objectContaining({ kind: 'log-lost-end' }));
    // 60 new events: more than the wall held, so the old "head below lastSeq" rule would not see it.
    await second.publish([...lifecycleEvents(60, 'N')]).written;
    await until(
      () => store.lastSeq === 60 && store.cases.get('N1') !== undefined,
      10_000,
      'the new log',
    );
    expect(store.cases.get('C1')).toBeUndefined();
    expect(store.cases.size).toBe(second.store.size);
  });

  it('nothing of a damaged file is deleted: it is kept aside byte for byte', async () => {
    const dir = await folder();
    const file = await writeLog(dir, 10);
    const damaged = (await readFile(file, 'utf8')) + '{"v":1,"seq":11,"ts":1,"ty';
    await writeFile(file, damaged);
    const hub = await Hub.start({ city: TEST_CITY, dataDir: dir });
    cleanups.push(() => hub.close());
    const aside = (await readdir(dir)).find((f) => f.includes('damaged'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside as string), 'utf8')).toBe(damaged);
    expect((await stat(file)).size).toBeLessThan(damaged.length);
  });
});
