import { Rotation, type RotationGroup } from '../../shared/video/rotation';

/** What the view shows of the rotation: one immutable value, replaced when anything changes. */
export interface RotationInfo {
  readonly ids: readonly string[];
  /** The next screen, once it is time to preload it. */
  readonly next: readonly string[];
  readonly index: number;
  readonly count: number;
  readonly paused: boolean;
  readonly heldSwaps: number;
}

const NOTHING: readonly string[] = [];

/**
 * The one place a video wall's rotation lives: a Rotation stepped by a timer, read by the view
 * through `subscribe`/`snapshot` (useSyncExternalStore), held for the planner's reasons.
 */
export class RotationClock {
  private readonly rotation: Rotation;
  private info: RotationInfo;
  private readonly listeners = new Set<() => void>();
  private readonly timer: ReturnType<typeof setInterval>;

  /** `shared`: the rotation of a split spread over several windows, which must swap as one. */
  constructor(
    group: RotationGroup,
    tiles: number,
    private readonly shared = false,
    now = Date.now,
  ) {
    this.rotation = new Rotation(group, tiles, now());
    // On the wall clock: the windows of a split spread over panels (and PCs) swap as one.
    this.rotation.alignTo(now());
    this.info = this.read(now());
    this.timer = setInterval(() => {
      this.rotation.tick(now());
      this.update(now());
    }, 500);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): RotationInfo => this.info;

  /** Holds for exactly these reasons (alarms on screen, a linked case, hand-placed cameras). */
  hold(reasons: ReadonlySet<string>, now = Date.now()): void {
    const wasHeld = this.rotation.paused;
    this.rotation.holdFor(reasons, now);
    // A window of a shared split held alone (a camera placed by hand) rejoins the others in step.
    if (this.shared && wasHeld && !this.rotation.paused) this.rotation.alignTo(now);
    this.update(now);
  }

  destroy(): void {
    clearInterval(this.timer);
    this.listeners.clear();
  }

  private update(now: number): void {
    const next = this.read(now);
    const i = this.info;
    if (
      next.ids === i.ids &&
      next.next === i.next &&
      next.index === i.index &&
      next.count === i.count &&
      next.paused === i.paused &&
      next.heldSwaps === i.heldSwaps
    )
      return;
    this.info = next;
    for (const listener of this.listeners) listener();
  }

  private read(now: number): RotationInfo {
    const r = this.rotation;
    return {
      ids: r.current.length > 0 ? r.current : NOTHING,
      next: r.shouldPreload(now) ? (r.next ?? NOTHING) : NOTHING,
      index: r.sceneIndex,
      count: r.sceneCount,
      paused: r.paused,
      heldSwaps: r.heldSwaps,
    };
  }
}
