import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryAnswer } from '../../../shared/protocol/history';
import { Hub } from '../hub';
import { startHub } from '../startHub';
import { DEMO_CITY } from '../sources/demoCity';
import { DemoSimulator } from '../sources/simulator';
import { rawRequest, tempDir } from '../testSupport';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

const TOKEN = 'history-test-token';
/** A fixed moment, so the seeded days are the same every run: 2026-11-20 12:00 in Zhaoqing. */
const NOW = Date.UTC(2026, 10, 20, 4, 0, 0);
const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;

async function demoHub(dir: string) {
  const hub = await Hub.start({ city: DEMO_CITY, dataDir: dir, token: TOKEN, historyFlushMs: 20 });
  cleanups.push(() => hub.close());
  return hub;
}

async function ask(hub: Hub, query: string) {
  const res = await rawRequest(hub.url, `/api/history?${query}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return { status: res.status, body: JSON.parse(res.body) as HistoryAnswer & { error?: string } };
}

/** Three days of the demo city, seeded through the hub's own publish path. */
async function seeded(dir: string) {
  const hub = await demoHub(dir);
  const sim = new DemoSimulator(hub, { historyHours: 72, now: () => NOW, seed: 7 });
  // start() seeds the history (every case planned over the 72 hours) and publishes what is due.
  sim.start(60_000);
  sim.stop();
  await hub.drain();
  return hub;
}

/** What the log says, counted here without the hub's stores: per case, its district, day and steps. */
async function countsFromLog(dir: string) {
  const lines = (await readFile(join(dir, 'events.jsonl'), 'utf8')).split('\n').filter(Boolean);
  const cases = new Map<string, { day: number; street: string; steps: Set<string> }>();
  for (const line of lines) {
    const e = JSON.parse(line) as { type: string; payload: Record<string, unknown> };
    if (!e.type.startsWith('case.')) continue;
    const id = e.payload.caseId as string;
    if (e.type === 'case.reported')
      cases.set(id, {
        day: Math.floor(((e.payload.at as number) + OFFSET) / DAY),
        street: String(e.payload.street ?? ''),
        steps: new Set(),
      });
    cases.get(id)?.steps.add(e.type);
  }
  return cases;
}

describe('the hub keeps its cases in a history database and answers /api/history', () => {
  it('counts per street and day equal those counted from the log itself', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const hub = await seeded(dir);
    const cases = await countsFromLog(dir);
    expect(cases.size).toBeGreaterThan(500);

    const days = [...new Set([...cases.values()].map((c) => c.day))].sort();
    const first = new Date((days[0] as number) * DAY).toISOString().slice(0, 10);
    const last = new Date((days[days.length - 1] as number) * DAY).toISOString().slice(0, 10);
    const { status, body } = await ask(
      hub,
      `from=${first}&to=${last}&groupBy=street,day&limit=5000&compare=none`,
    );
    expect(status).toBe(200);
    expect(body.truncated).toBe(false);
    type Counts = {
      reported: number;
      registered: number;
      voided: number;
      closed: number;
      reworked: number;
    };
    const expected = new Map<string, Counts>();
    for (const c of cases.values()) {
      const key = `${c.street}|${new Date(c.day * DAY).toISOString().slice(0, 10)}`;
      const e = expected.get(key) ?? {
        reported: 0,
        registered: 0,
        voided: 0,
        closed: 0,
        reworked: 0,
      };
      e.reported += 1;
      if (c.steps.has('case.registered')) e.registered += 1;
      if (c.steps.has('case.voided')) e.voided += 1;
      if (c.steps.has('case.closed')) e.closed += 1;
      if (c.steps.has('case.reworked')) e.reworked += 1;
      expected.set(key, e);
    }
    const got = new Map(
      body.rows.map((r) => [
        `${r.key.street}|${r.key.day}`,
        {
          reported: r.figures.reported,
          registered: r.figures.registered,
          voided: r.figures.voided,
          closed: r.figures.closed,
          reworked: r.figures.reworked,
        },
      ]),
    );
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
    expect(body.total.reported).toBe(cases.size);
    expect(body.rows.length).toBeGreaterThan(10);
  });

  it('over all time the history says what the live store says, rates included', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const hub = await seeded(dir);
    const { body } = await ask(hub, 'from=2026-11-01&to=2026-11-30&compare=none');
    const live = hub.store.kpis();
    for (const key of [
      'reported',
      'registered',
      'voided',
      'dispatched',
      'handled',
      'handledOnTime',
      'closed',
      'closedOnTime',
      'reworked',
      'extended',
      'registrationRate',
      'dispatchRate',
      'closureRate',
      'onTimeClosureRate',
      'reworkRate',
      'extensionRate',
    ] as const)
      expect([key, body.total[key]]).toEqual([key, live[key]]);
    expect(body.total.closed).toBeGreaterThan(0);
    expect(body.total.extended).toBeGreaterThan(0);
  });

  it('a day is compared with the day before, a month with the calendar month before', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const hub = await seeded(dir);
    const cases = await countsFromLog(dir);
    const perDay = new Map<number, number>();
    for (const c of cases.values()) perDay.set(c.day, (perDay.get(c.day) ?? 0) + 1);
    const day = Math.floor((NOW + OFFSET) / DAY) - 1;
    const name = new Date(day * DAY).toISOString().slice(0, 10);
    const { body } = await ask(hub, `period=day&date=${name}&groupBy=hour`);
    expect(body.period.firstDay).toBe(name);
    expect(body.total.reported).toBe(perDay.get(day));
    expect(body.previous?.total.reported).toBe(perDay.get(day - 1));
    expect(body.rows.reduce((n, r) => n + r.figures.reported, 0)).toBe(perDay.get(day));
    const month = await ask(hub, 'period=month&date=2026-11-20');
    expect(month.body.period).toMatchObject({ firstDay: '2026-11-01', lastDay: '2026-11-30' });
    expect(month.body.previous?.period).toMatchObject({
      firstDay: '2026-10-01',
      lastDay: '2026-10-31',
    });
  });

  it('refuses a century, an unknown group, SQL in a parameter and a missing token, with reasons', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const hub = await demoHub(dir);
    const century = await ask(hub, 'from=2000-01-01&to=2099-12-31');
    expect(century.status).toBe(400);
    expect(century.body.error).toMatch(/at most 732 days/);
    const group = await ask(hub, 'groupBy=district,colour');
    expect([group.status, group.body.error]).toEqual([
      400,
      expect.stringMatching(/unknown group "colour"/),
    ]);
    const sql = await ask(hub, `groupBy=${encodeURIComponent('district; DROP TABLE cases; --')}`);
    expect(sql.status).toBe(400);
    const date = await ask(hub, `date=${encodeURIComponent("2026-11-20' OR 1=1")}`);
    expect([date.status, date.body.error]).toEqual([400, 'date must be a YYYY-MM-DD date']);
    const anonymous = await rawRequest(hub.url, '/api/history');
    expect(anonymous.status).toBe(401);
    // The table is still there and answers.
    expect((await ask(hub, 'period=day')).status).toBe(200);
  });

  it('a restarted hub writes only what came after; a damaged database is set aside and rebuilt, and the wall told', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    let hub = await seeded(dir);
    const before = (await ask(hub, 'from=2026-11-01&to=2026-11-30')).body.total;
    await hub.close();
    cleanups.pop();

    hub = await demoHub(dir);
    const restarted = hub.stats().history as { rowsWritten: number; seq: number; rebuilt?: string };
    expect(restarted.rowsWritten).toBe(0);
    expect(restarted.seq).toBe(hub.log.headSeq);
    expect((await ask(hub, 'from=2026-11-01&to=2026-11-30')).body.total).toEqual(before);
    expect(hub.notices().map((n) => n.kind)).not.toContain('history-rebuilt');
    await hub.close();
    cleanups.pop();

    await writeFile(join(dir, 'history.duckdb'), 'this is not a database'.repeat(1000));
    hub = await demoHub(dir);
    const notice = hub.notices().find((n) => n.kind === 'history-rebuilt');
    expect(notice?.path).toMatch(/history\.duckdb\.damaged-\d+$/);
    expect(await readFile(notice?.path as string, 'utf8')).toMatch(/^this is not a database/);
    expect((await ask(hub, 'from=2026-11-01&to=2026-11-30')).body.total).toEqual(before);
  });

  it('--seed-history makes days of the city through the hub itself: nothing refused, each day there', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const running = await startHub({
      dataDir: dir,
      token: TOKEN,
      source: { kind: 'demo', seedDays: 4, casesPerMinute: 0.5, historyHours: 0 },
    });
    cleanups.push(() => running.stop());
    const { hub } = running;
    expect(hub.diagnostics.rejected).toBe(0);
    const today = new Date(Date.now() + OFFSET).toISOString().slice(0, 10);
    const fourDaysAgo = new Date(Date.now() + OFFSET - 4 * DAY).toISOString().slice(0, 10);
    const { body } = await ask(hub, `from=${fourDaysAgo}&to=${today}&groupBy=day&compare=none`);
    // Half a case a minute: about 720 a day, on each of the four days seeded (and the ends).
    const whole = body.rows.filter((r) => r.key.day !== fourDaysAgo && r.key.day !== today);
    expect(whole.length).toBe(3);
    for (const row of whole) expect(row.figures.reported).toBeGreaterThan(600);
    // Every case reported, also those closed days ago that have left the live state since.
    expect(body.total.reported).toBe(hub.store.kpis().reported);
    expect(hub.store.size).toBeLessThan(body.total.reported);
    expect(body.total.closed).toBeGreaterThan(body.total.reported * 0.8);
  });
});
