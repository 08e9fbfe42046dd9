import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMapping } from '../import/importFile';
import { startHub, type RunningHub } from '../startHub';
import { tempDir, until } from '../testSupport';
import type { Open311Poller } from './open311Client';

const CSV = resolve(__dirname, '../../../../shared/data/nyc/nyc311-2018-10-21.csv');
const MAPPING = resolve(__dirname, '../../../assets/mappings/open311-nyc.json');

/** `10/21/18 0:59` (New York, summer time) as GeoReport v2's ISO text with its offset. */
function isoOf(text: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}) (\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const pad = (v: string | undefined) => String(v).padStart(2, '0');
  return `20${m[3]}-${pad(m[1])}-${pad(m[2])}T${pad(m[4])}:${m[5]}:00-04:00`;
}

interface Request311 {
  service_request_id: string;
  status: 'open' | 'closed';
  service_code: string;
  service_name: string;
  description: string;
  agency_responsible: string;
  requested_datetime: string;
  updated_datetime: string;
  address: string;
  lat: number | null;
  long: number | null;
}

/**
 * A GeoReport v2 server over the real NYC 311 records of 21 October 2018: `requests.json` with
 * `updated_after` (inclusive), `page` and `page_size`, oldest update first. It can be stopped and
 * started again on the same port, and its requests closed later (`closeAll`).
 */
class GeoReportServer {
  server: Server | undefined;
  port = 0;
  asked = 0;
  /** The `updated_after` of every request asked, in order. */
  readonly cursors: (string | null)[] = [];

  constructor(readonly requests: Request311[]) {}

  static async fromCsv(): Promise<GeoReportServer> {
    const rows = parse(await readFile(CSV), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const requests: Request311[] = [];
    for (const row of rows) {
      const requested = isoOf(row['Created Date'] ?? '');
      if (!requested) continue;
      requests.push({
        service_request_id: row['Unique Key'] ?? '',
        // Every request starts open; `closeAll` closes those the city closed.
        status: 'open',
        service_code: row['Complaint Type'] ?? '',
        service_name: row['Complaint Type'] ?? '',
        description: row.Descriptor ?? '',
        agency_responsible: row.Agency ?? '',
        requested_datetime: requested,
        updated_datetime: requested,
        address: row['Incident Address'] ?? '',
        lat: row.Latitude ? Number(row.Latitude) : null,
        long: row.Longitude ? Number(row.Longitude) : null,
        closedInData: (row.Status ?? '').toLowerCase() === 'closed',
      } as Request311);
    }
    return new GeoReportServer(requests);
  }

  /** The city closes what it closed, updated after everything served so far. */
  closeAll(): void {
    const after = Date.parse('2018-10-23T00:00:00Z');
    let closed = 0;
    for (const r of this.requests)
      if ((r as Request311 & { closedInData: boolean }).closedInData) {
        r.status = 'closed';
        r.updated_datetime = new Date(after + closed * 1_000).toISOString();
        closed += 1;
      }
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.asked += 1;
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/open311/v2/requests.json') {
        res.writeHead(404).end();
        return;
      }
      const after = url.searchParams.get('updated_after');
      this.cursors.push(after);
      const page = Number(url.searchParams.get('page') ?? 1);
      const size = Number(url.searchParams.get('page_size') ?? 50);
      const list = this.requests
        .filter((r) => !after || Date.parse(r.updated_datetime) >= Date.parse(after))
        .sort(
          (a, b) =>
            Date.parse(a.updated_datetime) - Date.parse(b.updated_datetime) ||
            a.service_request_id.localeCompare(b.service_request_id),
        )
        .slice((page - 1) * size, page * size);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
    });
    await new Promise<void>((r) => this.server?.listen(this.port, '127.0.0.1', () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}/open311/v2/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

describe('Open311 GeoReport v2 client', () => {
  it('takes in real NYC requests, survives the server going away, resumes after a restart, and never doubles a step', async () => {
    const server = await GeoReportServer.fromCsv();
    const usable = server.requests.filter((r) => r.lat !== null && r.long !== null).length;
    expect(usable).toBeGreaterThan(6_000);
    const endpoint = await server.start();
    cleanups.push(() => server.stop());
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const mapping = await loadMapping(MAPPING);
    const source = {
      kind: 'open311' as const,
      endpoint,
      mapping,
      pageSize: 500,
      pollMs: 50,
      backoffMinMs: 20,
      backoffMaxMs: 100,
    };
    const start = () => startHub({ dataDir: dir, history: false, source });
    let running: RunningHub = await start();
    const stats = async () =>
      JSON.parse(
        await (await fetch(`${running.hub.url}/api/open311`)).text(),
      ) as Open311Poller['stats'];

    await until(
      () => running.hub.store.countByState().registered === usable,
      30_000,
      'every request registered',
    );
    expect((await stats()).refused).toBe(server.requests.length - usable);

    // The server goes away; the poller fails, waits longer each time, and loses nothing.
    await server.stop();
    const errorsBefore = (await stats()).errors;
    await new Promise((r) => setTimeout(r, 400));
    expect((await stats()).errors).toBeGreaterThan(errorsBefore);

    // While it is away, the city closes requests; then it comes back on the same address.
    // (Closed in 2018, they leave the live state at once: count them as the hub sends them.)
    let closedSent = 0;
    running.hub.onPublished((batch) => {
      closedSent += batch.filter((e) => e.type === 'case.closed').length;
    });
    server.closeAll();
    await server.start();
    const closedUsable = server.requests.filter(
      (r) => r.status === 'closed' && r.lat !== null,
    ).length;
    await until(() => closedSent === closedUsable, 30_000, 'closed requests closed');
    const cases = running.hub.store.countByState();
    expect(cases.registered).toBe(usable - closedUsable);

    // The hub restarts: it resumes from the cursor it wrote and applies nothing twice.
    await running.stop();
    running = await start();
    cleanups.push(() => running.stop());
    const askedBefore = server.asked;
    await until(() => server.asked > askedBefore + 2, 10_000, 'polls after the restart');
    const after = await stats();
    expect(after.published).toBe(0);
    const newest = new Date(
      Math.max(...server.requests.map((r) => Date.parse(r.updated_datetime))),
    ).toISOString();
    expect(after.cursor).toBe(newest);
    expect(server.cursors[askedBefore]).toBe(newest);

    const log = await running.hub.log.range(1, running.hub.log.headSeq);
    const count = (type: string) => log.filter((e) => e.type === type).length;
    expect(count('case.reported')).toBe(usable);
    expect(count('case.registered')).toBe(usable);
    expect(count('case.closed')).toBe(closedUsable);
    expect(new Set(log.map((e) => e.ref)).size).toBe(log.length);
    expect(running.hub.stats().diagnostics.rejected).toBe(0);
  }, 120_000);
});
