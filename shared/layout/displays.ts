/** A rectangle in the desktop's coordinate space (DIP), as Electron's `screen` reports it. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One display as the shell sees it; ids are strings because they do not survive reboots. */
export interface DisplayInfo {
  readonly id: string;
  readonly label: string;
  readonly bounds: Rect;
  readonly workArea: Rect;
  readonly scaleFactor: number;
  readonly rotation: number;
  readonly primary?: boolean;
}

/** A window the shell should have open: where, and what it shows. */
export interface WindowPlan {
  /** Stable across replans, so a window that stays is moved, not reopened. */
  readonly key: string;
  readonly displayId: string;
  readonly bounds: Rect;
  readonly view: string;
  readonly label: string;
  /** The profile region this window shows (several windows when a region spans panels). */
  readonly regionId: string;
  /** View parameters, including `part` when the window shows part of a larger region. */
  readonly params: Readonly<Record<string, string>>;
}

export interface PlanDiff {
  readonly open: readonly WindowPlan[];
  /** Windows that stay but move, resize or change view: updated in place, never reloaded. */
  readonly update: readonly WindowPlan[];
  readonly close: readonly string[];
}

export function diffPlans(
  current: ReadonlyMap<string, WindowPlan>,
  next: readonly WindowPlan[],
): PlanDiff {
  const wanted = new Map(next.map((p) => [p.key, p]));
  const open: WindowPlan[] = [];
  const update: WindowPlan[] = [];
  for (const plan of next) {
    const had = current.get(plan.key);
    if (!had) open.push(plan);
    else if (
      !sameRect(had.bounds, plan.bounds) ||
      had.view !== plan.view ||
      !sameParams(had.params, plan.params)
    )
      update.push(plan);
  }
  const close = [...current.keys()].filter((key) => !wanted.has(key));
  return { open, update, close };
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function sameParams(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
