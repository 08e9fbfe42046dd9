/** How many pushed events a retry is recognised for: far more than any platform keeps unsent. */
export const REFS_KEPT = 500_000;

/**
 * The platform ids of pushed events and the seqs they were logged at, newest last, so that a
 * retried push is answered with the seq it already has instead of being applied twice. It is
 * rebuilt at start from the checkpoint and the log's tail (the log keeps each event's id).
 */
export class RefIndex {
  private readonly seqs = new Map<string, number>();

  constructor(private readonly kept = REFS_KEPT) {}

  get size(): number {
    return this.seqs.size;
  }

  seqOf(ref: string): number | undefined {
    return this.seqs.get(ref);
  }

  add(ref: string, seq: number): void {
    this.seqs.delete(ref);
    this.seqs.set(ref, seq);
    // A Map iterates in insertion order: the first key is the oldest.
    while (this.seqs.size > this.kept) this.seqs.delete(this.seqs.keys().next().value as string);
  }

  /** `[ref, seq]` pairs up to `seq` (what a checkpoint at `seq` may say is on disk), oldest first. */
  upTo(seq: number): [string, number][] {
    const pairs: [string, number][] = [];
    for (const [ref, at] of this.seqs) if (at <= seq) pairs.push([ref, at]);
    return pairs;
  }
}
