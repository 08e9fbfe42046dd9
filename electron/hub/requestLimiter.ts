/**
 * Bounds the work clients can ask of the hub (fetches, hellos): requests in flight per socket
 * and in total, and a rate per socket (a token bucket). A well-behaved gateway has one fetch in
 * flight and says hello once per connection; a client that fires thousands is answered "busy"
 * at once, at the cost of a few bytes each, instead of holding thousands of replies in memory.
 */
export class RequestLimiter {
  private readonly inFlight = new Map<string, number>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private total = 0;

  constructor(
    private readonly limits: {
      readonly perSocket: number;
      readonly total: number;
      /** Fetches per second a socket may sustain, and its burst. */
      readonly rate: number;
      readonly burst: number;
    } = { perSocket: 2, total: 32, rate: 50, burst: 100 },
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the fetch may run now; the caller must `finish` it. */
  tryStart(socketId: string): boolean {
    const mine = this.inFlight.get(socketId) ?? 0;
    if (mine >= this.limits.perSocket || this.total >= this.limits.total) return false;
    const now = this.now();
    const bucket = this.buckets.get(socketId) ?? { tokens: this.limits.burst, at: now };
    bucket.tokens = Math.min(
      this.limits.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.limits.rate,
    );
    bucket.at = now;
    this.buckets.set(socketId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    this.inFlight.set(socketId, mine + 1);
    this.total += 1;
    return true;
  }

  finish(socketId: string): void {
    const mine = this.inFlight.get(socketId) ?? 0;
    if (mine <= 0) return;
    this.total -= 1;
    if (mine === 1) this.inFlight.delete(socketId);
    else this.inFlight.set(socketId, mine - 1);
  }

  /** A socket went away: its bucket goes (its fetches still in flight finish normally). */
  forget(socketId: string): void {
    this.buckets.delete(socketId);
  }

  get running(): number {
    return this.total;
  }
}
