import { io, type Socket } from 'socket.io-client';
import { checkBusMessage, type BusMessage } from '../bus/messages';
import type { Envelope } from '../protocol/envelope';
import {
  MAX_FETCH,
  WALL_NAMESPACE,
  type ClientToServer,
  type FetchReply,
  type HelloReply,
  type ServerToClient,
} from '../protocol/wire';
import { Sequencer } from './sequencer';
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
  /** Extra socket.io-client options (transports, a custom path). */
  readonly socketOptions?: Record<string, unknown>;
  /** Called with every envelope as it is applied, in order (tests and the IPC bridge use it). */
  readonly onApplied?: (envelope: Envelope) => void;
}

type WallSocket = Socket<ServerToClient, ClientToServer>;

/**
 * The event client: says hello with the last seq it holds, hands every batch to the sequencer,
 * backfills gaps, and reconnects with backoff, including after the hub itself drops the socket.
 */
export class Gateway {
  private readonly socket: WallSocket;
  private readonly sequencer: Sequencer;
  private fillInFlight = false;
  private stopped = false;
  private retryTimer: unknown;
  private serverDrops = 0;
  private readonly busListeners = new Set<(message: BusMessage) => void>();
  /** Live only once the hub has answered hello on this connection. */
  private greeted = false;

  constructor(
    private readonly store: WallStore,
    private readonly options: GatewayOptions,
  ) {
    this.sequencer = new Sequencer(store, options.onApplied);
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
    this.socket.on('events', (batch) => {
      this.sequencer.receive(batch);
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
    clearTimeout(this.retryTimer);
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

  private onConnect(): void {
    this.serverDrops = 0;
    this.fillInFlight = false;
    this.greeted = false;
    const hello = {
      lastSeq: this.store.lastSeq,
      ...(this.options.node ? { node: this.options.node } : {}),
      ...(this.options.wall ? { wall: this.options.wall } : {}),
    };
    this.socket.emit('hello', hello, (reply: HelloReply) => {
      if (!reply || typeof reply.headSeq !== 'number') return;
      if (reply.headSeq < this.store.lastSeq) {
        // The hub's log is shorter than what we hold: it was replaced, so start over from it.
        this.store.clear();
        this.sequencer.reset();
        this.socket.disconnect().connect();
        return;
      }
      this.greeted = true;
      if (reply.city) this.store.setCity(reply.city);
      if (Array.isArray(reply.notices)) {
        this.store.diagnostics.hubNotices = reply.notices
          .filter((n): n is string => typeof n === 'string')
          .slice(0, 10)
          .map((n) => n.slice(0, 300));
      }
      this.sequencer.targetSeq = Math.max(this.sequencer.targetSeq, reply.headSeq);
      this.afterReceive();
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

  private afterReceive(): void {
    this.requestFill();
    if (this.socket.connected && this.greeted) {
      this.store.setConnection(this.sequencer.behind ? 'filling-gap' : 'connected');
    }
  }

  /** Asks the hub for what is missing between what we hold and what we have seen. */
  private requestFill(): void {
    if (this.fillInFlight || !this.socket.connected) return;
    const range = this.sequencer.missingRange(MAX_FETCH);
    if (!range) return;
    this.fillInFlight = true;
    this.socket
      .timeout(this.options.fetchTimeoutMs ?? 5_000)
      .emit('fetch', range, (error: Error | null, reply: FetchReply) => {
        this.fillInFlight = false;
        if (!error && reply && Array.isArray(reply.events)) {
          this.sequencer.receive(reply.events);
          if (this.store.lastSeq < range.to && reply.headSeq >= range.to)
            this.sequencer.giveUpThrough(range.to);
        }
        this.afterReceive();
      });
  }
}
