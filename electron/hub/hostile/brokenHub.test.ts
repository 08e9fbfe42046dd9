import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyCounters } from '../../../shared/domain/kpi';
import { min, reported, step } from '../../../shared/domain/testEvents';
import { Gateway } from '../../../shared/gateway/gateway';
import { WallStore } from '../../../shared/gateway/wallStore';
import { makeEnvelope } from '../../../shared/protocol/envelope';
import { TEST_CITY, until } from '../testSupport';

/*
 * The gateway facing a hub that is broken or hostile: whatever it sends, the wall's work stays
 * bounded, the wall says what is wrong, and it comes back after a growing delay.
 */

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length) await (closers.pop() as () => Promise<void>)();
});

const good = [reported('A', min(0)), step('case.registered', 'A', min(1))].map((e, i) =>
  makeEnvelope(i + 1, min(i), e),
);

interface FakeHub {
  url: string;
  hellos: number;
  fetches: { from: number; to: number }[];
  /** Disconnects every socket from the server side. */
  drop: () => void;
}

/** A socket.io server on `/wall` whose hello and fetch answers the test writes. */
async function fakeHub(script: {
  hello?: (socket: Socket, lastSeq: number) => unknown;
  afterHello?: (socket: Socket) => void;
  fetch?: (request: { from: number; to: number }) => unknown;
}): Promise<FakeHub> {
  const http = createServer();
  const io = new Server(http, { maxHttpBufferSize: 1e8 });
  const state: FakeHub = {
    url: '',
    hellos: 0,
    fetches: [],
    drop: () => io.of('/wall').disconnectSockets(true),
  };
  io.of('/wall').on('connection', (socket) => {
    socket.on('hello', (request: { lastSeq: number }, reply: (a: unknown) => void) => {
      state.hellos += 1;
      reply(
        script.hello?.(socket, request.lastSeq) ?? {
          city: TEST_CITY,
          headSeq: 2,
          hubId: 'h',
          logId: 'log-1',
        },
      );
      script.afterHello?.(socket);
    });
    socket.on('fetch', (request: { from: number; to: number }, reply: (a: unknown) => void) => {
      state.fetches.push(request);
      reply(script.fetch?.(request) ?? { events: [], headSeq: 2 });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  closers.push(() => new Promise<void>((r) => io.close(() => r())));
  state.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return state;
}

function wall(hub: FakeHub) {
  const store = new WallStore({ scheduler: () => undefined });
  const applied: number[] = [];
  const gateway = new Gateway(store, {
    url: hub.url,
    backoffMin: 50,
    backoffMax: 400,
    fetchTimeoutMs: 500,
    helloTimeoutMs: 500,
    stallMs: 200,
    onApplied: (e) => applied.push(e.seq),
  });
  closers.push(() => gateway.stop());
  gateway.start();
  return { store, gateway, applied };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a broken hub', () => {
  it('an envelope a billion seqs ahead is a hub fault, not 200,000 fetches', async () => {
    const hub = await fakeHub({
      afterHello: (socket) =>
        socket.emit('events', [...good, makeEnvelope(2 + 1e9, min(3), reported('Z', min(3)))]),
      fetch: () => ({ events: [], headSeq: 2 + 1e9 }),
    });
    const { store } = wall(hub);
    await until(() => store.diagnostics.hubFaults >= 2, 5_000, 'hub faults');
    await sleep(500);
    expect(store.diagnostics.lastHubFault?.kind).toBe('implausible-seq');
    expect(hub.fetches.length).toBeLessThan(10);
    expect(store.diagnostics.lost).toBe(0);
    expect(store.lastSeq).toBe(2);
    // Reconnects come after a growing delay, not in a tight loop.
    expect(hub.hellos).toBeLessThan(12);
  });

  it('a fetch that cannot fill the gap is asked again after a growing delay, then reconnects', async () => {
    const hub = await fakeHub({
      hello: () => ({ city: TEST_CITY, headSeq: 10, hubId: 'h', logId: 'log-1' }),
      afterHello: (socket) =>
        socket.emit('events', [good[0], makeEnvelope(10, min(9), reported('B', min(9)))]),
      // The hub says its head is below the gap: it announced what it cannot serve.
      fetch: () => ({ events: [], headSeq: 1 }),
    });
    const { store } = wall(hub);
    await sleep(2_000);
    // Without backoff this was about 5,000 fetches a second.
    expect(hub.fetches.length).toBeGreaterThan(1);
    expect(hub.fetches.length).toBeLessThan(20);
    expect(store.lastSeq).toBe(1);
  });

  it('a backfill put off when the connection dropped is asked again on the next connection', async () => {
    let fetches = 0;
    const third = makeEnvelope(3, min(2), reported('C', min(2)));
    const hub = await fakeHub({
      hello: () => ({ city: TEST_CITY, headSeq: 3, hubId: 'h', logId: 'log-1' }),
      afterHello: (socket) => socket.emit('events', [good[0], third]),
      fetch: ({ from, to }) => {
        fetches += 1;
        // The first answer fills nothing (the wall backs off), and the hub then drops the socket.
        return fetches === 1
          ? { events: [], headSeq: 1 }
          : { events: good.filter((e) => e.seq >= from && e.seq <= to), headSeq: 3 };
      },
    });
    const { store } = wall(hub);
    await until(() => fetches >= 1, 5_000, 'the first fetch');
    hub.drop();
    await until(() => store.lastSeq === 3, 10_000, 'the gap filled after the reconnect');
  });

  it('a welcome with an impossible head or bounds is refused, said, and retried later', async () => {
    for (const reply of [
      { city: TEST_CITY, headSeq: 1e300, hubId: 'h' },
      {
        city: { ...TEST_CITY, bounds: { west: 'a', south: 0, east: 1, north: 1 } },
        headSeq: 2,
        hubId: 'h',
      },
      {
        city: { ...TEST_CITY, bounds: { west: 5, south: 0, east: 1, north: 1 } },
        headSeq: 2,
        hubId: 'h',
      },
      { city: TEST_CITY, headSeq: 2, hubId: 'h', notices: 'not a list' },
      'nonsense',
    ]) {
      const hub = await fakeHub({ hello: () => reply });
      const { store } = wall(hub);
      await until(() => store.diagnostics.hubFaults >= 1, 5_000, 'the fault');
      expect(store.diagnostics.lastHubFault?.kind).toBe('bad-hello');
      expect(store.city).toBeUndefined();
      expect(store.connection).not.toBe('filling-gap');
    }
  });

  it('a snapshot malformed, out of order or never finished is a fault; the store stays as it was', async () => {
    const part0 = {
      seq: 2,
      part: 0,
      parts: 2,
      cases: [],
      state: { counters: emptyCounters(), alarms: [], cameras: {} },
    };
    const scripts: ((socket: Socket) => void)[] = [
      (socket) => socket.emit('snapshot', { ...part0, cases: [{ id: 'X', state: 'teleported' }] }),
      (socket) => socket.emit('snapshot', { ...part0, part: 1 }),
      (socket) => socket.emit('snapshot', { ...part0, seq: 9 }),
      (socket) => socket.emit('snapshot', part0), // and part 1 never comes
    ];
    for (const afterHello of scripts) {
      const hub = await fakeHub({
        hello: () => ({
          city: TEST_CITY,
          headSeq: 2,
          hubId: 'h',
          logId: 'log-1',
          snapshot: { seq: 2, parts: 2 },
        }),
        afterHello,
      });
      const { store } = wall(hub);
      await until(() => store.diagnostics.hubFaults >= 1, 5_000, 'the fault');
      expect(store.diagnostics.lastHubFault?.kind).toBe('bad-snapshot');
      expect(store.diagnostics.snapshots).toBe(0);
      expect(store.lastSeq).toBe(0);
    }
  });

  it('a welcome never given is a fault; the wall keeps trying', async () => {
    const http = createServer();
    const io = new Server(http);
    let hellos = 0;
    io.of('/wall').on('connection', (socket) => socket.on('hello', () => (hellos += 1)));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise<void>((r) => io.close(() => r())));
    const { store } = wall({
      url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
      hellos: 0,
      fetches: [],
      drop: () => undefined,
    });
    await until(() => hellos >= 2, 5_000, 'a second hello');
    expect(store.diagnostics.lastHubFault?.kind).toBe('no-hello');
  });

  it('a 15 MB binary attachment and a batch of a million items are refused unread', async () => {
    const hub = await fakeHub({
      afterHello: (socket) => {
        socket.emit('events', [Buffer.alloc(15 * 1024 * 1024)]);
        socket.emit('events', [
          { v: 1, ts: 1, type: 'case.reported', payload: Buffer.alloc(1024 * 1024) },
        ]);
        socket.emit('events', new Array(1_000_000).fill(0));
        socket.emit('events', good);
      },
      fetch: ({ from, to }) => ({
        events: good.filter((e) => e.seq >= from && e.seq <= to),
        headSeq: 2,
      }),
    });
    const rssBefore = process.memoryUsage().rss;
    const { store, applied } = wall(hub);
    await until(() => store.lastSeq === 2, 10_000, 'the good events');
    expect(applied).toEqual([1, 2]);
    expect(store.diagnostics.rejectedByReason['too-large']).toBeGreaterThanOrEqual(2);
    expect(store.diagnostics.rejectedByReason['bad-envelope']).toBeGreaterThanOrEqual(1);
    // The unbounded walk over the buffer's keys reached 1.19 GB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 1024 * 1024);
  });

  it('ids and text with a lone surrogate are refused', async () => {
    const bad = makeEnvelope(3, min(3), reported('\ud800X', min(3)));
    const badText = makeEnvelope(4, min(4), {
      ...reported('C', min(4)),
      payload: { ...reported('C', min(4)).payload, address: 'x\udc00' },
    } as never);
    const hub = await fakeHub({
      hello: () => ({ city: TEST_CITY, headSeq: 4, hubId: 'h', logId: 'l' }),
      afterHello: (socket) => socket.emit('events', [...good, bad, badText]),
    });
    const { store, applied } = wall(hub);
    await until(() => store.lastSeq === 4, 5_000, 'all four seqs');
    expect(applied).toEqual([1, 2]);
    expect(store.diagnostics.rejectedByReason['bad-payload']).toBe(2);
  });

  it('a hub with another log id makes the wall start over', async () => {
    let logId = 'first';
    const hub = await fakeHub({
      hello: () => ({ city: TEST_CITY, headSeq: 2, hubId: 'h', logId }),
      afterHello: (socket) => socket.emit('events', good),
    });
    const { store, gateway } = wall(hub);
    await until(() => store.lastSeq === 2, 5_000, 'the first log');
    logId = 'second';
    const cleared = new Promise<void>((resolve) => {
      const original = store.clear.bind(store);
      store.clear = () => {
        original();
        resolve();
      };
    });
    gateway.simulateNetworkDrop();
    await cleared;
    await until(
      () => store.lastSeq === 2 && store.connection === 'connected',
      5_000,
      'the second log',
    );
  });
});
