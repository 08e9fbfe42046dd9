import type { WallBridge } from '../ipc/contract';
import { checkBusMessage, type BusMessage, type WallBus } from './messages';

/** Electron's bus: publish goes to main over IPC, and main sends it to every window, this one included. */
export class BridgeBus implements WallBus {
  private readonly listeners = new Set<(message: BusMessage) => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly bridge: Required<Pick<WallBridge, 'publishBus' | 'onBus'>>) {
    this.unsubscribe = bridge.onBus((raw) => {
      const message = checkBusMessage(raw);
      if (message) for (const listener of this.listeners) listener(message);
    });
  }

  publish(message: BusMessage): void {
    void this.bridge.publishBus(message);
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }
}
