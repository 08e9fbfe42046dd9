import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server, type Namespace } from 'socket.io';
import { checkBusMessage } from '../../shared/bus/messages';
import { CaseStore } from '../../shared/domain/caseStore';
import type { DeadlineTable } from '../../shared/domain/deadlines';
import {
  countRejection,
  emptyDiagnostics,
  type Diagnostics,
} from '../../shared/gateway/diagnostics';
import { validateEvent, type Envelope } from '../../shared/protocol/envelope';
import {
  MAX_FETCH,
  WALL_NAMESPACE,
  type CityInfo,
  type ClientToServer,
  type FetchReply,
  type HelloReply,
  type ServerToClient,
} from '../../shared/protocol/wire';
import { EventLog, type EventLogReport } from './eventLog';
import { serveStatic } from './staticFiles';

export interface HubOptions {
  readonly city: CityInfo;
  /** Folder of the event log; it survives restarts. */
  readonly dataDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** When set, clients must present it in `auth.token`. */
  readonly token?: string;
  /** A built renderer to serve at `/` (the browser preview). */
  readonly serveDir?: string;
  readonly windowSize?: number;
  readonly deadlines?: DeadlineTable;
  /**
   * Browser origins allowed to connect, besides pages on this machine's loopback (the preview).
   * Electron walls connect from Node and send no origin at all.
   */
  readonly corsOrigins?: readonly string[];
  /** The city pack's files, served at `/citypack/<name>` (the map reads them from there). */
  readonly cityPack?: CityPackFiles;
  /** More HTTP routes (the demo's media server, the camera catalogue), tried in order. */
  readonly routes?: readonly HubRoute[];
}

/**
 * Answers a request and returns true, or returns false to leave it to the next route. `headers`
 * carries the CORS answer for the request's origin.
 */
export type HubRoute = (
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
) => boolean;

/** A city pack file by name: its text (JSON) or bytes (a `columns` buildings file), or undefined. */
export type CityPackFiles = (name: string) => Promise<string | Uint8Array | undefined>;

const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

export interface HubStats {
  readonly hubId: string;
  readonly headSeq: number;
  readonly clients: number;
  readonly cases: ReturnType<CaseStore['countByState']>;
  readonly kpis: ReturnType<CaseStore['kpis']>;
  readonly diagnostics: Diagnostics;
  readonly logReport: EventLogReport;
}

export interface PublishResult {
  readonly accepted: readonly Envelope[];
  readonly rejected: number;
}

const REPLAY_CHUNK = 2_000;

/**
 * The hub: a socket.io server on namespace `/wall` in front of an ordered event log. Sources
 * (the demo simulator, a data-set replay, a platform adapter) publish events; each is validated
 * and run through the lifecycle before it gets a seq, so the log holds only what a wall can apply.
 */
export class Hub {
  readonly hubId = randomUUID();
  readonly store: CaseStore;
  readonly diagnostics = emptyDiagnostics();
  private outgoing: Envelope[] = [];
  private flushScheduled = false;
  private readonly listeners = new Set<(envelopes: readonly Envelope[]) => void>();

  private constructor(
    private readonly options: HubOptions,
    readonly log: EventLog,
    readonly logReport: EventLogReport,
    readonly io: Server<ClientToServer, ServerToClient>,
    private readonly nsp: Namespace<ClientToServer, ServerToClient>,
    readonly port: number,
    private readonly http: HttpServer,
  ) {
    this.store = new CaseStore({
      bounds: options.city.bounds,
      ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    });
  }

  static async start(options: HubOptions): Promise<Hub> {
    const { log, report, entries } = await EventLog.open(join(options.dataDir, 'events.jsonl'), {
      ...(options.windowSize ? { windowSize: options.windowSize } : {}),
    });
    // Requests can only arrive once listening, by which time the hub exists.
    const ready: { hub?: Hub } = {};
    const http: HttpServer = createServer((req, res) => {
      if (ready.hub) ready.hub.handleHttp(req, res);
      else res.writeHead(503).end();
    });
    const originAllowed = (origin: string | undefined): boolean =>
      !origin || LOOPBACK_ORIGIN.test(origin) || (options.corsOrigins ?? []).includes(origin);
    const io = new Server<ClientToServer, ServerToClient>(http, {
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
      maxHttpBufferSize: 64 * 1024,
      serveClient: false,
      cors: { origin: (origin, callback) => callback(null, originAllowed(origin)) },
      // CORS only stops a browser from reading answers; this refuses the connection itself.
      allowRequest: (req, callback) => callback(null, originAllowed(req.headers.origin)),
    });
    const nsp = io.of(WALL_NAMESPACE);
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const port = (http.address() as AddressInfo).port;
    const hub = new Hub(options, log, report, io, nsp, port, http);
    ready.hub = hub;
    // Rebuild the case state from the log so a restarted hub validates the next event correctly.
    for (const envelope of entries) hub.store.apply(envelope);
    hub.attach();
    return hub;
  }

  get url(): string {
    return `http://${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  get city(): CityInfo {
    return this.options.city;
  }

  /** Validates, applies and logs events from a source; refusals are counted, never thrown. */
  publish(items: readonly unknown[]): PublishResult {
    const accepted = [];
    let rejected = 0;
    const now = Date.now();
    for (const item of items) {
      const checked = validateEvent(item);
      if (!checked.ok) {
        countRejection(this.diagnostics, checked.reason, checked.detail, now);
        rejected += 1;
        continue;
      }
      const applied = this.store.apply(checked.event);
      if (!applied.ok) {
        countRejection(this.diagnostics, applied.reason, applied.detail, now);
        rejected += 1;
        continue;
      }
      accepted.push(checked.event);
    }
    const envelopes = this.log.append(accepted);
    this.diagnostics.applied += envelopes.length;
    if (envelopes.length > 0) {
      for (const e of envelopes) this.outgoing.push(e);
      this.scheduleFlush();
      for (const listener of this.listeners) listener(envelopes);
    }
    return { accepted: envelopes, rejected };
  }

  onPublished(listener: (envelopes: readonly Envelope[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): HubStats {
    this.store.tick(Date.now());
    return {
      hubId: this.hubId,
      headSeq: this.log.headSeq,
      clients: this.nsp.sockets.size,
      cases: this.store.countByState(),
      kpis: this.store.kpis(),
      diagnostics: this.diagnostics,
      logReport: this.logReport,
    };
  }

  /** What the wall should be told about this hub's own health. */
  notices(): string[] {
    const { badLines, setAside } = this.logReport;
    return badLines > 0
      ? [
          `hub log: ${badLines} damaged line(s) set aside in ${setAside}; the valid events were kept`,
        ]
      : [];
  }

  /** Disconnects every client from the server side (tests use it to force reconnects). */
  dropAllClients(): void {
    this.nsp.disconnectSockets(true);
  }

  async close(): Promise<void> {
    this.flush();
    this.nsp.disconnectSockets(true);
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
      this.http.closeAllConnections();
    });
    await this.log.close();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** One broadcast per turn of the event loop, whatever the number of events published in it. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.outgoing.length === 0) return;
    const batch = this.outgoing;
    this.outgoing = [];
    this.nsp.to('live').emit('events', batch);
  }

  private attach(): void {
    const token = this.options.token;
    if (token) {
      this.nsp.use((socket, next) => {
        const given = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
        next(given === token ? undefined : new Error('unauthorized'));
      });
    }
    this.nsp.on('connection', (socket) => {
      socket.on('hello', async (request, reply) => {
        const lastSeq = toSeq((request as { lastSeq?: unknown } | undefined)?.lastSeq);
        if (typeof reply !== 'function') return;
        const wall = (request as { wall?: unknown } | undefined)?.wall;
        for (const room of socket.rooms) if (room.startsWith('wall:')) socket.leave(room);
        if (typeof wall === 'string' && wall.length > 0 && wall.length <= 64)
          socket.join(`wall:${wall}`);
        socket.leave('live');
        // The answer goes first, so the client knows how far behind it is while the replay runs.
        const answer: HelloReply = {
          city: this.options.city,
          headSeq: this.log.headSeq,
          hubId: this.hubId,
          notices: this.notices(),
        };
        reply(answer);
        let from = lastSeq + 1;
        // Older history comes from the file in chunks; the newest part from memory, in the same
        // turn as joining the live room, so no event can fall between replay and live.
        for (;;) {
          if (!socket.connected) return;
          const recent = this.log.inMemoryFrom(from);
          if (recent) {
            for (let i = 0; i < recent.length; i += REPLAY_CHUNK)
              socket.emit('events', recent.slice(i, i + REPLAY_CHUNK));
            socket.join('live');
            break;
          }
          const chunk = await this.log.range(from, from + REPLAY_CHUNK - 1);
          if (chunk.length > 0) socket.emit('events', chunk);
          from =
            chunk.length > 0 ? (chunk[chunk.length - 1] as Envelope).seq + 1 : from + REPLAY_CHUNK;
        }
      });
      // Wall bus messages go to the other PCs of the same wall, checked like any input.
      socket.on('bus', (raw) => {
        const message = checkBusMessage(raw);
        const room = [...socket.rooms].find((r) => r.startsWith('wall:'));
        if (!message || !room) {
          countRejection(this.diagnostics, 'bad-payload', 'wall bus message refused', Date.now());
          return;
        }
        socket.to(room).emit('bus', message);
      });
      socket.on('fetch', async (request, reply) => {
        if (typeof reply !== 'function') return;
        const r = request as { from?: unknown; to?: unknown } | undefined;
        const from = Math.max(1, toSeq(r?.from));
        const to = Math.min(toSeq(r?.to), from + MAX_FETCH - 1);
        const answer: FetchReply = {
          events: to >= from ? await this.log.range(from, to) : [],
          headSeq: this.log.headSeq,
        };
        reply(answer);
      });
    });
  }

  /** Lets a preview page on another loopback port (or a configured origin) read the city pack. */
  private corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (
      !origin ||
      !(LOOPBACK_ORIGIN.test(origin) || (this.options.corsOrigins ?? []).includes(origin))
    )
      return {};
    return { 'access-control-allow-origin': origin, vary: 'Origin' };
  }

  private handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api/status') {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(JSON.stringify(this.stats()));
      return;
    }
    if (path.startsWith('/citypack/') && this.options.cityPack) {
      const name = decodeURIComponent(path.slice('/citypack/'.length));
      void this.options.cityPack(name).then(
        (body) => {
          if (body === undefined) res.writeHead(404).end();
          else
            res
              .writeHead(200, {
                ...this.corsHeaders(req),
                'content-type':
                  typeof body === 'string'
                    ? 'application/json; charset=utf-8'
                    : 'application/octet-stream',
                'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.length,
                'cache-control': 'no-cache',
              })
              .end(body);
        },
        () => res.writeHead(500).end(),
      );
      return;
    }
    for (const route of this.options.routes ?? [])
      if (route(path, req, res, this.corsHeaders(req))) return;
    if (this.options.serveDir) {
      void serveStatic(this.options.serveDir, path, res);
      return;
    }
    res.writeHead(404).end();
  }
}

function toSeq(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}
