import { checkBusMessage, type BusMessage, type WallBus } from './messages';

/** The structural part of BroadcastChannel we use (pages and Node both provide it). */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/**
 * The browser preview's bus: one BroadcastChannel shared by the wall's pages. A channel does
 * not hear itself, so the sender delivers its own message locally, as main does in Electron.
 */
export class BroadcastBus implements WallBus {
  private readonly listeners = new Set<(message: BusMessage) => void>();
  private refused = 0;

  constructor(private readonly channel: ChannelLike) {
    channel.onmessage = (event) => {
      const message = checkBusMessage(event.data);
      if (message) this.deliver(message);
      else this.refused += 1;
    };
  }

  publish(message: BusMessage): void {
    this.channel.postMessage(message);
    this.deliver(message);
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get refusedCount(): number {
    return this.refused;
  }

  close(): void {
    this.channel.close();
    this.listeners.clear();
  }

  private deliver(message: BusMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}
