import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WallEvent } from '../../shared/protocol/events';
import type { CityInfo } from '../../shared/protocol/wire';

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempDir(
  prefix = 'citywall-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const TEST_CITY: CityInfo = {
  id: 'test',
  name: '测试城',
  nameEn: 'Test city',
  bounds: { west: 112, south: 23, east: 113, north: 24 },
};

/**
 * A stream of valid events: cases walking the full lifecycle, interleaved, `count` events in all.
 * Deterministic, so two runs make the same log.
 */
export function* lifecycleEvents(
  count: number,
  prefix = 'C',
  options: { closing?: boolean } = {},
): Generator<WallEvent> {
  const steps = [
    'case.reported',
    'case.registered',
    'case.dispatched',
    'case.accepted',
    'case.handled',
    'case.verified',
    'case.closed',
  ] as const;
  const base = Date.UTC(2026, 10, 23);
  let emitted = 0;
  let caseNo = 0;
  const open: { id: string; next: number }[] = [];
  while (emitted < count) {
    // Keep about 20 cases in flight so events of different cases interleave; `closing` keeps
    // exactly 20, so that cases also reach 结案 (otherwise new ones outpace the old).
    if (open.length < 20 || (!options.closing && emitted % 3 === 0)) {
      caseNo += 1;
      open.push({ id: `${prefix}${caseNo}`, next: 0 });
    }
    const c = open[emitted % open.length] as { id: string; next: number };
    const type = steps[c.next] as (typeof steps)[number];
    const at = base + emitted * 1000;
    const payload =
      type === 'case.reported'
        ? {
            caseId: c.id,
            at,
            category: 'event/appearance/exposed-garbage',
            urgent: false,
            position: { lon: 112.5, lat: 23.5 },
            source: 'inspector' as const,
          }
        : type === 'case.dispatched'
          ? { caseId: c.id, at, department: '城管局' }
          : { caseId: c.id, at };
    yield { type, payload } as WallEvent;
    emitted += 1;
    c.next += 1;
    if (c.next === steps.length) open.splice(open.indexOf(c), 1);
  }
}

/** An HTTP request with the path sent exactly as given (fetch would normalise it). */
export function rawRequest(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: { connection: 'close', ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Polls `check` every 10 ms until it holds, or fails naming `what`. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
