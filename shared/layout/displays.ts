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
}

/**
 * Until the layout engine plans regions, each display gets one full-screen case board. Ordered
 * left to right, top to bottom, so keys follow the wall's physical order.
 */
export function planBoardWindows(displays: readonly DisplayInfo[]): WindowPlan[] {
  return [...displays]
    .sort((a, b) => a.bounds.y - b.bounds.y || a.bounds.x - b.bounds.x)
    .map((d) => ({
      key: `display-${d.id}`,
      displayId: d.id,
      bounds: d.bounds,
      view: 'cases',
      label: d.label || `Display ${d.id}`,
    }));
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
    else if (!sameRect(had.bounds, plan.bounds) || had.view !== plan.view) update.push(plan);
  }
  const close = [...current.keys()].filter((key) => !wanted.has(key));
  return { open, update, close };
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
