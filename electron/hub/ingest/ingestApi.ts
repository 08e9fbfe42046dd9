import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Namespace } from 'socket.io';
import { MAX_REF_LENGTH } from '../../../shared/protocol/envelope';
import { HubAccess } from '../access';
import type { ItemOutcome, PushedItem } from '../publishPipeline';

/** The largest request body the ingest API reads (answered 413 beyond it). */
const MAX_INGEST_BYTES = 4 * 1024 * 1024;
/** The most events in one push (answered 400 beyond it). */
const MAX_INGEST_BATCH = 1_000;

/** What the ingest API did since start, in `/api/status`. */
export interface IngestStats {
  /** Off when the hub listens beyond loopback without an ingest token. */
  readonly enabled: boolean;
  batches: number;
  accepted: number;
  /** Events pushed again with an id already logged: answered with their seq, not applied twice. */
  duplicates: number;
  refused: number;
  /** Pushes refused for a missing or wrong ingest token. */
  badTokens: number;
  /** Pushes refused whole: not JSON, not an array, too long or too large. */
  badBatches: number;
}

/** One event's answer: its platform id, and its seq or why it was refused. */
export type IngestResult = { readonly id: string | null } & ItemOutcome;

export interface IngestAnswer {
  readonly accepted: number;
  readonly duplicates: number;
  readonly refused: number;
  readonly results: readonly IngestResult[];
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * The hub's door for platforms that push cases: `POST /api/events` and the socket.io namespace
 * `/ingest` (`publish`), with their own token, separate from the walls' read token. Each pushed
 * event carries the platform's own id; a retry is answered with the seq the event already has.
 * Answers are sent once the accepted events are on disk.
 */
export class IngestApi {
  readonly stats: IngestStats;
  private readonly access: HubAccess | undefined;

  constructor(
    options: { readonly token?: string | undefined; readonly host: string },
    private readonly publish: (items: readonly PushedItem[]) => {
      readonly outcomes: ItemOutcome[];
      readonly written: Promise<void>;
    },
  ) {
    this.access = options.token ? new HubAccess(options.token) : undefined;
    const enabled = Boolean(options.token) || LOOPBACK_HOSTS.has(options.host);
    this.stats = {
      enabled,
      batches: 0,
      accepted: 0,
      duplicates: 0,
      refused: 0,
      badTokens: 0,
      badBatches: 0,
    };
  }

  /** Why a push is not taken from this caller, or undefined when it is (counted). */
  private refusal(token: unknown): { status: 401 | 403; error: string } | undefined {
    if (!this.stats.enabled)
      return {
        status: 403,
        error:
          'ingest is off: this hub listens beyond loopback and has no ingest token (--ingest-token or CITYWALL_INGEST_TOKEN)',
      };
    if (this.access && !this.access.tokenMatches(token)) {
      this.stats.badTokens += 1;
      return { status: 401, error: 'a valid ingest token is needed (Authorization: Bearer …)' };
    }
    return undefined;
  }

  /** Checks a batch and publishes it; a batch refused whole answers an error instead. */
  async ingest(batch: unknown): Promise<IngestAnswer | { readonly error: string }> {
    if (!Array.isArray(batch)) {
      this.stats.badBatches += 1;
      return { error: 'the body must be a JSON array of events' };
    }
    if (batch.length > MAX_INGEST_BATCH) {
      this.stats.badBatches += 1;
      return { error: `at most ${MAX_INGEST_BATCH} events per push, not ${batch.length}` };
    }
    this.stats.batches += 1;
    const ids = batch.map(platformId);
    const items: PushedItem[] = [];
    batch.forEach((item, k) => {
      const ref = ids[k];
      if (ref) items.push({ ref, event: item });
    });
    const { outcomes, written } = this.publish(items);
    await written;
    let next = 0;
    const results: IngestResult[] = ids.map((id) =>
      id
        ? { id, ...(outcomes[next++] as ItemOutcome) }
        : {
            id: null,
            ok: false,
            reason: 'bad-envelope',
            detail: `each event needs the platform's own id in "id" (text of 1 to ${MAX_REF_LENGTH} characters)`,
          },
    );
    const answer = {
      accepted: results.filter((r) => r.ok && !r.duplicate).length,
      duplicates: results.filter((r) => r.ok && r.duplicate).length,
      refused: results.filter((r) => !r.ok).length,
      results,
    };
    this.stats.accepted += answer.accepted;
    this.stats.duplicates += answer.duplicates;
    this.stats.refused += answer.refused;
    return answer;
  }

  /** `POST /api/events`: a JSON array of `{id, type, payload}`; answers 200 with one result per event. */
  handle(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (res.headersSent) return;
      res
        .writeHead(status, {
          ...cors,
          ...headers,
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        })
        .end(JSON.stringify(body));
    };
    if (req.method !== 'POST') {
      answer(405, { error: 'push events with POST' }, { allow: 'POST' });
      req.resume();
      return;
    }
    const header = req.headers.authorization;
    const refused = this.refusal(
      typeof header === 'string' && header.startsWith('Bearer ')
        ? header.slice('Bearer '.length)
        : undefined,
    );
    if (refused) {
      answer(
        refused.status,
        { error: refused.error },
        refused.status === 401 ? { 'www-authenticate': 'Bearer' } : {},
      );
      req.resume();
      return;
    }
    const tooLarge = () => {
      this.stats.badBatches += 1;
      answer(
        413,
        { error: `a push is at most ${MAX_INGEST_BYTES} bytes; send fewer events at a time` },
        { connection: 'close' },
      );
    };
    if (Number(req.headers['content-length'] ?? 0) > MAX_INGEST_BYTES) {
      tooLarge();
      req.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_INGEST_BYTES) {
        tooLarge();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_INGEST_BYTES) return;
      let batch: unknown;
      try {
        batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        this.stats.badBatches += 1;
        answer(400, { error: `the body is not JSON: ${(error as Error).message.slice(0, 200)}` });
        return;
      }
      void this.ingest(batch).then(
        (result) => answer('error' in result ? 400 : 200, result),
        (error: unknown) => answer(500, { error: String(error).slice(0, 200) }),
      );
    });
  }

  /**
   * The socket.io namespace `/ingest` for platforms that keep a connection: the ingest token in
   * `auth.token`, then `publish(events, ack)` with the same checks and the same answer.
   */
  attach(nsp: Namespace): void {
    nsp.use((socket, next) => {
      const refused = this.refusal((socket.handshake.auth as { token?: unknown }).token);
      next(refused ? new Error(refused.error) : undefined);
    });
    nsp.on('connection', (socket) => {
      socket.on('publish', (batch: unknown, ack: unknown) => {
        if (typeof ack !== 'function') {
          this.stats.badBatches += 1;
          return;
        }
        const reply = ack as (answer: unknown) => void;
        void this.ingest(batch).then(reply, (error: unknown) =>
          reply({ error: String(error).slice(0, 200) }),
        );
      });
    });
  }
}

function platformId(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_REF_LENGTH ? id : undefined;
}
