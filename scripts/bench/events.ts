/**
 * `npm run bench:events`: events per second through hub → gateway → store (validation and
 * the lifecycle state machine on both sides, the event log written to disk), and latency at a
 * steady 2,000 events/s; beside them, in the same run, raw socket.io (server emit → client
 * handler, no processing) as the reference. Figures are printed and written to
 * build/bench-events.json; nothing here is asserted.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { Hub } from '../../electron/hub/hub';
import { lifecycleEvents, tempDir, TEST_CITY } from '../../electron/hub/testSupport';
import { Gateway } from '../../shared/gateway/gateway';
import { WallStore } from '../../shared/gateway/wallStore';
import { makeEnvelope, type Envelope } from '../../shared/protocol/envelope';
import type { WallEvent } from '../../shared/protocol/events';

const THROUGHPUT_EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const RATE = 2_000;
const LATENCY_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CHUNK = 1_000;

const yieldTurn = () => new Promise<void>((r) => setImmediate(r));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Sends `count` items at `RATE` per second in 10 ms ticks; `send(k)` sends k items. */
async function paced(count: number, send: (k: number) => void): Promise<void> {
  const perTick = RATE / 100;
  const start = performance.now();
  let sent = 0;
  while (sent < count) {
    const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * RATE) + perTick);
    if (due > sent) {
      send(due - sent);
      sent = due;
    }
    await sleep(10);
  }
}

async function until(check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('benchmark timed out');
    await sleep(1);
  }
}

async function wallPipeline(
  events: readonly WallEvent[],
  latencyEvents: readonly WallEvent[],
  fsync: boolean,
) {
  const { dir, cleanup } = await tempDir('citywall-bench-');
  const hub = await Hub.start({ city: TEST_CITY, dataDir: dir, fsync });
  const store = new WallStore({ scheduler: (cb) => void setTimeout(cb, 16) });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let measuring = false;
  const gateway = new Gateway(store, {
    url: hub.url,
    onApplied: (e) => {
      if (!measuring) return;
      const t = sentAt.get(e.seq);
      if (t !== undefined) latencies.push(performance.now() - t);
    },
  });
  gateway.start();
  await until(() => store.connection === 'connected');

  const t0 = performance.now();
  for (let i = 0; i < events.length; i += CHUNK) {
    hub.publish(events.slice(i, i + CHUNK));
    await yieldTurn();
  }
  await until(() => store.lastSeq === events.length);
  const seconds = (performance.now() - t0) / 1000;

  measuring = true;
  let next = 0;
  await paced(latencyEvents.length, (k) => {
    const batch = latencyEvents.slice(next, next + k);
    next += k;
    const now = performance.now();
    const { accepted } = hub.publish(batch);
    for (const e of accepted) sentAt.set(e.seq, now);
  });
  await until(() => store.lastSeq === hub.log.headSeq);
  gateway.stop();
  const writes = { ...hub.log.writeStats };
  await hub.close();
  await cleanup();
  latencies.sort((a, b) => a - b);
  return {
    fsync,
    batches: writes.batches,
    eventsPerBatch: writes.events / Math.max(1, writes.batches),
    syncMsPerBatch: writes.syncMs / Math.max(1, writes.batches),
    eventsPerSecond: events.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    samples: latencies.length,
    rejected: store.diagnostics.rejected,
  };
}

/** Raw socket.io: the same envelopes, emitted one by one (`batched` sends CHUNK-sized arrays instead). */
async function rawSocketIo(envelopes: readonly Envelope[], latencyCount: number, batched: boolean) {
  const http = createServer();
  const server = new Server(http);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as AddressInfo).port;
  let received = 0;
  const latencies: number[] = [];
  let onLatency: ((sent: number) => void) | undefined;
  const client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
  client.on('e', (_e: unknown, sent?: number) => {
    received += 1;
    if (sent !== undefined) onLatency?.(sent);
  });
  client.on('b', (batch: unknown[]) => {
    received += batch.length;
  });
  await until(() => client.connected);
  const socket = [...server.sockets.sockets.values()][0];
  if (!socket) throw new Error('no socket');

  const t0 = performance.now();
  for (let i = 0; i < envelopes.length; i += CHUNK) {
    if (batched) socket.emit('b', envelopes.slice(i, i + CHUNK));
    else
      for (let j = i; j < Math.min(i + CHUNK, envelopes.length); j += 1)
        socket.emit('e', envelopes[j]);
    await yieldTurn();
  }
  await until(() => received >= envelopes.length);
  const seconds = (performance.now() - t0) / 1000;

  let p50 = NaN;
  let p99 = NaN;
  if (!batched) {
    received = 0;
    onLatency = (sent) => latencies.push(performance.now() - sent);
    let next = 0;
    await paced(latencyCount, (k) => {
      for (let j = 0; j < k; j += 1)
        socket.emit('e', envelopes[(next + j) % envelopes.length], performance.now());
      next += k;
    });
    await until(() => received >= latencyCount);
    latencies.sort((a, b) => a - b);
    p50 = percentile(latencies, 50);
    p99 = percentile(latencies, 99);
  }
  client.close();
  await new Promise<void>((r) => server.close(() => r()));
  return { eventsPerSecond: envelopes.length / seconds, p50, p99 };
}

/**
 * A hostile client's burst: 10,000 `fetch {from: 1, to: 1e12}` on one socket against a hub
 * holding `logged` events. The hub runs in this process, so the RSS is the hub's and the client's.
 */
async function fetchBurst(logged: number) {
  const { dir, cleanup } = await tempDir('citywall-bench-');
  const hub = await Hub.start({ city: TEST_CITY, dataDir: dir, windowSize: 5_000 });
  await hub.publish([...lifecycleEvents(logged, 'F')]).written;
  const client = connect(`${hub.url}/wall`, { transports: ['websocket'] });
  await until(() => client.connected);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  let answered = 0;
  let busy = 0;
  const t0 = performance.now();
  for (let i = 0; i < 10_000; i += 1)
    client.emit('fetch', { from: 1, to: 1e12 }, (reply: { refused?: string }) => {
      answered += 1;
      if (reply.refused) busy += 1;
    });
  await until(() => answered === 10_000);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  client.close();
  await hub.close();
  await cleanup();
  return { logged, rssBeforeMB: rssBefore / 2 ** 20, rssPeakMB: peak / 2 ** 20, busy, ms };
}

const events = [...lifecycleEvents(THROUGHPUT_EVENTS)];
const latencyEvents = [...lifecycleEvents(RATE * LATENCY_SECONDS, 'L')];
const envelopes = events.map((e, i) => makeEnvelope(i + 1, Date.now(), e));

console.log(
  `CityWall event benchmark: ${THROUGHPUT_EVENTS.toLocaleString()} events for throughput, ${RATE}/s for ${LATENCY_SECONDS} s for latency; Node ${process.version}`,
);
// First, while the process holds little else, so the RSS figures are mostly the hub's.
const burst = await fetchBurst(50_000);
const raw = await rawSocketIo(envelopes, RATE * LATENCY_SECONDS, false);
const rawBatched = await rawSocketIo(envelopes, 0, true);
const wall = await wallPipeline(events, latencyEvents, true);
const wallNoSync = await wallPipeline(events, latencyEvents, false);

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 2) : '—');
const rows = [
  [
    'hub → gateway → store (validated, lifecycle, logged, fsync per batch)',
    wall.eventsPerSecond,
    wall.p50,
    wall.p99,
  ],
  [
    'the same without fsync (what a power cut can lose)',
    wallNoSync.eventsPerSecond,
    wallNoSync.p50,
    wallNoSync.p99,
  ],
  ['raw socket.io, one emit per event (reference)', raw.eventsPerSecond, raw.p50, raw.p99],
  ['raw socket.io, arrays of 1,000 (upper bound)', rawBatched.eventsPerSecond, NaN, NaN],
] as const;
console.log('\n| pipeline | events/s | p50 ms @2k/s | p99 ms @2k/s |\n|---|---:|---:|---:|');
for (const [name, eps, p50, p99] of rows)
  console.log(`| ${name} | ${fmt(eps)} | ${fmt(p50)} | ${fmt(p99)} |`);
const ratio = wall.eventsPerSecond / raw.eventsPerSecond;
console.log(
  `\nthroughput ratio wall / raw socket.io: ${ratio.toFixed(2)} (target ≥ 0.5); p99 at 2,000/s: ${fmt(wall.p99)} ms (target < 50 ms); refused: ${wall.rejected}`,
);
console.log(
  `fsync: ${wall.batches} batches, ${fmt(wall.eventsPerBatch)} events each, ${fmt(wall.syncMsPerBatch)} ms of fdatasync per batch; throughput with / without: ${(wall.eventsPerSecond / wallNoSync.eventsPerSecond).toFixed(2)}`,
);
console.log(
  `fetch burst (10,000 × fetch {1, 1e12}, ${burst.logged.toLocaleString()} events logged): RSS ${fmt(burst.rssBeforeMB)} → peak ${fmt(burst.rssPeakMB)} MB, ${burst.busy.toLocaleString()} answered busy, all answered in ${fmt(burst.ms)} ms`,
);
await mkdir('build', { recursive: true });
await writeFile(
  'build/bench-events.json',
  JSON.stringify(
    {
      when: new Date().toISOString(),
      node: process.version,
      wall,
      wallNoSync,
      burst,
      raw,
      rawBatched,
      ratio,
    },
    null,
    2,
  ),
);
process.exit(0);
