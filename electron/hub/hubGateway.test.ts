import { afterEach, describe, expect, it } from 'vitest';
import { Gateway } from '../../shared/gateway/gateway';
import { WallStore } from '../../shared/gateway/wallStore';
import type { Envelope } from '../../shared/protocol/envelope';
import { Hub } from './hub';
import { lifecycleEvents, tempDir, TEST_CITY, until } from './testSupport';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

describe('hub → gateway over loopback', () => {
  it('delivers 10,000 events through 50 forced disconnects and 2 hub restarts with no loss, duplicate or reorder', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    let hub = await Hub.start({ city: TEST_CITY, dataDir: dir, windowSize: 2_000 });
    const port = hub.port;
    cleanups.push(() => hub.close());

    const store = new WallStore({ scheduler: () => undefined });
    const received: Envelope[] = [];
    const gateway = new Gateway(store, {
      url: hub.url,
      backoffMin: 10,
      backoffMax: 100,
      fetchTimeoutMs: 1_000,
      onApplied: (e) => received.push(e),
    });
    cleanups.push(async () => gateway.stop());
    gateway.start();
    await until(() => store.connection === 'connected', 5_000, 'first connection');

    const total = 10_000;
    let published = 0;
    let drops = 0;
    let restarts = 0;
    const source = lifecycleEvents(total);

    while (published < total) {
      const batch = [];
      for (let i = 0; i < 40 && published < total; i += 1, published += 1)
        batch.push(source.next().value);
      const result = hub.publish(batch);
      expect(result.rejected).toBe(0);
      if (published % 200 === 0 && drops < 50) {
        // Each drop must hit a live connection, or it tests nothing.
        await until(
          () => gateway.connected && store.connection !== 'reconnecting',
          10_000,
          'reconnection',
        );
        drops += 1;
        if (drops % 2 === 0) hub.dropAllClients();
        else gateway.simulateNetworkDrop();
      }
      if ((published === 3_400 || published === 6_800) && restarts < 2) {
        restarts += 1;
        await hub.close();
        hub = await Hub.start({ city: TEST_CITY, dataDir: dir, port, windowSize: 2_000 });
      }
      await sleep(2);
    }
    expect(drops).toBe(50);
    expect(restarts).toBe(2);

    await until(
      () => store.lastSeq === total && store.connection === 'connected',
      20_000,
      'the gateway to catch up',
    );
    const hubLog = await hub.log.range(1, total);
    expect(hubLog).toHaveLength(total);
    expect(received.map((e) => e.seq)).toEqual(hubLog.map((e) => e.seq));
    expect(received).toEqual(hubLog);
    expect(store.diagnostics.rejected).toBe(0);
    expect(store.diagnostics.reconnects).toBeGreaterThanOrEqual(50);
    // The wall's cases agree with the hub's, count for count.
    expect(store.cases.countByState()).toEqual(hub.store.countByState());
  }, 60_000);

  it('requires the token when one is configured', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const hub = await Hub.start({ city: TEST_CITY, dataDir: dir, token: 's3cret' });
    cleanups.push(() => hub.close());
    hub.publish([...lifecycleEvents(3)]);

    const wrong = new WallStore({ scheduler: () => undefined });
    const denied = new Gateway(wrong, { url: hub.url, token: 'guess', backoffMin: 50 });
    cleanups.push(async () => denied.stop());
    denied.start();
    const right = new WallStore({ scheduler: () => undefined });
    const allowed = new Gateway(right, { url: hub.url, token: 's3cret' });
    cleanups.push(async () => allowed.stop());
    allowed.start();
    await until(() => right.lastSeq === 3, 5_000, 'the allowed client');
    // The refusal itself is the signal (a counted bad token), not a pause.
    await until(
      () => hub.health.badTokens >= 1 && wrong.connection === 'reconnecting',
      5_000,
      'the refusal',
    );
    expect(wrong.lastSeq).toBe(0);
  });

  it('refuses browser pages from origins it was not told to trust', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const hub = await Hub.start({
      city: TEST_CITY,
      dataDir: dir,
      corsOrigins: ['https://wall.example.gov.cn'],
    });
    cleanups.push(() => hub.close());
    hub.publish([...lifecycleEvents(2)]);
    const connectFrom = (origin: string) => {
      const store = new WallStore({ scheduler: () => undefined });
      const gateway = new Gateway(store, {
        url: hub.url,
        backoffMin: 50,
        socketOptions: { extraHeaders: { origin }, transports: ['websocket'] },
      });
      cleanups.push(async () => gateway.stop());
      gateway.start();
      return store;
    };
    const evil = connectFrom('https://evil.example');
    const trusted = connectFrom('https://wall.example.gov.cn');
    const local = connectFrom('http://127.0.0.1:5173');
    await until(() => trusted.lastSeq === 2 && local.lastSeq === 2, 5_000, 'trusted origins');
    // A refused connection ends in a connect_error: the evil page is reconnecting, never greeted.
    await until(() => evil.connection === 'reconnecting', 5_000, 'the refusal');
    expect(evil.lastSeq).toBe(0);
  });

  it('starts over when the hub comes back with a replaced log', async () => {
    const first = await tempDir();
    const second = await tempDir();
    cleanups.push(first.cleanup, second.cleanup);
    let hub = await Hub.start({ city: TEST_CITY, dataDir: first.dir });
    const port = hub.port;
    cleanups.push(() => hub.close());
    hub.publish([...lifecycleEvents(50)]);
    const store = new WallStore({ scheduler: () => undefined });
    const gateway = new Gateway(store, { url: hub.url, backoffMin: 10, backoffMax: 50 });
    cleanups.push(async () => gateway.stop());
    gateway.start();
    await until(() => store.lastSeq === 50, 5_000, 'first log');
    await hub.close();
    hub = await Hub.start({ city: TEST_CITY, dataDir: second.dir, port });
    hub.publish([...lifecycleEvents(5, 'N')]);
    await until(
      () => store.lastSeq === 5 && store.connection === 'connected',
      5_000,
      'the new log',
    );
    expect(store.cases.size).toBe(hub.store.size);
    expect(store.cases.get('N1')).toBeDefined();
    expect(store.cases.get('C1')).toBeUndefined();
  });

  it("tells the walls where the city's days begin, and their today's figures turn on it", async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const hub = await Hub.start({ city: TEST_CITY, dataDir: dir, utcOffsetMinutes: 0 });
    cleanups.push(() => hub.close());
    // 23:30 UTC on one day, 00:30 UTC on the next: one day apart in UTC, the same day at UTC+8.
    const late = Date.UTC(2026, 10, 23, 23, 30);
    hub.publish([
      {
        type: 'case.reported',
        payload: {
          caseId: 'L',
          at: late,
          category: 'event/appearance/exposed-garbage',
          urgent: false,
          position: { lon: 112.5, lat: 23.5 },
          source: 'inspector',
        },
      },
      {
        type: 'case.reported',
        payload: {
          caseId: 'E',
          at: late + 3_600_000,
          category: 'event/appearance/exposed-garbage',
          urgent: false,
          position: { lon: 112.5, lat: 23.5 },
          source: 'inspector',
        },
      },
    ]);
    const store = new WallStore({ scheduler: () => undefined });
    const gateway = new Gateway(store, { url: hub.url });
    cleanups.push(async () => gateway.stop());
    gateway.start();
    await until(() => store.lastSeq === 2, 5_000, 'the two reports');
    expect(store.city?.utcOffsetMinutes).toBe(0);
    expect(store.cases.kpisOfDay(store.cases.dayOf(late)).reported).toBe(1);
    expect(store.cases.kpisOfDay(store.cases.dayOf(late + 3_600_000)).reported).toBe(1);
    expect(hub.store.kpisOfDay(hub.store.dayOf(late)).reported).toBe(1);
  });
});
