import { open, readFile, rename } from 'node:fs/promises';
import { Backoff } from '../../../shared/gateway/backoff';
import { bindMapping, type MappedRecord } from '../import/mapRecord';
import type { LoadedMapping } from '../import/mapping';
import { objectValues } from '../import/readRecords';
import type { ItemOutcome, PushedItem } from '../publishPipeline';

/** The fields of a GeoReport v2 service request: the columns an Open311 mapping may name. */
const GEOREPORT_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
] as const;

export interface Open311Options {
  /** The GeoReport v2 base URL; `requests.json` is asked below it. */
  readonly endpoint: string;
  readonly mapping: LoadedMapping;
  /** Where the poller keeps how far it got, so a restart resumes there. */
  readonly cursorFile: string;
  readonly pageSize?: number;
  /** Between polls once caught up (default 60 s). */
  readonly pollMs?: number;
  readonly backoffMinMs?: number;
  readonly backoffMaxMs?: number;
  /** Sent as `jurisdiction_id` and `api_key` when given (some servers want them). */
  readonly jurisdictionId?: string;
  readonly apiKey?: string;
  /** Per request (default 15 s). */
  readonly timeoutMs?: number;
}

export interface Open311Stats {
  polls: number;
  pages: number;
  records: number;
  /** Records the mapping could not make a case of (their last reasons in `lastRefusals`). */
  refused: number;
  /** Lifecycle steps newly applied, and those already applied by an earlier poll. */
  published: number;
  duplicates: number;
  /** Steps the hub refused (an impossible transition, …). */
  rejected: number;
  errors: number;
  lastError?: string;
  lastRefusals: string[];
  /** The newest `updated_datetime` taken in: the next poll asks from there. */
  cursor: string | undefined;
}

interface Sink {
  publishEach(items: readonly PushedItem[]): {
    readonly outcomes: ItemOutcome[];
    readonly written: Promise<void>;
  };
}

/**
 * Polls a GeoReport v2 (Open311) server for service requests updated since it last looked
 * (`updated_after`, `page`, `page_size`), maps each through a mapping file and publishes the
 * lifecycle steps it reached. Each step is pushed with the id `open311:<case>:<step>`, so a page
 * seen twice (a retry after the server went away, the inclusive cursor, a hub restart) applies
 * nothing twice, and a request seen open and later closed gets only its new steps. The cursor
 * moves, and is written to disk, only after a whole poll's steps are on disk: an error retries
 * from where it stood, after a growing delay.
 */
export class Open311Poller {
  readonly stats: Open311Stats = {
    polls: 0,
    pages: 0,
    records: 0,
    refused: 0,
    published: 0,
    duplicates: 0,
    rejected: 0,
    errors: 0,
    lastRefusals: [],
    cursor: undefined,
  };
  private readonly map: (values: Readonly<Record<string, string>>) => MappedRecord;
  private readonly backoff: Backoff;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** The poll under way or the last one (stop waits for it). */
  private running: Promise<void> | undefined;
  private abort: AbortController | undefined;

  constructor(
    private readonly sink: Sink,
    private readonly options: Open311Options,
  ) {
    this.map = bindMapping(options.mapping, GEOREPORT_FIELDS);
    this.backoff = new Backoff(options.backoffMinMs ?? 1_000, options.backoffMaxMs ?? 60_000);
  }

  async start(): Promise<void> {
    try {
      const saved = JSON.parse(await readFile(this.options.cursorFile, 'utf8')) as unknown;
      const cursor = (saved as { cursor?: unknown }).cursor;
      if (typeof cursor === 'string' && Number.isFinite(Date.parse(cursor)))
        this.stats.cursor = cursor;
    } catch {
      // No cursor yet (or an unreadable one): start from the beginning; steps already applied
      // are recognised by their ids, so nothing doubles.
    }
    this.schedule(0);
  }

  /** Stops polling; resolves once a poll under way has finished or been cut off. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort?.abort();
    await this.running?.catch(() => undefined);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    // One poll at a time: the next is scheduled only once this one has ended.
    this.timer = setTimeout(() => {
      this.running = this.poll();
      void this.running.then(
        () => {
          this.backoff.reset();
          this.schedule(this.options.pollMs ?? 60_000);
        },
        (error: unknown) => {
          this.stats.errors += 1;
          this.stats.lastError = String(error instanceof Error ? error.message : error).slice(
            0,
            300,
          );
          this.schedule(this.backoff.next());
        },
      );
    }, ms);
  }

  private async poll(): Promise<void> {
    this.stats.polls += 1;
    const size = this.options.pageSize ?? 100;
    let newest = this.stats.cursor;
    for (let page = 1; !this.stopped; page += 1) {
      const requests = await this.fetchPage(page, size);
      this.stats.pages += 1;
      const items: PushedItem[] = [];
      for (const request of requests) {
        this.stats.records += 1;
        const values = objectValues(request) ?? {};
        const updated = values.updated_datetime ?? '';
        if (
          Number.isFinite(Date.parse(updated)) &&
          (!newest || Date.parse(updated) > Date.parse(newest))
        )
          newest = updated;
        const mapped = this.map(values);
        if (!mapped.ok) {
          this.stats.refused += 1;
          this.stats.lastRefusals = [
            `${values.service_request_id ?? '?'}: ${mapped.reason}`,
            ...this.stats.lastRefusals,
          ].slice(0, 20);
          continue;
        }
        for (const event of mapped.events)
          items.push({ ref: `open311:${mapped.caseId}:${event.type}`, event });
      }
      for (let i = 0; i < items.length; i += 1_000) {
        const { outcomes, written } = this.sink.publishEach(items.slice(i, i + 1_000));
        await written;
        for (const o of outcomes)
          if (!o.ok) this.stats.rejected += 1;
          else if (o.duplicate) this.stats.duplicates += 1;
          else this.stats.published += 1;
      }
      if (requests.length < size) break;
    }
    if (this.stopped || newest === this.stats.cursor) return;
    this.stats.cursor = newest;
    await saveCursor(this.options.cursorFile, newest as string);
  }

  private async fetchPage(page: number, size: number): Promise<unknown[]> {
    const url = new URL('requests.json', this.options.endpoint.replace(/\/?$/, '/'));
    if (this.stats.cursor) url.searchParams.set('updated_after', this.stats.cursor);
    url.searchParams.set('page', String(page));
    url.searchParams.set('page_size', String(size));
    if (this.options.jurisdictionId)
      url.searchParams.set('jurisdiction_id', this.options.jurisdictionId);
    if (this.options.apiKey) url.searchParams.set('api_key', this.options.apiKey);
    this.abort = new AbortController();
    const timeout = setTimeout(() => this.abort?.abort(), this.options.timeoutMs ?? 15_000);
    try {
      const res = await fetch(url, {
        signal: this.abort.signal,
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`${url.origin}${url.pathname} answered ${res.status}`);
      const body = (await res.json()) as unknown;
      if (!Array.isArray(body)) throw new Error('requests.json did not answer a JSON array');
      return body;
    } finally {
      clearTimeout(timeout);
    }
  }
}

/** Written whole to a temporary file and renamed over the last one. */
async function saveCursor(file: string, cursor: string): Promise<void> {
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify({ cursor, savedAt: new Date().toISOString() }));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}
