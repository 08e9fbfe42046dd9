/**
 * Exponential backoff with jitter (±25 %): `next()` gives the delay to wait, doubling from `min`
 * up to `max`; `reset()` after a success.
 */
export class Backoff {
  private attempts = 0;

  constructor(
    private readonly min: number,
    private readonly max: number,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const delay = Math.min(this.max, this.min * 2 ** this.attempts);
    this.attempts = Math.min(this.attempts + 1, 30);
    return delay * (0.75 + this.random() * 0.5);
  }

  reset(): void {
    this.attempts = 0;
  }
}
