import { io, type Socket } from 'socket.io-client';
import { decodeEnvelope, type Envelope } from '../protocol/envelope';
import {
  MAX_FETCH,
  WALL_NAMESPACE,
  type ClientToServer,
  type FetchReply,
  type HelloReply,
  type ServerToClient,
} from '../protocol/wire';
import type { WallStore } from './wallStore';

export interface GatewayOptions {
  /** The hub's base URL, e.g. `http://127.0.0.1:7450`; the namespace is added here. */
  readonly url: string;
  readonly token?: string;
  readonly node?: string;
  /** Reconnect backoff (ms): first delay and ceiling. */
  readonly backoffMin?: number;
  readonly backoffMax?: number;
  /** How long a backfill request may take before it is asked again. */
  readonly fetchTimeoutMs?: number;
  /** Extra socket.io-client options (transports, a custom path). */
  readonly socketOptions?: Record<string, unknown>;
  /** Called with every envelope as it is applied, in order (tests and the IPC bridge use it). */
  readonly onApplied?: (envelope: Envelope) => void;
}

type WallSocket = Socket<ServerToClient, ClientToServer>;

/**
 * The event client: says hello with the last seq it holds, applies events strictly in seq order,
 * drops duplicates, parks early events while it backfills the gap, and reconnects with backoff,
 * including after the hub itself drops the connection.
 */
export class Gateway {
  private readonly socket: WallSocket;
  private readonly pending = new Map<number, Envelope | null>();
  private fillInFlight = false;
  private targetSeq = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private serverDrops = 0;
  private inGap = false;

  constructor(
    private readonly store: WallStore,
    private readonly options: GatewayOptions,
  ) {
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
    this.socket.on('events', (batch) => this.receive(batch));
  }

  start(): void {
    this.stopped = false;
    this.store.setConnection('connecting');
    this.socket.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.socket.disconnect();
    this.store.setConnection('offline');
  }

  /** Test hook: drop the transport as a network failure would, leaving reconnection to run. */
  simulateNetworkDrop(): void {
    this.socket.io.engine?.close();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  private onConnect(): void {
    this.serverDrops = 0;
    this.fillInFlight = false;
    this.socket.emit('hello', { lastSeq: this.store.lastSeq, ...(this.options.node ? { node: this.options.node } : {}) }, (reply: HelloReply) => {
      if (reply?.city) this.store.setCity(reply.city);
      this.targetSeq = Math.max(this.targetSeq, Number(reply?.headSeq) || 0);
      this.updateConnection();
    });
  }

  private onDisconnect(reason: string): void {
    if (this.stopped) return;
    this.store.diagnostics.reconnects += 1;
    this.store.setConnection('reconnecting');
    this.fillInFlight = false;
    // socket.io does not reconnect by itself when the server closed the socket: do it, with backoff.
    if (reason === 'io server disconnect') {
      const min = this.options.backoffMin ?? 500;
      const max = this.options.backoffMax ?? 10_000;
      const delay = Math.min(max, min * 2 ** this.serverDrops) * (0.75 + Math.random() * 0.5);
      this.serverDrops += 1;
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        if (!this.stopped) this.socket.connect();
      }, delay);
    }
  }

  /** Takes one batch off the wire; anything malformed is counted and skipped. */
  private receive(batch: unknown): void {
    if (!Array.isArray(batch)) {
      this.store.reject('bad-envelope', 'batch is not an array');
      return;
    }
    for (const raw of batch) {
      const decoded = decodeEnvelope(raw);
      if (decoded.ok) this.accept(decoded.envelope);
      else {
        if (decoded.seq !== undefined && (decoded.seq <= this.store.lastSeq || this.pending.has(decoded.seq))) {
          this.store.diagnostics.duplicates += 1;
          continue;
        }
        this.store.reject(decoded.reason, decoded.detail, decoded.seq);
        if (decoded.seq === undefined) continue;
        // The seq is used up even though the event is refused, so the order continues past it.
        this.place(decoded.seq, null);
      }
    }
    this.updateConnection();
  }

  private accept(envelope: Envelope): void {
    if (envelope.seq <= this.store.lastSeq || this.pending.has(envelope.seq)) {
      this.store.diagnostics.duplicates += 1;
      return;
    }
    this.place(envelope.seq, envelope);
  }

  private place(seq: number, envelope: Envelope | null): void {
    this.targetSeq = Math.max(this.targetSeq, seq);
    if (seq === this.store.lastSeq + 1) {
      this.apply(seq, envelope);
      this.drain();
      return;
    }
    if (!this.inGap) {
      this.inGap = true;
      this.store.diagnostics.gapsDetected += 1;
    }
    this.pending.set(seq, envelope);
    this.requestFill();
  }

  private apply(seq: number, envelope: Envelope | null): void {
    if (envelope) {
      this.store.ingest(envelope);
      this.options.onApplied?.(envelope);
    } else this.store.skipSeq(seq);
  }

  private drain(): void {
    for (;;) {
      const next = this.store.lastSeq + 1;
      if (!this.pending.has(next)) break;
      const envelope = this.pending.get(next) ?? null;
      this.pending.delete(next);
      this.apply(next, envelope);
    }
    if (this.pending.size === 0 && this.inGap) {
      this.inGap = false;
      this.store.diagnostics.gapsFilled += 1;
    }
  }

  /** Asks the hub for what is missing between what we hold and what we have seen. */
  private requestFill(): void {
    if (this.fillInFlight || !this.socket.connected) return;
    const from = this.store.lastSeq + 1;
    const firstPending = Math.min(...this.pending.keys());
    const to = Math.min(firstPending - 1, from + MAX_FETCH - 1);
    if (to < from) return;
    this.fillInFlight = true;
    this.store.setConnection('filling-gap');
    this.socket
      .timeout(this.options.fetchTimeoutMs ?? 5_000)
      .emit('fetch', { from, to }, (error: Error | null, reply: FetchReply) => {
        this.fillInFlight = false;
        if (error || !reply || !Array.isArray(reply.events)) {
          if (this.socket.connected) this.requestFill();
          return;
        }
        this.receive(reply.events);
        // Whatever the hub could not give in that range is gone from its log: move past it.
        if (this.store.lastSeq < to && reply.headSeq >= to) {
          for (let seq = this.store.lastSeq + 1; seq <= to; seq += 1) {
            if (!this.pending.has(seq)) {
              this.pending.set(seq, null);
              this.store.diagnostics.lost += 1;
            }
          }
          this.drain();
        }
        if (this.pending.size > 0) this.requestFill();
        this.updateConnection();
      });
  }

  private updateConnection(): void {
    if (!this.socket.connected) return;
    const behind = this.pending.size > 0 || this.store.lastSeq < this.targetSeq;
    this.store.setConnection(behind ? 'filling-gap' : 'connected');
  }
}
