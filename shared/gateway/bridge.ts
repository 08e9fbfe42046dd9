import type { Language, WallBatch, WallBridge, WindowInfo } from '../ipc/contract';
import type { Envelope } from '../protocol/envelope';
import { createCoalescer, type FrameScheduler } from './frameScheduler';
import type { WallStore } from './wallStore';

/**
 * Publishes a gateway's store as a WallBridge: a snapshot on request, then every applied
 * envelope in order, batched to at most one message per frame. Electron main sends these
 * batches over IPC; the browser preview hands them to the page directly.
 */
export class StoreBridge implements WallBridge {
  private buffer: Envelope[] = [];
  private readonly batchListeners = new Set<(batch: WallBatch) => void>();
  private readonly languageListeners = new Set<(language: Language) => void>();
  private readonly request: () => void;
  private language: Language;

  constructor(
    private readonly store: WallStore,
    schedule: FrameScheduler,
    private readonly info: Omit<WindowInfo, 'language'> & { language?: Language },
  ) {
    this.language = info.language ?? 'zh-CN';
    this.request = createCoalescer(() => this.flush(), schedule);
    // Connection and diagnostics change without events; send them on the same frame clock.
    store.subscribe(() => this.request());
  }

  /** Feed from the gateway's `onApplied`. */
  applied(envelope: Envelope): void {
    this.buffer.push(envelope);
    this.request();
  }

  async snapshot() {
    return this.store.snapshot();
  }

  async windowInfo(): Promise<WindowInfo> {
    return { ...this.info, language: this.language };
  }

  async setLanguage(language: Language): Promise<void> {
    this.language = language;
    for (const listener of this.languageListeners) listener(language);
  }

  onBatch(listener: (batch: WallBatch) => void): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  onLanguage(listener: (language: Language) => void): () => void {
    this.languageListeners.add(listener);
    return () => this.languageListeners.delete(listener);
  }

  private flush(): void {
    const events = this.buffer;
    this.buffer = [];
    const batch: WallBatch = {
      events,
      lastSeq: this.store.lastSeq,
      epoch: this.store.epoch,
      connection: this.store.connection,
      diagnostics: structuredClone(this.store.diagnostics),
      ...(this.store.city ? { city: this.store.city } : {}),
    };
    for (const listener of this.batchListeners) listener(batch);
  }
}
