import { afterEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { Gateway } from '../../../shared/gateway/gateway';
import { WallStore } from '../../../shared/gateway/wallStore';
import type { Envelope } from '../../../shared/protocol/envelope';
import type { WallEvent } from '../../../shared/protocol/events';
import { Hub, type HubOptions } from '../hub';
import { lifecycleEvents, rawRequest, tempDir, TEST_CITY, until } from '../testSupport';
import type { IngestAnswer } from './ingestApi';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

async function startHub(options: Partial<HubOptions> = {}, dir?: string): Promise<Hub> {
  let dataDir = dir;
  if (!dataDir) {
    const made = await tempDir();
    cleanups.push(made.cleanup);
    dataDir = made.dir;
  }
  const hub = await Hub.start({ city: TEST_CITY, dataDir, history: false, ...options });
  cleanups.push(() => hub.close());
  return hub;
}

/** Pushed form of events: the platform's id beside each. */
const pushed = (events: Iterable<WallEvent>, prefix = 'P') =>
  [...events].map((e, k) => ({ id: `${prefix}-${k + 1}`, ...e }));

async function push(
  hub: Hub,
  body: unknown,
  token?: string,
): Promise<{ status: number; answer: IngestAnswer & { error?: string } }> {
  const res = await fetch(`${hub.url}/api/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, answer: (await res.json()) as IngestAnswer & { error?: string } };
}

describe('ingest API: POST /api/events', () => {
  it('answers each event on its own and applies a retried batch once', async () => {
    const hub = await startHub();
    const batch: unknown[] = pushed(lifecycleEvents(30));
    batch.push({ id: 'bad-1', type: 'case.reported', payload: { caseId: 'X' } });
    batch.push({ type: 'case.registered', payload: { caseId: 'C1', at: Date.UTC(2026, 10, 23) } });
    batch.push({ ...(batch[0] as object) }); // the first again, in the same batch

    const first = await push(hub, batch);
    expect(first.status).toBe(200);
    expect(first.answer.accepted).toBe(30);
    expect(first.answer.refused).toBe(2);
    expect(first.answer.duplicates).toBe(1);
    const seqs = first.answer.results.slice(0, 30).map((r) => (r.ok ? r.seq : 0));
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
    expect(first.answer.results[30]).toMatchObject({
      id: 'bad-1',
      ok: false,
      reason: 'bad-payload',
    });
    expect(first.answer.results[31]).toMatchObject({ id: null, ok: false });
    expect(first.answer.results[32]).toMatchObject({
      id: 'P-1',
      ok: true,
      seq: 1,
      duplicate: true,
    });
    expect(hub.log.headSeq).toBe(30);

    // The platform did not hear the answer and sends the same batch again.
    const again = await push(hub, batch);
    expect(again.answer.accepted).toBe(0);
    expect(again.answer.duplicates).toBe(31);
    expect(again.answer.results.slice(0, 30).map((r) => (r.ok ? r.seq : 0))).toEqual(seqs);
    expect(hub.log.headSeq).toBe(30);
    expect(hub.stats().ingest).toMatchObject({ accepted: 30, duplicates: 32, refused: 4 });
  });

  for (const checkpointMs of [30_000, false] as const)
    it(`recognises a retry after the hub restarts (${checkpointMs ? 'from its checkpoint' : 'reading the whole log'})`, async () => {
      const { dir, cleanup } = await tempDir();
      cleanups.push(cleanup);
      const batch = pushed(lifecycleEvents(500));
      let hub = await startHub({ checkpointMs }, dir);
      expect((await push(hub, batch.slice(0, 300))).answer.accepted).toBe(300);
      await hub.close();
      cleanups.pop();
      hub = await startHub({ checkpointMs }, dir);
      expect(hub.stats().checkpoint.started).toBe(checkpointMs ? 'checkpoint' : 'whole-log');
      // The retry overlaps what was logged: the first 300 are answered with their seqs.
      const retry = await push(hub, batch);
      expect(retry.answer.duplicates).toBe(300);
      expect(retry.answer.accepted).toBe(200);
      expect(retry.answer.results.map((r) => (r.ok ? r.seq : 0))).toEqual(
        Array.from({ length: 500 }, (_, k) => k + 1),
      );
      expect(hub.log.headSeq).toBe(500);
    });

  it('refuses a wrong or missing ingest token and counts it; the read token does not push', async () => {
    const hub = await startHub({ token: 'wall-read', ingestToken: 'platform-push' });
    const batch = pushed(lifecycleEvents(3));
    expect((await push(hub, batch)).status).toBe(401);
    expect((await push(hub, batch, 'wall-read')).status).toBe(401);
    expect((await push(hub, batch, 'platform-push-')).status).toBe(401);
    const ok = await push(hub, batch, 'platform-push');
    expect(ok.status).toBe(200);
    expect(ok.answer.accepted).toBe(3);
    expect(hub.stats().ingest.badTokens).toBe(3);
  });

  it('is off on a hub that listens beyond loopback without an ingest token', async () => {
    const hub = await startHub({ host: '0.0.0.0' });
    const res = await rawRequest(`http://127.0.0.1:${hub.port}`, '/api/events', {
      method: 'POST',
      body: JSON.stringify(pushed(lifecycleEvents(1))),
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error).toMatch(/ingest token/);
    expect(hub.log.headSeq).toBe(0);
  });

  it('refuses whole batches that are too large, too long, not JSON or not POST, with a clear answer', async () => {
    const hub = await startHub();
    const big = await rawRequest(hub.url, '/api/events', {
      method: 'POST',
      headers: { 'content-length': String(5 * 1024 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error).toMatch(/at most 4194304 bytes/);
    const long = await push(hub, pushed(lifecycleEvents(1_001)));
    expect(long.status).toBe(400);
    expect(long.answer.error).toMatch(/at most 1000 events/);
    expect((await push(hub, '[{"id":')).status).toBe(400);
    expect((await push(hub, { id: 'x' })).status).toBe(400);
    expect((await rawRequest(hub.url, '/api/events')).status).toBe(405);
    expect(hub.log.headSeq).toBe(0);
    expect(hub.stats().ingest.badBatches).toBe(4);
  });
});

describe('ingest over socket.io: namespace /ingest', () => {
  it('publishes with acks, answers a retry with the same seqs, and refuses a wrong token', async () => {
    const hub = await startHub({ ingestToken: 'platform-push' });
    const refused = connect(`${hub.url}/ingest`, {
      auth: { token: 'nope' },
      transports: ['websocket'],
      reconnection: false,
    });
    cleanups.push(() => void refused.close());
    const why = await new Promise<string>((resolve) =>
      refused.on('connect_error', (e) => resolve(e.message)),
    );
    expect(why).toMatch(/ingest token/);

    const socket = connect(`${hub.url}/ingest`, {
      auth: { token: 'platform-push' },
      transports: ['websocket'],
    });
    cleanups.push(() => void socket.close());
    const batch = pushed(lifecycleEvents(50));
    const first = (await socket.timeout(5_000).emitWithAck('publish', batch)) as IngestAnswer;
    expect(first.accepted).toBe(50);
    const again = (await socket.timeout(5_000).emitWithAck('publish', batch)) as IngestAnswer;
    expect(again.duplicates).toBe(50);
    expect(again.results.map((r) => (r.ok ? r.seq : 0))).toEqual(
      first.results.map((r) => (r.ok ? r.seq : 0)),
    );
    expect(hub.stats().ingest.badTokens).toBe(1);
  });
});

describe('ingest while walls watch', () => {
  it('100,000 events pushed in batches of 1,000: both walls hold exactly the hub’s log', async () => {
    const hub = await startHub({ ingestToken: 'push' });
    const walls = [0, 1].map(() => {
      const store = new WallStore({ scheduler: () => undefined });
      const received: Envelope[] = [];
      const gateway = new Gateway(store, { url: hub.url, onApplied: (e) => received.push(e) });
      gateway.start();
      cleanups.push(() => gateway.stop());
      return { store, received };
    });
    await until(
      () => walls.every((w) => w.store.connection === 'connected'),
      5_000,
      'walls connected',
    );
    const events = pushed(lifecycleEvents(100_000, 'C', { closing: true }));
    for (let i = 0; i < events.length; i += 1_000) {
      const { status, answer } = await push(hub, events.slice(i, i + 1_000), 'push');
      expect(status).toBe(200);
      expect(answer.accepted).toBe(1_000);
    }
    await until(
      () => walls.every((w) => w.store.lastSeq === 100_000),
      60_000,
      'both walls at the head',
    );
    const logged = await hub.log.range(1, hub.log.headSeq);
    expect(logged).toHaveLength(100_000);
    const shape = (e: Envelope) => `${e.seq} ${e.type} ${JSON.stringify(e.payload)}`;
    for (const wall of walls) {
      expect(wall.received).toHaveLength(100_000);
      expect(wall.received.map(shape)).toEqual(logged.map(shape));
      expect(wall.store.diagnostics.rejected).toBe(0);
    }
  }, 120_000);
});
