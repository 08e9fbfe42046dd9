/**
 * Rotation (轮巡): a group of cameras shown a screenful at a time, each screen for a dwell time.
 * Pure and clock-driven, so the wall and its tests step it the same way. The next screen is
 * announced a little before the swap so its players can load while the current one still shows.
 */
export interface RotationGroup {
  readonly id: string;
  readonly name: string;
  readonly cameraIds: readonly string[];
  readonly dwellSeconds: number;
}

/** The screens of a group: pages of `tiles` cameras; the last page may be shorter. */
export function rotationScenes(cameraIds: readonly string[], tiles: number): string[][] {
  const scenes: string[][] = [];
  for (let i = 0; i < cameraIds.length; i += Math.max(1, tiles))
    scenes.push(cameraIds.slice(i, i + Math.max(1, tiles)));
  return scenes.length > 0 ? scenes : [[]];
}

const MIN_DWELL_SECONDS = 5;

export class Rotation {
  private readonly scenes: string[][];
  private index = 0;
  private swapAt: number;
  private readonly pauses = new Set<string>();
  private pausedAt: number | undefined;
  private held = 0;
  /** While held: when the next swap would have come. */
  private heldDueAt = Infinity;

  constructor(
    readonly group: RotationGroup,
    tiles: number,
    now: number,
    private readonly preloadLeadMs = 3_000,
  ) {
    this.scenes = rotationScenes(group.cameraIds, tiles);
    this.swapAt = now + this.dwellMs;
  }

  get dwellMs(): number {
    return Math.max(MIN_DWELL_SECONDS, this.group.dwellSeconds) * 1000;
  }

  get sceneIndex(): number {
    return this.index;
  }

  get sceneCount(): number {
    return this.scenes.length;
  }

  get current(): readonly string[] {
    return this.scenes[this.index] ?? [];
  }

  /** The screen after this one, or undefined when the group fits on one screen. */
  get next(): readonly string[] | undefined {
    return this.scenes.length > 1 ? this.scenes[(this.index + 1) % this.scenes.length] : undefined;
  }

  get paused(): boolean {
    return this.pauses.size > 0;
  }

  get pauseReasons(): readonly string[] {
    return [...this.pauses];
  }

  /** Dwell periods that ran out while held: each one a swap the hold kept from happening. */
  get heldSwaps(): number {
    return this.held;
  }

  /** When the next swap is due (while not paused). */
  get nextSwapAt(): number {
    return this.swapAt;
  }

  /**
   * Puts the rotation where the wall clock says it is: screen ⌊now / dwell⌋ of the cycle, next
   * swap on the next multiple of the dwell. Every window of a region, and every PC, computes
   * the same, so a split spread over many panels swaps as one and a window opened late joins
   * in step instead of starting at screen 1.
   */
  alignTo(now: number): void {
    if (this.paused) return;
    const period = Math.floor(now / this.dwellMs);
    this.index = period % this.scenes.length;
    this.swapAt = (period + 1) * this.dwellMs;
  }

  /** Holds the rotation on this screen (an alarm, a pinned case, the operator); reasons stack. */
  pause(reason: string, now: number): void {
    if (this.pauses.size === 0) {
      this.pausedAt = now;
      this.heldDueAt = this.swapAt;
    }
    this.pauses.add(reason);
  }

  /** Lifts one reason; the screen then gets the rest of its dwell time, never less than the lead. */
  resume(reason: string, now: number): void {
    if (!this.pauses.delete(reason) || this.pauses.size > 0) return;
    const left = this.swapAt - (this.pausedAt ?? now);
    this.swapAt = now + Math.max(left, this.preloadLeadMs);
    this.pausedAt = undefined;
    this.heldDueAt = Infinity;
  }

  /** Holds for exactly these reasons: lifts the ones gone, adds the new ones. */
  holdFor(reasons: ReadonlySet<string>, now: number): void {
    for (const reason of [...this.pauses]) if (!reasons.has(reason)) this.resume(reason, now);
    for (const reason of reasons) this.pause(reason, now);
  }

  /** True when the wall should start loading `next` now. */
  shouldPreload(now: number): boolean {
    return !this.paused && this.next !== undefined && now >= this.swapAt - this.preloadLeadMs;
  }

  /** Advances to the next screen when its time has come; returns whether it did. */
  tick(now: number): boolean {
    if (this.paused && this.scenes.length > 1 && now >= this.heldDueAt) {
      this.held += 1;
      this.heldDueAt += this.dwellMs;
    }
    if (this.paused || this.scenes.length < 2 || now < this.swapAt) return false;
    this.index = (this.index + 1) % this.scenes.length;
    // A wall that slept (suspend, debugger) does not race through screens to catch up.
    this.swapAt = Math.max(this.swapAt + this.dwellMs, now + this.preloadLeadMs);
    return true;
  }
}
