/**
 * Where each event of the log lies: its seq and the byte offset of its line, in file order.
 * Looked up by seq (binary search), never by position, because a damaged log can have holes.
 */
export class SeqIndex {
  private readonly seqs: number[] = [];
  private readonly offsets: number[] = [];

  get length(): number {
    return this.seqs.length;
  }

  /** The newest seq held, 0 when empty. */
  get last(): number {
    return this.seqs[this.seqs.length - 1] ?? 0;
  }

  push(seq: number, offset: number): void {
    this.seqs.push(seq);
    this.offsets.push(offset);
  }

  seqAt(position: number): number | undefined {
    return this.seqs[position];
  }

  offsetAt(position: number): number | undefined {
    return this.offsets[position];
  }

  /** The position of the first seq ≥ `seq` (length when none). */
  lowerBound(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.seqs[mid] as number) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The position just past the last seq ≤ `seq`. */
  upperBound(seq: number): number {
    return this.lowerBound(seq + 1);
  }
}
