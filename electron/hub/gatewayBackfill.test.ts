import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { min, reported, step } from '../../shared/domain/testEvents';
import { makeEnvelope } from '../../shared/protocol/envelope';
import { Gateway } from '../../shared/gateway/gateway';
import { WallStore } from '../../shared/gateway/wallStore';

const log = [
  reported('A', min(0)),
  step('case.registered', 'A', min(1)),
  step('case.dispatched', 'A', min(2)),
  step('case.accepted', 'A', min(3)),
  step('case.handled', 'A', min(4)),
  reported('B', min(5)),
].map((e, i) => makeEnvelope(i + 1, min(i), e));

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await (closers.pop() as () => Promise<void>)();
});

/** A hub whose live stream skips seqs (as a lossy platform might) and that serves `fetch` from `stored`. */
async function lossyHub(live: number[], stored: number[]) {
  const http = createServer();
  const io = new Server(http);
  const fetches: { from: number; to: number }[] = [];
  io.of('/wall').on('connection', (socket) => {
    socket.on('hello', (_r: unknown, reply: (a: unknown) => void) => {
      reply({
        city: {
          id: 't',
          name: 't',
          nameEn: 't',
          bounds: { west: 100, south: 20, east: 130, north: 30 },
        },
        headSeq: 0,
        hubId: 'h',
      });
      socket.emit(
        'events',
        log.filter((e) => live.includes(e.seq)),
      );
    });
    socket.on('fetch', (r: { from: number; to: number }, reply: (a: unknown) => void) => {
      fetches.push(r);
      reply({
        events: log.filter((e) => e.seq >= r.from && e.seq <= r.to && stored.includes(e.seq)),
        headSeq: log.length,
      });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  closers.push(() => new Promise((r) => io.close(() => r())));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, fetches };
}

async function run(live: number[], stored: number[]) {
  const hub = await lossyHub(live, stored);
  const store = new WallStore({ scheduler: () => undefined });
  const applied: number[] = [];
  const gateway = new Gateway(store, { url: hub.url, onApplied: (e) => applied.push(e.seq) });
  closers.push(async () => gateway.stop());
  gateway.start();
  const end = Date.now() + 5_000;
  while ((store.lastSeq < log.length || store.connection !== 'connected') && Date.now() < end)
    await new Promise((r) => setTimeout(r, 10));
  return { store, applied, fetches: hub.fetches };
}

describe('gateway backfill over socket.io', () => {
  it('asks for exactly the missing range and applies everything in order', async () => {
    const { store, applied, fetches } = await run([1, 2, 5, 6], [1, 2, 3, 4, 5, 6]);
    expect(fetches).toEqual([{ from: 3, to: 4 }]);
    expect(applied).toEqual([1, 2, 3, 4, 5, 6]);
    expect(store.cases.get('A')?.state).toBe('handled');
    expect(store.diagnostics).toMatchObject({ gapsDetected: 1, gapsFilled: 1, lost: 0 });
  });

  it('moves past seqs the hub no longer has instead of waiting forever', async () => {
    const { store, applied } = await run([1, 2, 6], [1, 2, 4, 5, 6]);
    // Without seq 3 (dispatched), case A cannot be accepted or handled: 4 and 5 use up their
    // seqs but are refused, and only what the store took counts as applied.
    expect(applied).toEqual([1, 2, 6]);
    expect(store.lastSeq).toBe(6);
    expect(store.diagnostics.lost).toBe(1);
    expect(store.diagnostics.rejectedByReason).toMatchObject({ 'illegal-transition': 2 });
    expect(store.connection).toBe('connected');
  });
});
