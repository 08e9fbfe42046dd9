import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server, type Namespace } from 'socket.io';
import { CaseStore, DEFAULT_UTC_OFFSET_MINUTES } from '../../shared/domain/caseStore';
import type { DeadlineTable } from '../../shared/domain/deadlines';
import { emptyDiagnostics, type Diagnostics } from '../../shared/gateway/diagnostics';
import type { Envelope } from '../../shared/protocol/envelope';
import {
  WALL_NAMESPACE,
  type CityInfo,
  type ClientToServer,
  type HubNotice,
  type ServerToClient,
} from '../../shared/protocol/wire';
import { HubAccess } from './access';
import { EventLog, type EventLogReport } from './eventLog';
import { openDuckdbHistory, type OpenedHistory } from './history/duckdbHistory';
import { historyRoute } from './history/historyRoute';
import { HistoryWriter, type HistoryWriterStats } from './history/historyWriter';
import { createHttpHandler, type CityPackFiles, type HubRoute } from './httpRoutes';
import { emptyHealth, type HubHealth } from './hubHealth';
import { PublishPipeline, type PublishResult } from './publishPipeline';
import { attachWallSockets } from './wallSockets';

export type { CityPackFiles, HubRoute } from './httpRoutes';
export type { PublishResult } from './publishPipeline';

export interface HubOptions {
  readonly city: CityInfo;
  /** Folder of the event log; it survives restarts. */
  readonly dataDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** When set, sockets must present it in `auth.token` and HTTP requests as a bearer token. */
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
  /** Flush each write batch to disk before announcing it (default true). */
  readonly fsync?: boolean;
  /** Where a fresh log starts when the configured one cannot be opened (default: the OS temp folder). */
  readonly fallbackDir?: string;
  /**
   * The case history database (`history.duckdb` beside the log by default); false runs the hub
   * without one (`/api/history` then answers 503).
   */
  readonly history?: false | { readonly open: (dataDir: string) => Promise<OpenedHistory> };
  /** Local time of the history's days and hours, minutes east of UTC (default 480, Asia/Shanghai). */
  readonly utcOffsetMinutes?: number;
  /** How long changed cases gather before a history write (default 500 ms). */
  readonly historyFlushMs?: number;
}

export interface HubStats {
  readonly hubId: string;
  readonly logId: string;
  readonly headSeq: number;
  readonly clients: number;
  readonly cases: ReturnType<CaseStore['countByState']>;
  readonly kpis: ReturnType<CaseStore['kpis']>;
  readonly diagnostics: Diagnostics;
  readonly logReport: EventLogReport;
  readonly health: HubHealth;
  readonly log: { readonly pendingWrites: number; readonly writeErrors: number };
  readonly history:
    (HistoryWriterStats & { readonly engine: string }) | { readonly unavailable: string };
}

/**
 * The hub: a socket.io server on namespace `/wall` in front of an ordered event log, and an HTTP
 * side for the city pack, the cameras and the status. Its three parts live in their own files:
 * the publish pipeline (validate → lifecycle → log → broadcast), the wall sockets and the HTTP
 * routes; this class starts them and holds them together.
 */
export class Hub {
  readonly hubId = randomUUID();
  readonly store: CaseStore;
  readonly diagnostics = emptyDiagnostics();
  readonly health = emptyHealth();
  private readonly pipeline: PublishPipeline;
  /** The hub's store keeps its own clock (status reads never move it). */
  private readonly clock: ReturnType<typeof setInterval>;
  private history: HistoryWriter | { readonly unavailable: string } = {
    unavailable: 'not opened yet',
  };
  private historyNotice: HubNotice | undefined;
  /** Where the city's days begin, for the live store, the history and the walls alike. */
  private readonly utcOffsetMinutes: number;

  private constructor(
    private readonly options: HubOptions,
    readonly log: EventLog,
    readonly logReport: EventLogReport,
    readonly io: Server<ClientToServer, ServerToClient>,
    private readonly nsp: Namespace<ClientToServer, ServerToClient>,
    readonly port: number,
    private readonly http: HttpServer,
  ) {
    this.utcOffsetMinutes = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
    this.store = new CaseStore({
      bounds: options.city.bounds,
      utcOffsetMinutes: this.utcOffsetMinutes,
      ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    });
    this.clock = setInterval(() => this.store.tick(Date.now()), 1_000);
    this.clock.unref();
    this.pipeline = new PublishPipeline(this.store, log, this.diagnostics, (batch) =>
      this.nsp.to('live').emit('events', batch),
    );
  }

  static async start(options: HubOptions): Promise<Hub> {
    const { log, report, entries } = await EventLog.open(join(options.dataDir, 'events.jsonl'), {
      ...(options.windowSize ? { windowSize: options.windowSize } : {}),
      ...(options.fsync !== undefined ? { fsync: options.fsync } : {}),
      ...(options.fallbackDir ? { fallbackDir: options.fallbackDir } : {}),
    });
    const access = new HubAccess(options.token, options.corsOrigins);
    // Requests can only arrive once listening, by which time the hub exists.
    const ready: { handle?: ReturnType<typeof createHttpHandler> } = {};
    const http: HttpServer = createServer((req, res) => {
      if (ready.handle) ready.handle(req, res);
      else res.writeHead(503).end();
    });
    // A malformed request line or oversized headers: answered by Node, never thrown.
    http.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      const status =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
      if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\n\r\n`);
      else socket.destroy();
    });
    const io = new Server<ClientToServer, ServerToClient>(http, {
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
      maxHttpBufferSize: 64 * 1024,
      serveClient: false,
      cors: { origin: (origin, callback) => callback(null, access.originAllowed(origin)) },
      // CORS only stops a browser from reading answers; this refuses the connection itself.
      allowRequest: (req, callback) => callback(null, access.originAllowed(req.headers.origin)),
    });
    const nsp = io.of(WALL_NAMESPACE);
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const port = (http.address() as AddressInfo).port;
    const hub = new Hub(options, log, report, io, nsp, port, http);
    // Rebuild the case state from the log so a restarted hub validates the next event correctly.
    for (const envelope of entries) hub.store.apply(envelope);
    attachWallSockets({
      nsp,
      access,
      log,
      city: hub.city,
      hubId: hub.hubId,
      notices: () => hub.notices(),
      sentHead: () => hub.pipeline.sentHead,
      diagnostics: hub.diagnostics,
      health: hub.health,
    });
    ready.handle = createHttpHandler({
      access,
      health: hub.health,
      status: () => hub.stats(),
      ...(options.cityPack ? { cityPack: options.cityPack } : {}),
      routes: [
        historyRoute({
          history: () => hub.history,
          utcOffsetMinutes: hub.utcOffsetMinutes,
        }),
        ...(options.routes ?? []),
      ],
      ...(options.serveDir ? { serveDir: options.serveDir } : {}),
    });
    // After the sockets are served (a wall connecting meanwhile is greeted and replayed), before
    // anything can be published: only the caller of start() can publish, once it has the hub.
    await hub.openHistory(entries);
    return hub;
  }

  /**
   * Opens the history and writes to it what the log holds beyond it. A history that cannot be
   * opened leaves the hub running without one (and says so): the wall's live picture needs none.
   */
  private async openHistory(entries: readonly Envelope[]): Promise<void> {
    const history = this.options.history;
    if (history === false) {
      this.history = { unavailable: 'turned off' };
      return;
    }
    try {
      const opened = await (history?.open ?? defaultHistory)(this.options.dataDir);
      const writer = new HistoryWriter(opened.store, this.log.id, {
        ...(this.options.deadlines ? { deadlines: this.options.deadlines } : {}),
        ...(this.options.historyFlushMs ? { flushMs: this.options.historyFlushMs } : {}),
      });
      await writer.catchUp(this.store, entries, this.log.headSeq);
      this.pipeline.onSent((envelopes) => writer.onDurable(envelopes));
      this.history = writer;
      const why = opened.problem ?? writer.stats.rebuilt;
      if (why)
        this.historyNotice = {
          kind: 'history-rebuilt',
          detail: why.slice(0, 300),
          ...(opened.setAside ? { path: opened.setAside } : {}),
        };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.history = { unavailable: detail };
      this.historyNotice = { kind: 'history-unavailable', detail: detail.slice(0, 300) };
    }
  }

  get url(): string {
    return `http://${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  /** The city as walls are told it: with where its days begin (the hub's history uses the same). */
  get city(): CityInfo {
    return { ...this.options.city, utcOffsetMinutes: this.utcOffsetMinutes };
  }

  /**
   * Validates, applies and logs events from a source; refusals are counted, never thrown. The
   * accepted events have their seqs at once; walls hear of them once they are on disk.
   */
  publish(items: readonly unknown[]): PublishResult {
    return this.pipeline.publish(items);
  }

  /** Hears every batch once it is on disk and sent to the walls. */
  onPublished(listener: (envelopes: readonly Envelope[]) => void): () => void {
    return this.pipeline.onSent(listener);
  }

  /** A picture of the hub for `/api/status`; reading it changes nothing (the store's clock stays). */
  stats(): HubStats {
    return {
      hubId: this.hubId,
      logId: this.log.id,
      headSeq: this.log.headSeq,
      clients: this.nsp.sockets.size,
      cases: this.store.countByState(),
      kpis: this.store.kpis(),
      diagnostics: this.diagnostics,
      logReport: this.logReport,
      health: this.health,
      log: { pendingWrites: this.log.pendingWrites, writeErrors: this.log.writeErrors },
      history:
        this.history instanceof HistoryWriter
          ? { engine: this.history.store.engine, ...this.history.stats }
          : this.history,
    };
  }

  /** What the wall should be told about this hub's own health. */
  notices(): HubNotice[] {
    const { badLines, setAside, missing, problems, file } = this.logReport;
    const notices: HubNotice[] = [];
    if (badLines > 0)
      notices.push({
        kind: 'damaged-lines',
        count: badLines,
        ...(setAside ? { path: setAside } : {}),
      });
    if (missing > 0) notices.push({ kind: 'missing-seqs', count: missing });
    for (const problem of problems)
      notices.push(
        problem.kind === 'unopenable'
          ? { kind: 'log-unopenable', path: file, detail: problem.detail.slice(0, 300) }
          : { kind: 'log-lost-end', detail: problem.detail.slice(0, 300) },
      );
    if (this.historyNotice) notices.push(this.historyNotice);
    if (this.log.pendingWrites > 0 && this.log.writeErrors > 0)
      notices.push({
        kind: 'write-failing',
        count: this.log.pendingWrites,
        ...(this.log.lastWriteError ? { detail: this.log.lastWriteError } : {}),
      });
    return notices;
  }

  /** Resolves once everything accepted so far is on disk and sent (to the walls and the history). */
  drain(): Promise<void> {
    return this.pipeline.drain();
  }

  /** Resolves once the history database holds everything sent so far (at once without one). */
  async flushHistory(): Promise<void> {
    if (this.history instanceof HistoryWriter) await this.history.flush();
  }

  /** Disconnects every client from the server side (tests use it to force reconnects). */
  dropAllClients(): void {
    this.nsp.disconnectSockets(true);
  }

  async close(): Promise<void> {
    clearInterval(this.clock);
    await this.pipeline.drain();
    this.nsp.disconnectSockets(true);
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
      this.http.closeAllConnections();
    });
    await this.log.close();
    if (this.history instanceof HistoryWriter) await this.history.close();
  }
}

const defaultHistory = (dataDir: string) => openDuckdbHistory(join(dataDir, 'history.duckdb'));
