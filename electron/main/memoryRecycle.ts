/**
 * When to reload a wall window whose renderer has grown too big. Chromium's media pipeline keeps
 * resident memory after players are torn down: in `bench:video`, 16 tiles swapping sources grow
 * the renderer by about 40 MB per 100 swaps on bare hls.js just as on our tiles (the JS heap stays
 * flat), and a video wall rotating every 15 s makes some 5,000 swaps a day. A reload gives the
 * memory back; the window comes back in step (the rotation runs on the wall clock, the wall's
 * state is mirrored). At most once per interval, so a window that is simply big is not reloaded
 * over and over.
 */
export interface RecycleOptions {
  /** Resident memory of the window's renderer beyond which it is reloaded. */
  readonly limitMb: number;
  readonly minIntervalMs: number;
}

const DEFAULT_RECYCLE: RecycleOptions = { limitMb: 1_536, minIntervalMs: 15 * 60_000 };

/** How often main looks at each window's renderer memory. */
export const RECYCLE_CHECK_MS = 60_000;

export class MemoryRecycle {
  private lastAt = -Infinity;
  /** Reloads so far, for the log. */
  count = 0;

  constructor(private readonly options: RecycleOptions = DEFAULT_RECYCLE) {}

  /** A sample of the renderer's working set (KB, as Electron's app metrics give it): reload now? */
  check(workingSetKb: number, now: number): boolean {
    if (!Number.isFinite(workingSetKb) || workingSetKb / 1024 < this.options.limitMb) return false;
    if (now - this.lastAt < this.options.minIntervalMs) return false;
    this.lastAt = now;
    this.count += 1;
    return true;
  }
}
