import type { CaseStore } from '../../shared/domain/caseStore';
import { countRejection, type Diagnostics } from '../../shared/gateway/diagnostics';
import {
  validateEvent,
  type Envelope,
  type RejectReason,
  type Rejection,
} from '../../shared/protocol/envelope';
import type { WallEvent } from '../../shared/protocol/events';
import type { EventLog } from './eventLog';
import { RefIndex } from './ingest/refIndex';

export interface PublishResult {
  /** The accepted events with their seqs (on their way to disk). */
  readonly accepted: readonly Envelope[];
  readonly rejected: number;
  /** Resolves once the accepted events are on disk. */
  readonly written: Promise<void>;
}

/** One pushed event: the platform's own id and the event (checked here, not trusted). */
export interface PushedItem {
  readonly ref: string;
  readonly event: unknown;
}

/** What became of one pushed event: logged at `seq` (now or by an earlier push), or refused. */
export type ItemOutcome =
  | { readonly ok: true; readonly seq: number; readonly duplicate?: true }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail: string };

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
  /** The platform ids of pushed events already logged, and their seqs. */
  readonly refs = new RefIndex();

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
      const admitted = this.admit(item, now);
      if (admitted.ok) accepted.push(admitted.event);
      else rejected += 1;
    }
    const envelopes = this.log.append(accepted);
    this.diagnostics.applied += envelopes.length;
    return { accepted: envelopes, rejected, written: this.log.flush() };
  }

  /**
   * Pushed events, each answered on its own: accepted with its seq, a retry of one already
   * logged (same platform id) answered with that seq and not applied again, or refused with why.
   */
  publishEach(items: readonly PushedItem[]): {
    readonly outcomes: ItemOutcome[];
    readonly accepted: readonly Envelope[];
    readonly written: Promise<void>;
  } {
    const outcomes: ItemOutcome[] = [];
    const accepted: WallEvent[] = [];
    const refs: string[] = [];
    /** Outcomes that wait for a seq: the accepted event `of` gives it (a repeat in the batch too). */
    const waiting: { slot: number; of: number; duplicate: boolean }[] = [];
    const inBatch = new Map<string, number>();
    const now = Date.now();
    for (const { ref, event } of items) {
      const logged = this.refs.seqOf(ref);
      const earlier = inBatch.get(ref);
      if (logged !== undefined) outcomes.push({ ok: true, seq: logged, duplicate: true });
      else if (earlier !== undefined) {
        waiting.push({ slot: outcomes.length, of: earlier, duplicate: true });
        outcomes.push({ ok: true, seq: 0 });
      } else {
        const admitted = this.admit(event, now);
        if (!admitted.ok) {
          outcomes.push({ ok: false, reason: admitted.reason, detail: admitted.detail });
          continue;
        }
        inBatch.set(ref, accepted.length);
        waiting.push({ slot: outcomes.length, of: accepted.length, duplicate: false });
        outcomes.push({ ok: true, seq: 0 });
        accepted.push(admitted.event);
        refs.push(ref);
      }
    }
    const envelopes = this.log.append(accepted, refs);
    this.diagnostics.applied += envelopes.length;
    envelopes.forEach((e, k) => this.refs.add(refs[k] as string, e.seq));
    for (const { slot, of, duplicate } of waiting) {
      const seq = (envelopes[of] as Envelope).seq;
      outcomes[slot] = duplicate ? { ok: true, seq, duplicate } : { ok: true, seq };
    }
    return { outcomes, accepted: envelopes, written: this.log.flush() };
  }

  /** Validates an event and applies it to the store; a refusal is counted and said. */
  private admit(
    item: unknown,
    now: number,
  ): { readonly ok: true; readonly event: WallEvent } | ({ readonly ok: false } & Rejection) {
    const checked = validateEvent(item);
    if (!checked.ok) {
      countRejection(this.diagnostics, checked.reason, checked.detail, now);
      return checked;
    }
    const applied = this.store.apply(checked.event);
    if (!applied.ok) {
      countRejection(this.diagnostics, applied.reason, applied.detail, now);
      return { ok: false, reason: applied.reason, detail: applied.detail };
    }
    return checked;
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
