import { afterEach, describe, expect, it } from 'vitest';
import { TERMINAL_STATES } from '../../shared/domain/lifecycle';
import type { CaseStore } from '../../shared/domain/caseStore';
import { Gateway } from '../../shared/gateway/gateway';
import { WallStore } from '../../shared/gateway/wallStore';
import { Hub, type HubOptions } from './hub';
import { lifecycleEvents, tempDir, TEST_CITY, until } from './testSupport';

/*
 * Protocol 2 end to end: walls that start fresh, or come back older than the hub keeps, take the
 * hub's live state at a seq S and then every event after S — under a steady load and across hub
 * restarts — and end with the hub's picture, with nothing lost and nothing doubled.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void> | void)();
});

interface Wall {
  store: WallStore;
  gateway: Gateway;
  applied: number[];
}

function wall(url: string, store = new WallStore({ scheduler: () => undefined })): Wall {
  const applied: number[] = [];
  const gateway = new Gateway(store, {
    url,
    backoffMin: 10,
    backoffMax: 100,
    fetchTimeoutMs: 1_000,
    onApplied: (e) => applied.push(e.seq),
  });
  cleanups.push(() => gateway.stop());
  gateway.start();
  return { store, gateway, applied };
}

function openCases(store: CaseStore) {
  return [...store.allCases()]
    .filter((c) => !TERMINAL_STATES.has(c.state))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Seqs applied with none missing or twice between the first and the last. */
function consecutive(seqs: readonly number[]): boolean {
  return seqs.every((s, i) => i === 0 || s === (seqs[i - 1] as number) + 1);
}

describe('snapshot, then the tail', () => {
  it('fresh and stale walls take the live state and every event after it, under load and across restarts', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const options: HubOptions = {
      city: TEST_CITY,
      dataDir: dir,
      fsync: false,
      history: false,
      windowSize: 500,
      tailKept: 300,
    };
    let hub = await Hub.start(options);
    const port = hub.port;
    cleanups.push(() => hub.close());
    const url = hub.url;

    const a = wall(url);
    await until(() => a.store.connection === 'connected', 5_000, 'wall A');
    let b: Wall | undefined;
    let c: Wall | undefined;
    let cStopped: { lastSeq: number; snapshots: number } | undefined;
    let bAtSnapshot = 0;

    const total = 6_000;
    const source = lifecycleEvents(total);
    for (let published = 0; published < total;) {
      const batch = [];
      for (let i = 0; i < 40 && published < total; i += 1, published += 1)
        batch.push(source.next().value);
      expect(hub.publish(batch).rejected).toBe(0);
      if (published === 400) c = wall(url);
      if (published === 1_200 && c) {
        await until(() => (c as Wall).store.lastSeq > 800, 10_000, 'wall C to follow');
        c.gateway.stop();
        cStopped = { lastSeq: c.store.lastSeq, snapshots: c.store.diagnostics.snapshots };
      }
      if (published === 1_600) {
        b = wall(url);
        bAtSnapshot = published;
      }
      if (published === 3_000 || published === 4_800) {
        // A restart under load: the next start reads the checkpoint and the tail after it.
        await hub.close();
        hub = await Hub.start({ ...options, port });
        expect(hub.stats().checkpoint.started).toBe('checkpoint');
        expect(hub.log.keptFrom).toBe(published - 300 + 1);
      }
      if (published === 3_600 && c) c.gateway.start();
      await sleep(2);
    }
    await hub.drain();
    const walls = [a, b as Wall, c as Wall];
    for (const [i, w] of walls.entries())
      await until(
        () => w.store.lastSeq === total && w.store.connection === 'connected',
        20_000,
        `wall ${'ABC'[i]} to catch up`,
      );

    // A was there from the first event: everything, once, in order, through two restarts.
    expect(a.applied).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(a.store.diagnostics.snapshots).toBe(1); // the empty one it started with
    // B started fresh mid-load: a snapshot, then every event after it.
    expect(b?.store.diagnostics.snapshots).toBe(1);
    const bFirst = b?.applied[0] as number;
    expect(bFirst).toBeGreaterThan(bAtSnapshot - 40);
    expect(consecutive(b?.applied ?? [])).toBe(true);
    expect(b?.applied.at(-1)).toBe(total);
    // C came back older than the restarted hub keeps (it keeps 300 before its checkpoint).
    const cBack = c as Wall;
    expect(cStopped?.lastSeq).toBeLessThan(2_700);
    expect(cBack.store.diagnostics.snapshots).toBe((cStopped?.snapshots ?? 0) + 1);
    const cAfter = cBack.applied.filter((s) => s > (cStopped?.lastSeq ?? 0));
    expect(cAfter[0]).toBeGreaterThan(2_700);
    expect(consecutive(cAfter)).toBe(true);
    for (const w of walls) {
      expect(w.store.diagnostics.lost).toBe(0);
      expect(w.store.diagnostics.rejected).toBe(0);
      // The hub's picture: each open case field by field, and the figures since the log began.
      expect(openCases(w.store.cases)).toEqual(openCases(hub.store));
      expect(w.store.cases.kpis()).toEqual(hub.store.kpis());
    }
  }, 90_000);

  it('a wall of protocol 1 still gets a replay, told what it misses', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const options: HubOptions = {
      city: TEST_CITY,
      dataDir: dir,
      fsync: false,
      history: false,
      tailKept: 100,
    };
    const first = await Hub.start(options);
    first.publish([...lifecycleEvents(1_000)]);
    await first.close();
    const hub = await Hub.start(options);
    cleanups.push(() => hub.close());
    const { io } = await import('socket.io-client');
    const socket = io(`${hub.url}/wall`, { transports: ['websocket'] });
    cleanups.push(() => void socket.close());
    const seqs: number[] = [];
    socket.on('events', (batch: { seq: number }[]) => seqs.push(...batch.map((e) => e.seq)));
    const reply = await new Promise<{ notices?: { kind: string; detail?: string }[] }>((resolve) =>
      socket.emit('hello', { lastSeq: 0 }, resolve),
    );
    await until(() => seqs.at(-1) === 1_000, 5_000, 'the replay');
    // It replays what the hub keeps, from the first seq it keeps, and says so in words.
    expect(seqs[0]).toBe(901);
    expect(reply.notices?.some((n) => n.kind === 'text' && /901/.test(n.detail ?? ''))).toBe(true);
  });
});
