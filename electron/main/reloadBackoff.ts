/**
 * How long to wait before reloading a window whose renderer crashed or hung: 1 s, 2 s, 4 s …
 * up to a minute, so a page that crashes at once does not spin; a window that stayed up for
 * five minutes starts again from 1 s.
 */
export class ReloadBackoff {
  private failures = 0;
  private lastFailure = -Infinity;

  constructor(
    private readonly baseMs = 1_000,
    private readonly maxMs = 60_000,
    private readonly stableMs = 5 * 60_000,
  ) {}

  /** Records a failure at `now` and returns the delay before the next reload. */
  next(now: number): number {
    if (now - this.lastFailure > this.stableMs) this.failures = 0;
    this.lastFailure = now;
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** this.failures);
    this.failures += 1;
    return delay;
  }
}
