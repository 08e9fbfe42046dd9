import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server, type Namespace } from 'socket.io';
import {
  CaseStore,
  DEFAULT_UTC_OFFSET_MINUTES,
  type CaseRecord,
  type CaseStoreSnapshot,
} from '../../shared/domain/caseStore';
import type { DeadlineTable } from '../../shared/domain/deadlines';
import { emptyDiagnostics, type Diagnostics } from '../../shared/gateway/diagnostics';
import { DEFAULT_CLOSED_KEPT_MS } from '../../shared/gateway/wallStore';
import type { Envelope } from '../../shared/protocol/envelope';
import {
  WALL_NAMESPACE,
  type CityInfo,
  type ClientToServer,
  type HubNotice,
  type ServerToClient,
} from '../../shared/protocol/wire';
import { contentSecurityPolicy, PREVIEW_CONNECT } from '../../shared/security/contentPolicy';
import { HubAccess } from './access';
import { readCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoint';
import { EventLog, type EventLogOptions, type EventLogReport } from './eventLog';
import { openDuckdbHistory, type OpenedHistory } from './history/duckdbHistory';
import { historyRoute } from './history/historyRoute';
import { HistoryWriter, type HistoryWriterStats } from './history/historyWriter';
import { createHttpHandler, type CityPackFiles, type HubRoute } from './httpRoutes';
import { emptyHealth, type HubHealth } from './hubHealth';
import { IngestApi, type IngestStats } from './ingest/ingestApi';
import { PublishPipeline, type PublishResult, type PushedItem } from './publishPipeline';
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
  /**
   * The token platforms push events with (`POST /api/events`, namespace `/ingest`); without one
   * the ingest API is open on a loopback-only hub and off on any other.
   */
  readonly ingestToken?: string;
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
  /**
   * Media servers the camera catalogue's streams are on: the preview's content security policy
   * lets its pages fetch from them (and from hubs on this machine), and from nothing else.
   */
  readonly mediaOrigins?: () => readonly string[];
  /** The platform's photo servers: the preview's pages may show images from them (and no others). */
  readonly photoOrigins?: readonly string[];
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
  /**
   * How often the live state is checkpointed beside the log (default 30 s), so that a restart
   * reads only the log's tail; false never writes or reads one (every start reads the whole log).
   */
  readonly checkpointMs?: number | false;
  /** How long a closed or voided case stays in the live state after its last step (default 24 h). */
  readonly closedKeptMs?: number;
  /** Events before the checkpoint a restart reads again, so walls a little behind get a replay (default 50,000). */
  readonly tailKept?: number;
}

/** The least time a closed case stays live: its history row is written long before. */
export const MIN_CLOSED_KEPT_MS = 10 * 60_000;
const EVICT_EVERY_MS = 60_000;

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
  readonly checkpoint: CheckpointStats;
  readonly ingest: IngestStats;
}

export interface CheckpointStats {
  /** How the hub started: from a checkpoint and the log's tail, or from the whole log (and why). */
  started: 'checkpoint' | 'whole-log';
  startedWhy?: string;
  /** The seq of the newest checkpoint on disk, 0 when none was written this run. */
  seq: number;
  writes: number;
  errors: number;
  lastError?: string;
  /** Closed cases the live state let go since start (they stay in the history). */
  evicted: number;
}

/**
 * The hub: a socket.io server on namespace `/wall` in front of an ordered event log, and an HTTP
 * side for the city pack, the cameras and the status. Its three parts live in their own files:
 * the publish pipeline (validate → lifecycle → log → broadcast), the wall sockets and the HTTP
 * routes; this class starts them and holds them together.
 */
export class Hub {
  readonly hubId = randomUUID();
  /** The cases as accepted: what the next event is validated against (ahead of the disk). */
  readonly store: CaseStore;
  /**
   * The live state at the seq last sent to the walls (it follows the sent batches in the same
   * turn): what a wall's snapshot and the checkpoint are taken from.
   */
  private readonly live: CaseStore;
  readonly diagnostics = emptyDiagnostics();
  readonly health = emptyHealth();
  private readonly pipeline: PublishPipeline;
  readonly ingest: IngestApi;
  /** The hub's store keeps its own clock (status reads never move it). */
  private readonly clock: ReturnType<typeof setInterval>;
  private history: HistoryWriter | { readonly unavailable: string } = {
    unavailable: 'not opened yet',
  };
  private historyNotice: HubNotice | undefined;
  /** Where the city's days begin, for the live store, the history and the walls alike. */
  private readonly utcOffsetMinutes: number;
  private readonly closedKeptMs: number;
  private readonly checkpointFile: string;
  private readonly checkpointTimer: ReturnType<typeof setInterval> | undefined;
  private checkpointWriting: Promise<void> | undefined;
  private checkpointNotice: HubNotice | undefined;
  readonly checkpointStats: CheckpointStats = {
    started: 'whole-log',
    seq: 0,
    writes: 0,
    errors: 0,
    evicted: 0,
  };
  private lastSnapshot: { seq: number; store: CaseStoreSnapshot } | undefined;
  /**
   * Cases sent closed long ago (by their own time), leaving the live state once the history
   * holds their row: until then the checkpoint must still hold them, or a restart whose
   * database is behind could not write their row from the live state.
   */
  private leaving: { seq: number; id: string }[] = [];
  /** The sent head at the last sweep: the next sweep lets closed cases go once the history passed it. */
  private lastSweepSeq = 0;

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
    this.closedKeptMs = Math.max(
      MIN_CLOSED_KEPT_MS,
      options.closedKeptMs ?? DEFAULT_CLOSED_KEPT_MS,
    );
    const storeOptions = {
      bounds: options.city.bounds,
      utcOffsetMinutes: this.utcOffsetMinutes,
      ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    };
    this.store = new CaseStore(storeOptions);
    this.live = new CaseStore(storeOptions);
    let ticks = 0;
    this.clock = setInterval(() => {
      const now = Date.now();
      this.store.tick(now);
      this.live.tick(now);
      this.letWrittenGo();
      ticks += 1;
      if (ticks % (EVICT_EVERY_MS / 1_000) === 0) this.evictClosed(now);
    }, 1_000);
    this.clock.unref();
    this.pipeline = new PublishPipeline(this.store, log, this.diagnostics, (batch) =>
      this.nsp.to('live').emit('events', batch),
    );
    // First of the sent-batch listeners: the live state is at the sent head in every turn.
    this.pipeline.onSent((envelopes) => {
      const cutoff = Date.now() - this.closedKeptMs;
      const writer = this.history instanceof HistoryWriter ? this.history : undefined;
      for (const e of envelopes) {
        const applied = this.live.apply(e);
        if (writer && applied.ok && applied.caseId)
          writer.changed(this.live.get(applied.caseId) as CaseRecord);
        if (!isLongClosed(e, cutoff)) continue;
        if (writer) this.leaving.push({ seq: e.seq, id: e.payload.caseId });
        else this.live.evict(e.payload.caseId);
      }
      writer?.sentThrough((envelopes[envelopes.length - 1] as Envelope).seq);
    });
    this.ingest = new IngestApi(
      { token: options.ingestToken, host: options.host ?? '127.0.0.1' },
      (items) => this.publishEach(items),
    );
    this.checkpointFile = checkpointFileOf(options.dataDir);
    if (options.checkpointMs !== false) {
      this.checkpointTimer = setInterval(
        () => void this.checkpoint(),
        options.checkpointMs ?? 30_000,
      );
      this.checkpointTimer.unref();
    }
  }

  /**
   * Forgets closed cases whose last step is older than the hub keeps them live; in the live
   * state only once the history has written everything sent before the last sweep (a case
   * closed that long ago was sent before it).
   */
  private evictClosed(now: number): void {
    const before = now - this.closedKeptMs;
    this.store.evictClosedBefore(before);
    const written = this.history instanceof HistoryWriter ? this.history.stats.seq : Infinity;
    if (written >= this.lastSweepSeq) {
      this.checkpointStats.evicted += this.live.evictClosedBefore(before);
      this.lastSnapshot = undefined;
    }
    this.lastSweepSeq = this.pipeline.sentHead;
  }

  /** Lets go the long-closed cases whose history row is written. */
  private letWrittenGo(): void {
    const written = this.history instanceof HistoryWriter ? this.history.stats.seq : Infinity;
    let n = 0;
    while (n < this.leaving.length && (this.leaving[n] as { seq: number }).seq <= written) {
      if (this.live.evict((this.leaving[n] as { id: string }).id))
        this.checkpointStats.evicted += 1;
      n += 1;
    }
    if (n > 0) {
      this.leaving.splice(0, n);
      this.lastSnapshot = undefined;
    }
  }

  /**
   * The live state at the sent head, for a wall that starts fresh (shared by the walls that ask
   * at the same seq, as all do when they reconnect after a hub restart).
   */
  private snapshotNow(): { seq: number; store: CaseStoreSnapshot } {
    const seq = this.pipeline.sentHead;
    if (this.lastSnapshot?.seq !== seq) this.lastSnapshot = { seq, store: this.live.snapshot() };
    return this.lastSnapshot;
  }

  /**
   * Writes the live state with the seq it stands at, and where a restart must start reading the
   * log: after what both the state and the history database hold, and at least `tailKept`
   * events back. One write at a time; nothing is written when nothing was sent since.
   */
  checkpoint(): Promise<void> {
    if (this.checkpointWriting) return this.checkpointWriting;
    const seq = this.pipeline.sentHead;
    if (seq === 0 || seq === this.checkpointStats.seq || this.options.checkpointMs === false)
      return Promise.resolve();
    const historySeq = this.history instanceof HistoryWriter ? this.history.stats.seq : seq;
    this.letWrittenGo();
    const from = Math.max(
      this.log.keptFrom,
      Math.min(seq, historySeq, seq - (this.options.tailKept ?? 50_000)) + 1,
    );
    const tail = this.log.lineAtOrAfter(from) ?? this.log.lineAtOrAfter(seq);
    if (!tail) return Promise.resolve();
    const checkpoint: Checkpoint = {
      version: 1,
      logId: this.log.id,
      seq,
      tail,
      historySeq,
      savedAt: Date.now(),
      store: this.live.snapshot(),
      refs: this.pipeline.refs.upTo(seq),
    };
    this.checkpointWriting = writeCheckpoint(this.checkpointFile, checkpoint).then(
      () => {
        this.checkpointStats.seq = seq;
        this.checkpointStats.writes += 1;
      },
      (error: unknown) => {
        this.checkpointStats.errors += 1;
        this.checkpointStats.lastError = String(error).slice(0, 200);
      },
    );
    return this.checkpointWriting.finally(() => (this.checkpointWriting = undefined));
  }

  static async start(options: HubOptions): Promise<Hub> {
    const { log, report, entries, checkpoint, checkpointRead, damaged } =
      await openFromCheckpoint(options);
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
    hub.ingest.attach(io.of('/ingest'));
    // The case state at the log's head, so a restarted hub validates the next event correctly:
    // the checkpoint's, and the events after it.
    hub.restoreState(checkpoint, checkpointRead, entries);
    if (damaged)
      hub.checkpointNotice = {
        kind: 'checkpoint-set-aside',
        detail: damaged.problem.slice(0, 300),
        ...(damaged.setAside ? { path: damaged.setAside } : {}),
      };
    attachWallSockets({
      nsp,
      access,
      log,
      city: hub.city,
      hubId: hub.hubId,
      notices: () => hub.notices(),
      sentHead: () => hub.pipeline.sentHead,
      snapshot: () => hub.snapshotNow(),
      closedKeptMs: hub.closedKeptMs,
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
      contentPolicy: () =>
        contentSecurityPolicy({
          connect: [...PREVIEW_CONNECT, ...(options.mediaOrigins?.() ?? [])],
          photos: options.photoOrigins ?? [],
          framedBySelf: true,
        }),
      ingest: (req, res, cors) => hub.ingest.handle(req, res, cors),
    });
    // After the sockets are served (a wall connecting meanwhile is greeted and replayed), before
    // anything can be published: only the caller of start() can publish, once it has the hub.
    await hub.openHistory(entries, checkpoint?.historySeq ?? 0);
    hub.evictClosed(Date.now());
    return hub;
  }

  private restoreState(
    checkpoint: Checkpoint | undefined,
    read: CheckpointStats['startedWhy'],
    entries: readonly Envelope[],
  ): void {
    const now = Date.now();
    if (checkpoint) {
      this.store.restore(checkpoint.store, now);
      this.live.restore(checkpoint.store, now);
      this.checkpointStats.started = 'checkpoint';
      this.checkpointStats.seq = checkpoint.seq;
    } else if (read) this.checkpointStats.startedWhy = read;
    const after = checkpoint?.seq ?? 0;
    for (const [ref, seq] of checkpoint?.refs ?? []) this.pipeline.refs.add(ref, seq);
    // Nothing leaves the stores until the history has taken its rows from them (openHistory).
    for (const envelope of entries)
      if (envelope.seq > after) {
        if (envelope.ref) this.pipeline.refs.add(envelope.ref, envelope.seq);
        this.store.apply(envelope);
        this.live.apply(envelope);
      }
  }

  /**
   * Opens the history and writes to it what the log holds beyond it. A history that cannot be
   * opened leaves the hub running without one (and says so): the wall's live picture needs none.
   */
  private async openHistory(entries: readonly Envelope[], floor: number): Promise<void> {
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
      await writer.catchUp(this.store, entries, this.log.headSeq, () => this.log.readAll(), floor);
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
    const result = this.pipeline.publish(items);
    this.forgetLongClosed(result.accepted);
    return result;
  }

  /** Cases published closed long ago leave the validating store at once (see `isLongClosed`). */
  private forgetLongClosed(accepted: readonly Envelope[]): void {
    const cutoff = Date.now() - this.closedKeptMs;
    for (const e of accepted) if (isLongClosed(e, cutoff)) this.store.evict(e.payload.caseId);
  }

  /**
   * Events pushed by a platform (the ingest API), each with the platform's id: answered one by
   * one, a retry of an event already logged answered with its seq and not applied again.
   */
  publishEach(items: readonly PushedItem[]): ReturnType<PublishPipeline['publishEach']> {
    const result = this.pipeline.publishEach(items);
    this.forgetLongClosed(result.accepted);
    return result;
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
      checkpoint: this.checkpointStats,
      ingest: this.ingest.stats,
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
    if (this.checkpointNotice) notices.push(this.checkpointNotice);
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
    clearInterval(this.checkpointTimer);
    await this.pipeline.drain();
    // The last checkpoint after the history has everything: the next start reads least.
    await this.flushHistory();
    await this.checkpoint();
    this.nsp.disconnectSockets(true);
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
      this.http.closeAllConnections();
    });
    await this.log.close();
    if (this.history instanceof HistoryWriter) await this.history.close();
  }
}

/**
 * A case closed (or voided) before the cut leaves the stores without waiting for the next sweep:
 * history seeded or replayed from long ago never piles up in memory between sweeps.
 */
function isLongClosed(
  e: Envelope,
  cutoff: number,
): e is Envelope & { type: 'case.closed' | 'case.voided'; payload: { caseId: string } } {
  return (e.type === 'case.closed' || e.type === 'case.voided') && e.payload.at < cutoff;
}

function checkpointFileOf(dataDir: string): string {
  return join(dataDir, 'events.jsonl.checkpoint.json');
}

/**
 * Opens the log, reading only its tail when a checkpoint of this very log stands before it;
 * otherwise (no checkpoint, a damaged one, one of another log or beyond its end) the whole log.
 */
async function openFromCheckpoint(options: HubOptions): Promise<{
  log: EventLog;
  report: EventLogReport;
  entries: Envelope[];
  checkpoint: Checkpoint | undefined;
  checkpointRead: string | undefined;
  /** A checkpoint that could not be read or checked, and where it was set aside. */
  damaged: { problem: string; setAside?: string } | undefined;
}> {
  const file = join(options.dataDir, 'events.jsonl');
  const logOptions: EventLogOptions = {
    ...(options.windowSize ? { windowSize: options.windowSize } : {}),
    ...(options.fsync !== undefined ? { fsync: options.fsync } : {}),
    ...(options.fallbackDir ? { fallbackDir: options.fallbackDir } : {}),
  };
  const reading =
    options.checkpointMs === false
      ? ({ missing: true } as const)
      : await readCheckpoint(checkpointFileOf(options.dataDir));
  let checkpoint = 'checkpoint' in reading ? reading.checkpoint : undefined;
  let why = 'problem' in reading ? reading.problem : undefined;
  let opened = await EventLog.open(file, {
    ...logOptions,
    ...(checkpoint ? { tail: checkpoint.tail } : {}),
  });
  if (checkpoint && opened.report.tailRefused) {
    why = `the checkpoint does not fit the log: ${opened.report.tailRefused}`;
    checkpoint = undefined;
  } else if (
    checkpoint &&
    (opened.log.id !== checkpoint.logId || opened.log.headSeq < checkpoint.seq)
  ) {
    // Only the tail was read, of a log the checkpoint is not of: read all of it.
    why =
      opened.log.id !== checkpoint.logId
        ? 'the checkpoint is of another log'
        : 'the checkpoint is beyond the end of the log';
    checkpoint = undefined;
    await opened.log.close();
    opened = await EventLog.open(file, logOptions);
  }
  return {
    ...opened,
    checkpoint,
    checkpointRead: why,
    damaged: 'problem' in reading ? reading : undefined,
  };
}

const defaultHistory = (dataDir: string) => openDuckdbHistory(join(dataDir, 'history.duckdb'));
