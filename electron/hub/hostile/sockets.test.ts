import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FETCH_BYTES, type FetchReply } from '../../../shared/protocol/wire';
import { Hub } from '../hub';
import { lifecycleEvents, rawRequest, tempDir, TEST_CITY, until } from '../testSupport';

/* Raw socket.io clients doing what no gateway would: the hub answers, bounds, counts, survives. */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

async function hubWith(events: number): Promise<Hub> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const hub = await Hub.start({ city: TEST_CITY, dataDir: join(dir, 'data') });
  cleanups.push(() => hub.close());
  await hub.publish([...lifecycleEvents(events)]).written;
  return hub;
}

function client(hub: Hub, options: Record<string, unknown> = {}): Socket {
  const socket = connect(`${hub.url}/wall`, {
    transports: ['websocket'],
    reconnection: false,
    ...options,
  });
  cleanups.push(() => void socket.close());
  return socket;
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

describe('hostile socket clients', () => {
  it('a burst of 10,000 fetches for everything is bounded: most are "busy", none is over the byte bound', async () => {
    const hub = await hubWith(20_000);
    const socket = client(hub);
    await connected(socket);
    const rssBefore = process.memoryUsage().rss;
    const replies: FetchReply[] = [];
    for (let i = 0; i < 10_000; i += 1)
      socket.emit('fetch', { from: 1, to: 1e12 }, (reply: FetchReply) => replies.push(reply));
    await until(() => replies.length === 10_000, 30_000, 'every fetch answered');
    const served = replies.filter((r) => !r.refused);
    const busy = replies.filter((r) => r.refused === 'busy');
    expect(served.length + busy.length).toBe(10_000);
    expect(busy.length).toBeGreaterThan(9_000);
    for (const r of served)
      expect(JSON.stringify(r.events).length).toBeLessThanOrEqual(MAX_FETCH_BYTES + 10_000);
    expect(hub.health.fetchesBusy).toBe(busy.length);
    // Far below the 3.9 GB the unbounded hub reached; generous for the test process's own heap.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400 * 1024 * 1024);
    expect((await rawRequest(hub.url, '/api/status')).status).toBe(200);
  }, 60_000);

  it('malformed hello, fetch and bus arguments are refused and counted; the hub stays up', async () => {
    const hub = await hubWith(10);
    const bad: unknown[] = [
      undefined,
      'x',
      42,
      { lastSeq: -1 },
      { lastSeq: '1' },
      { lastSeq: 1.5 },
      { lastSeq: 0, wall: '\ud800' },
    ];
    for (const request of bad) {
      const socket = client(hub);
      await connected(socket);
      const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      socket.emit('hello', request, () => undefined);
      expect(await closed).toBe('io server disconnect');
    }
    // A hello without a callback cannot be answered: refused too.
    const noAck = client(hub);
    await connected(noAck);
    const closed = new Promise<string>((resolve) => noAck.once('disconnect', resolve));
    noAck.emit('hello', { lastSeq: 0 });
    expect(await closed).toBe('io server disconnect');

    const socket = client(hub);
    await connected(socket);
    for (const request of [
      null,
      { from: 'a', to: 2 },
      { from: -5, to: Number.POSITIVE_INFINITY },
      [1, 2],
    ]) {
      const reply = await new Promise<FetchReply>((resolve) =>
        socket.emit('fetch', request, resolve),
      );
      expect(reply.refused).toBe('bad-request');
    }
    socket.emit('fetch', { from: 1, to: 2 }); // no callback: nothing to answer
    socket.emit('bus', { kind: 'profile', origin: 'x', profileId: '\udfff' });
    socket.emit('bus', { kind: 'nonsense' });
    await until(
      () => hub.health.socketRefused >= bad.length + 1 + 4 + 1,
      5_000,
      'refusals counted',
    );
    await until(
      () => (hub.diagnostics.rejectedByReason['bad-payload'] ?? 0) >= 2,
      5_000,
      'bus refusals',
    );
    expect(hub.health.socketErrors).toBe(0);
    expect((await rawRequest(hub.url, '/api/status')).status).toBe(200);
  });

  it('a binary attachment over the message bound closes that socket only', async () => {
    const hub = await hubWith(10);
    const socket = client(hub);
    await connected(socket);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('fetch', Buffer.alloc(15 * 1024 * 1024), () => undefined);
    expect(await closed).toBe('transport close');
    const next = client(hub);
    await connected(next);
    const reply = await new Promise<FetchReply>((resolve) =>
      next.emit('fetch', { from: 1, to: 10 }, resolve),
    );
    expect(reply.events).toHaveLength(10);
  });

  it('a new hello on the same socket stops the replay the earlier one started', async () => {
    const hub = await hubWith(30_000);
    const socket = client(hub);
    await connected(socket);
    let received = 0;
    socket.on('events', (batch: unknown[]) => (received += batch.length));
    let answered = 0;
    for (let i = 0; i < 4; i += 1) socket.emit('hello', { lastSeq: 0 }, () => (answered += 1));
    socket.emit('hello', { lastSeq: 29_990 }, () => (answered += 1));
    await until(() => answered === 5 && received >= 10, 5_000, 'the last replay');
    await new Promise((r) => setTimeout(r, 300));
    // Four full replays would be 120,000 events; the early ones stop after their first chunk.
    expect(received).toBeLessThan(4 * 2 * 2_000 + 10 + 1);

    // A gateway says hello once per connection: a storm of them closes the socket.
    const stormy = client(hub);
    await connected(stormy);
    const closed = new Promise<string>((resolve) => stormy.once('disconnect', resolve));
    for (let i = 0; i < 20; i += 1) stormy.emit('hello', { lastSeq: 0 }, () => undefined);
    expect(await closed).toBe('io server disconnect');
  });

  it('the hub refuses a wrong token in constant time and counts it', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const hub = await Hub.start({ city: TEST_CITY, dataDir: dir, token: 'right' });
    cleanups.push(() => hub.close());
    for (const token of ['wrong', '', 'righ', 'right ', 42]) {
      const socket = client(hub, { auth: { token } });
      await expect(connected(socket)).rejects.toThrow('unauthorized');
    }
    expect(hub.health.badTokens).toBe(5);
    const good = client(hub, { auth: { token: 'right' } });
    await connected(good);
  });
});
