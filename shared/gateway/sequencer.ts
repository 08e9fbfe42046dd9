import { decodeEnvelope, type Envelope } from '../protocol/envelope';
import type { WallStore } from './wallStore';

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

  /** Takes one batch off the wire; anything malformed is counted and skipped. */
  receive(batch: unknown): void {
    if (!Array.isArray(batch)) {
      this.store.reject('bad-envelope', 'batch is not an array');
      return;
    }
    for (const raw of batch) {
      const decoded = decodeEnvelope(raw);
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

  /** After a backfill answered up to `to`: what the hub could not give is lost, move past it. */
  giveUpThrough(to: number): void {
    for (let seq = this.store.lastSeq + 1; seq <= to; seq += 1) {
      if (!this.pending.has(seq)) {
        this.pending.set(seq, null);
        this.store.diagnostics.lost += 1;
      }
    }
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
    if (envelope) {
      this.store.ingest(envelope);
      this.onApplied?.(envelope);
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
