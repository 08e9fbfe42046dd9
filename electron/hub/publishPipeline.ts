import type { CaseStore } from '../../shared/domain/caseStore';
import { countRejection, type Diagnostics } from '../../shared/gateway/diagnostics';
import { validateEvent, type Envelope } from '../../shared/protocol/envelope';
import type { WallEvent } from '../../shared/protocol/events';
import type { EventLog } from './eventLog';

export interface PublishResult {
  /** The accepted events with their seqs (on their way to disk). */
  readonly accepted: readonly Envelope[];
  readonly rejected: number;
  /** Resolves once the accepted events are on disk. */
  readonly written: Promise<void>;
}

/** Events per broadcast message: under the gateway's batch bound, whatever a turn publishes. */
const BROADCAST_CHUNK = 2_000;

/**
 * Validate → lifecycle → log → broadcast. A source's event is validated and run through the
 * lifecycle before it gets a seq, so the log holds only what a wall can apply; it is sent to the
 * walls only once the log has it on disk, at most one broadcast per turn of the event loop.
 */
export class PublishPipeline {
  private outgoing: Envelope[] = [];
  private flushScheduled = false;
  /** Everything already in the log when the hub started counts as sent. */
  private sent: number;
  private readonly listeners = new Set<(envelopes: readonly Envelope[]) => void>();

  constructor(
    private readonly store: CaseStore,
    private readonly log: EventLog,
    private readonly diagnostics: Diagnostics,
    private readonly broadcast: (batch: readonly Envelope[]) => void,
  ) {
    this.sent = log.headSeq;
    log.onDurable((envelopes) => {
      for (const e of envelopes) this.outgoing.push(e);
      this.scheduleFlush();
    });
  }

  /** The newest seq broadcast to the walls. */
  get sentHead(): number {
    return this.sent;
  }

  publish(items: readonly unknown[]): PublishResult {
    const accepted: WallEvent[] = [];
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
    return { accepted: envelopes, rejected, written: this.log.flush() };
  }

  onSent(listener: (envelopes: readonly Envelope[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for the log to write what it holds, then sends it. */
  async drain(): Promise<void> {
    await this.log.flush();
    this.flush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.outgoing.length === 0) return;
    const batch = this.outgoing;
    this.outgoing = [];
    for (let i = 0; i < batch.length; i += BROADCAST_CHUNK)
      this.broadcast(batch.slice(i, i + BROADCAST_CHUNK));
    this.sent = (batch[batch.length - 1] as Envelope).seq;
    for (const listener of this.listeners) listener(batch);
  }
}
