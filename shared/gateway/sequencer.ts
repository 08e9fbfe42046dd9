import { decodeEnvelope, type Envelope } from '../protocol/envelope';
import { isBinary } from '../protocol/jsonSize';
import { MAX_BATCH } from '../protocol/wire';
import type { WallStore } from './wallStore';

/**
 * The furthest a seq may lie beyond the newest one the hub has announced. Events reach a wall in
 * order over one connection, so a seq this far ahead is a broken hub, not a gap to backfill.
 */
export const MAX_SEQ_JUMP = 1_000_000;

/** What a batch showed about the hub, beyond the events themselves. */
export interface ReceiveOutcome {
  /** A seq out of all proportion: the batch stopped there, the hub is not to be trusted. */
  readonly implausibleSeq?: number;
  /** The batch was refused whole, unread (not an array, or too long). */
  readonly refused?: boolean;
}

/**
 * Puts raw events from the wire into the store strictly in seq order: validates each, drops
 * duplicates, parks early ones while a gap is open, and says which range to backfill. Pure
 * logic, no socket, so ordering is tested without a network.
 */
export class Sequencer {
  private readonly pending = new Map<number, Envelope | null>();
  private inGap = false;
  /** The highest seq the hub is known to have. */
  targetSeq = 0;

  constructor(
    private readonly store: WallStore,
    private readonly onApplied?: (envelope: Envelope) => void,
  ) {}

  /**
   * Takes one batch off the wire; anything malformed is counted and skipped. A batch that is no
   * array or longer than `MAX_BATCH` is refused before it is walked (what it held is backfilled).
   */
  receive(batch: unknown): ReceiveOutcome {
    if (!Array.isArray(batch)) {
      this.store.reject('bad-envelope', 'batch is not an array');
      return { refused: true };
    }
    if (batch.length > MAX_BATCH) {
      this.store.reject('too-large', `batch of ${batch.length} events (at most ${MAX_BATCH})`);
      return { refused: true };
    }
    for (const raw of batch) {
      if (isBinary(raw)) {
        this.store.reject('bad-envelope', 'binary data instead of an event');
        continue;
      }
      const decoded = decodeEnvelope(raw);
      const seq = decoded.ok ? decoded.envelope.seq : decoded.seq;
      if (seq !== undefined && seq > this.ceiling()) {
        this.store.reject('bad-envelope', `seq ${seq} is implausibly far ahead`, seq);
        return { implausibleSeq: seq };
      }
      if (decoded.ok) {
        this.accept(decoded.envelope.seq, decoded.envelope);
        continue;
      }
      if (decoded.seq !== undefined && this.isKnown(decoded.seq)) {
        this.store.diagnostics.duplicates += 1;
        continue;
      }
      this.store.reject(decoded.reason, decoded.detail, decoded.seq);
      // The seq is used up even though the event is refused, so the order continues past it.
      if (decoded.seq !== undefined) this.accept(decoded.seq, null);
    }
    return {};
  }

  /** The highest seq believable now. */
  ceiling(): number {
    return Math.max(this.targetSeq, this.store.lastSeq) + MAX_SEQ_JUMP;
  }

  /** The range to ask the hub for, or undefined when nothing is missing. */
  missingRange(maxCount: number): { from: number; to: number } | undefined {
    if (this.pending.size === 0) return undefined;
    const from = this.store.lastSeq + 1;
    let firstPending = Infinity;
    for (const seq of this.pending.keys()) firstPending = Math.min(firstPending, seq);
    const to = Math.min(firstPending - 1, from + maxCount - 1);
    return to >= from ? { from, to } : undefined;
  }

  /**
   * After a backfill answered for everything up to `to`: what the hub could not give is lost,
   * move past it. Counted, not walked seq by seq, so a wide hole costs as little as a narrow one.
   */
  giveUpThrough(to: number): void {
    if (to <= this.store.lastSeq) return;
    const parked = [...this.pending.keys()].filter((s) => s <= to).sort((a, b) => a - b);
    this.store.diagnostics.lost += to - this.store.lastSeq - parked.length;
    for (const seq of parked) {
      this.store.skipSeq(seq - 1);
      const envelope = this.pending.get(seq) ?? null;
      this.pending.delete(seq);
      this.apply(seq, envelope);
    }
    this.store.skipSeq(to);
    this.drain();
  }

  get behind(): boolean {
    return this.pending.size > 0 || this.store.lastSeq < this.targetSeq;
  }

  /** Forgets parked events (the hub's log was replaced: its seqs mean something else now). */
  reset(): void {
    this.pending.clear();
    this.inGap = false;
    this.targetSeq = 0;
  }

  private isKnown(seq: number): boolean {
    return seq <= this.store.lastSeq || this.pending.has(seq);
  }

  private accept(seq: number, envelope: Envelope | null): void {
    if (this.isKnown(seq)) {
      this.store.diagnostics.duplicates += 1;
      return;
    }
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
  }

  private apply(seq: number, envelope: Envelope | null): void {
    // Only what the store took is "applied": a refused event still uses up its seq.
    if (envelope) {
      if (this.store.ingest(envelope)) this.onApplied?.(envelope);
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
}
