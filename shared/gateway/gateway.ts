import { io, type Socket } from 'socket.io-client';
import { checkBusMessage, type BusMessage } from '../bus/messages';
import type { Envelope } from '../protocol/envelope';
import { SnapshotAssembler } from '../protocol/snapshot';
import {
  fetchReplySchema,
  helloReplySchema,
  MAX_FETCH,
  PROTOCOL_VERSION,
  WALL_NAMESPACE,
  type ClientToServer,
  type ServerToClient,
} from '../protocol/wire';
import type { HubFaultKind } from './diagnostics';
import { Backoff } from './backoff';
import { MAX_SEQ_JUMP, Sequencer } from './sequencer';
import type { WallStore } from './wallStore';

export interface GatewayOptions {
  /** The hub's base URL, e.g. `http://127.0.0.1:7450`; the namespace is added here. */
  readonly url: string;
  readonly token?: string;
  readonly node?: string;
  /** The wall this PC belongs to, for wall bus messages between PCs. */
  readonly wall?: string;
  /** Reconnect backoff (ms): first delay and ceiling. */
  readonly backoffMin?: number;
  readonly backoffMax?: number;
  /** How long a backfill request may take before it is asked again. */
  readonly fetchTimeoutMs?: number;
  /**
   * How long the hub's welcome may take before the hub counts as broken. Generous: a page busy
   * loading (a city map under software WebGL) can hold its own thread for many seconds.
   */
  readonly helloTimeoutMs?: number;
  /** How long the wall may stay behind with nothing arriving before it asks the hub itself. */
  readonly stallMs?: number;
  /**
   * The protocol to speak (default `PROTOCOL_VERSION`); 1 asks for a replay of everything the hub
   * keeps instead of a snapshot (`bench:history` compares the two).
   */
  readonly protocol?: number;
  /** Extra socket.io-client options (transports, a custom path). */
  readonly socketOptions?: Record<string, unknown>;
  /** Called with every envelope the store applied, in order (tests and the IPC bridge use it). */
  readonly onApplied?: (envelope: Envelope) => void;
}

type WallSocket = Socket<ServerToClient, ClientToServer>;

/**
 * The event client: says hello with the last seq it holds, hands every batch to the sequencer,
 * backfills gaps, and reconnects with backoff, including after the hub itself drops the socket.
 * It does not trust the hub either: a malformed welcome, a seq out of all proportion or a gap the
 * hub cannot fill are counted as hub faults, said on the wall, and met with a reconnect after a
 * growing delay, never with unbounded work.
 */
export class Gateway {
  private readonly socket: WallSocket;
  private readonly sequencer: Sequencer;
  private fillInFlight = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private fillTimer: ReturnType<typeof setTimeout> | undefined;
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly reconnectBackoff: Backoff;
  /** Grows while backfills bring nothing (the hub is busy, or says it lacks what it announced). */
  private readonly fillBackoff = new Backoff(250, 10_000);
  private fruitlessFills = 0;
  private readonly busListeners = new Set<(message: BusMessage) => void>();
  /** Live only once the hub has answered hello on this connection. */
  private greeted = false;
  /** The log whose seqs the store holds; another log's seqs mean other events. */
  private logId: string | undefined;
  /** Counts connections: an answer that arrives for an earlier one is ignored. */
  private connection = 0;
  /** The hub's snapshot being received on this connection; events wait until it is whole. */
  private snapshot: SnapshotAssembler | undefined;

  constructor(
    private readonly store: WallStore,
    private readonly options: GatewayOptions,
  ) {
    this.sequencer = new Sequencer(store, options.onApplied);
    this.reconnectBackoff = new Backoff(options.backoffMin ?? 500, options.backoffMax ?? 10_000);
    const base = options.url.replace(/\/+$/, '');
    this.socket = io(`${base}${WALL_NAMESPACE}`, {
      autoConnect: false,
      reconnectionDelay: options.backoffMin ?? 500,
      reconnectionDelayMax: options.backoffMax ?? 10_000,
      randomizationFactor: 0.5,
      auth: options.token ? { token: options.token } : {},
      ...options.socketOptions,
    });
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('disconnect', (reason) => this.onDisconnect(reason));
    this.socket.on('connect_error', () => this.store.setConnection('reconnecting'));
    this.socket.on('bus', (raw) => {
      const message = checkBusMessage(raw);
      if (message) for (const listener of this.busListeners) listener(message);
    });
    this.socket.on('snapshot', (raw) => this.onSnapshotPart(raw));
    this.socket.on('events', (batch) => {
      // Before the snapshot is whole the hub sends none; any that come are fetched again after it.
      if (this.snapshot) return;
      const outcome = this.sequencer.receive(batch);
      if (outcome.implausibleSeq !== undefined)
        return this.hubFault(
          'implausible-seq',
          `seq ${outcome.implausibleSeq} is more than ${MAX_SEQ_JUMP} beyond the hub's head ${this.sequencer.targetSeq}`,
        );
      this.afterReceive();
    });
  }

  start(): void {
    this.stopped = false;
    this.store.setConnection('connecting');
    this.socket.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.socket.disconnect();
    this.store.setConnection('offline');
  }

  /** Sends a wall bus message to the other PCs of this wall (dropped while disconnected: it is a command of the moment). */
  publishBus(message: BusMessage): void {
    if (this.socket.connected) this.socket.emit('bus', message);
  }

  /** Wall bus messages from the other PCs of this wall. */
  onBus(listener: (message: BusMessage) => void): () => void {
    this.busListeners.add(listener);
    return () => this.busListeners.delete(listener);
  }

  /** Drops the transport as a network failure would, leaving reconnection to run (tests, diagnostics). */
  simulateNetworkDrop(): void {
    this.socket.io.engine?.close();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    this.stopFillTimers();
  }

  /** A connection's pending backfill and stall watch end with it (undefined again: not pending). */
  private stopFillTimers(): void {
    clearTimeout(this.fillTimer);
    clearTimeout(this.stallTimer);
    this.fillTimer = undefined;
    this.stallTimer = undefined;
  }

  private onConnect(): void {
    this.fillInFlight = false;
    this.greeted = false;
    this.snapshot = undefined;
    const connection = ++this.connection;
    const hello = {
      lastSeq: this.store.lastSeq,
      protocol: this.options.protocol ?? PROTOCOL_VERSION,
      ...(this.options.node ? { node: this.options.node } : {}),
      ...(this.options.wall ? { wall: this.options.wall } : {}),
    };
    this.socket
      .timeout(this.options.helloTimeoutMs ?? 30_000)
      .emit('hello', hello, (error: Error | null, raw: unknown) => {
        if (connection !== this.connection) return;
        if (error) return this.hubFault('no-hello', 'the hub did not answer hello in time');
        const parsed = helloReplySchema.safeParse(raw);
        if (!parsed.success)
          return this.hubFault('bad-hello', parsed.error.issues[0]?.message ?? 'malformed');
        const reply = parsed.data;
        const otherLog = this.logId !== undefined && reply.logId !== this.logId;
        if (otherLog || reply.headSeq < this.store.lastSeq) {
          // Another log, or one shorter than what we hold: its seqs are other events. Start over.
          this.logId = reply.logId;
          this.store.clear();
          this.sequencer.reset();
          this.socket.disconnect().connect();
          return;
        }
        this.logId = reply.logId;
        this.greeted = true;
        this.reconnectBackoff.reset();
        this.store.setCity(reply.city);
        this.store.diagnostics.hubNotices = [...(reply.notices ?? [])];
        if (reply.closedKeptMs !== undefined) this.store.closedKeptMs = reply.closedKeptMs;
        this.sequencer.targetSeq = Math.max(this.sequencer.targetSeq, reply.headSeq);
        if (reply.snapshot) {
          if (reply.snapshot.seq > reply.headSeq)
            return this.hubFault('bad-snapshot', "a snapshot beyond the hub's own head");
          this.snapshot = new SnapshotAssembler(reply.snapshot.seq, reply.snapshot.parts);
          this.store.setConnection('filling-gap');
          // A snapshot that never completes is a broken hub, not a reason to wait forever.
          clearTimeout(this.stallTimer);
          this.stallTimer = setTimeout(() => {
            if (this.snapshot && connection === this.connection)
              this.hubFault('bad-snapshot', 'the snapshot did not arrive whole in time');
          }, this.options.helloTimeoutMs ?? 30_000);
          return;
        }
        this.afterReceive();
      });
  }

  /** A part of the hub's live state; once whole, it replaces the store and the events follow. */
  private onSnapshotPart(raw: unknown): void {
    const assembler = this.snapshot;
    if (!assembler || !this.greeted) return;
    const outcome = assembler.add(raw);
    if (!outcome) return;
    this.snapshot = undefined;
    if ('error' in outcome) return this.hubFault('bad-snapshot', outcome.error);
    const target = this.sequencer.targetSeq;
    this.sequencer.reset();
    this.store.restoreFromHub(outcome.done, assembler.seq);
    this.sequencer.targetSeq = Math.max(target, assembler.seq);
    clearTimeout(this.stallTimer);
    this.afterReceive();
  }

  private onDisconnect(reason: string): void {
    this.connection += 1;
    if (this.stopped) return;
    this.store.diagnostics.reconnects += 1;
    this.store.setConnection('reconnecting');
    this.fillInFlight = false;
    this.stopFillTimers();
    // socket.io does not reconnect by itself when the server closed the socket: do it, with backoff.
    if (reason === 'io server disconnect' || reason === 'io client disconnect')
      this.reconnectLater();
  }

  private reconnectLater(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (!this.stopped && !this.socket.active) this.socket.connect();
    }, this.reconnectBackoff.next());
  }

  /** The hub broke the protocol: say so, drop the connection and come back after a growing delay. */
  private hubFault(kind: HubFaultKind, detail: string): void {
    const d = this.store.diagnostics;
    d.hubFaults += 1;
    d.lastHubFault = { kind, detail: detail.slice(0, 300), at: Date.now() };
    this.store.changed();
    if (this.stopped) return;
    this.greeted = false;
    this.socket.disconnect();
    this.reconnectLater();
  }

  private afterReceive(): void {
    this.requestFill();
    if (this.socket.connected && this.greeted) {
      this.store.setConnection(this.sequencer.behind ? 'filling-gap' : 'connected');
      this.watchForStall();
    }
  }

  /**
   * Behind the announced head with nothing parked and nothing arriving (a replay that stopped,
   * a head the hub never reaches): after a while, ask the hub directly what it has.
   */
  private watchForStall(): void {
    clearTimeout(this.stallTimer);
    if (!this.sequencer.behind) return;
    const seen = this.store.lastSeq;
    this.stallTimer = setTimeout(() => {
      if (this.store.lastSeq === seen && this.sequencer.behind) this.requestFill(true);
    }, this.options.stallMs ?? 5_000);
  }

  /** Asks the hub for what is missing between what we hold and what we have seen. */
  private requestFill(stalled = false): void {
    if (this.fillInFlight || !this.socket.connected || this.fillTimer !== undefined) return;
    if (this.snapshot) return;
    const range =
      this.sequencer.missingRange(MAX_FETCH) ??
      (stalled
        ? {
            from: this.store.lastSeq + 1,
            to: Math.min(this.sequencer.targetSeq, this.store.lastSeq + MAX_FETCH),
          }
        : undefined);
    if (!range || range.to < range.from) return;
    this.fillInFlight = true;
    const before = this.store.lastSeq;
    const connection = this.connection;
    this.socket
      .timeout(this.options.fetchTimeoutMs ?? 5_000)
      .emit('fetch', range, (error: Error | null, raw: unknown) => {
        if (connection !== this.connection) return;
        this.fillInFlight = false;
        if (!error) {
          const parsed = fetchReplySchema.safeParse(raw);
          if (!parsed.success)
            return this.hubFault('bad-fetch-reply', parsed.error.issues[0]?.message ?? 'malformed');
          const reply = parsed.data;
          if (reply.refused === 'too-old') {
            // The hub no longer keeps what we miss: a new hello brings its live state instead.
            this.socket.disconnect().connect();
            return;
          }
          const outcome = this.sequencer.receive(reply.events);
          if (outcome.implausibleSeq !== undefined)
            return this.hubFault('implausible-seq', `fetch returned seq ${outcome.implausibleSeq}`);
          // What the answer covers and did not hold is lost; older hubs cover [from, to] once their head passed `to`.
          const through =
            reply.through ?? (reply.headSeq >= range.to && !reply.refused ? range.to : undefined);
          if (through !== undefined && through >= range.from) {
            if (through - this.store.lastSeq > MAX_SEQ_JUMP)
              return this.hubFault(
                'implausible-seq',
                `a hole of ${through - this.store.lastSeq} seqs`,
              );
            this.sequencer.giveUpThrough(Math.min(through, this.sequencer.targetSeq));
          }
          if (
            stalled &&
            reply.headSeq < this.sequencer.targetSeq &&
            this.store.lastSeq >= reply.headSeq
          ) {
            // The hub now says it has less than it announced: believe the lower figure.
            this.sequencer.targetSeq = Math.max(this.store.lastSeq, reply.headSeq);
          }
        }
        if (this.store.lastSeq > before) {
          this.fillBackoff.reset();
          this.fruitlessFills = 0;
        } else {
          this.fruitlessFills += 1;
          if (this.fruitlessFills >= 8) {
            this.fruitlessFills = 0;
            return this.hubFault(
              'unservable-gap',
              `the hub did not serve seqs ${range.from}–${range.to}`,
            );
          }
          // Asked again later, not at once: a hub that cannot fill the gap now will not in a millisecond.
          this.fillTimer = setTimeout(() => {
            this.fillTimer = undefined;
            this.requestFill(stalled);
          }, this.fillBackoff.next());
          return;
        }
        this.afterReceive();
      });
  }
}
