import { PRIORITY } from './streamBudget';

/** An unacknowledged alarm on a camera: what its tile shows, and what holds the rotation. */
export interface CameraAlarm {
  readonly id: string;
  readonly text: string;
}

/** Everything that decides what a video screen shows; the planner reads only this. */
export interface ScreenState {
  /** How many tiles the split has. */
  readonly cells: number;
  /** The rotation's current screen and, when it is time, the next one to preload. */
  readonly scene: { readonly ids: readonly string[]; readonly next: readonly string[] };
  /** Cameras linked to the selected case, first on the wall. */
  readonly pinned: readonly string[];
  /** Cameras put in a slot by hand (slot → camera). */
  readonly manual: Readonly<Record<number, string>>;
  /** The enlarged slot, if any. */
  readonly enlarged?: number;
  /** Unacknowledged alarms by camera. */
  readonly alarms: ReadonlyMap<string, CameraAlarm>;
}

export interface SlotPlan {
  readonly cameraId: string | undefined;
  /** Its claim on the PC's player budget (`PRIORITY`); 0 for a tile hidden by an enlarged one. */
  readonly priority: number;
}

export interface ScreenPlan {
  readonly slots: readonly SlotPlan[];
  /** Cameras of the next rotation screen to start loading now (none while a tile is enlarged). */
  readonly preload: readonly string[];
  /** Why the rotation must hold: `alarm:<id>` per alarm on screen, `linkage`, `manual`. */
  readonly holdReasons: ReadonlySet<string>;
}

/**
 * The video screen's policy as a pure function: which camera goes in which slot (pinned first,
 * then the rotation's screen, then hand-placed ones over them), each slot's priority for the
 * player budget, what to preload, and what holds the rotation.
 */
export function planScreen(state: ScreenState): ScreenPlan {
  const rest = state.scene.ids.filter((id) => !state.pinned.includes(id));
  const ids: (string | undefined)[] = [...state.pinned, ...rest].slice(0, state.cells);
  for (const [slot, id] of Object.entries(state.manual))
    if (Number(slot) < state.cells) ids[Number(slot)] = id;
  const slots = Array.from({ length: state.cells }, (_, i): SlotPlan => {
    const cameraId = ids[i];
    return { cameraId, priority: priorityOf(state, i, cameraId) };
  });
  const holdReasons = new Set<string>();
  for (const { cameraId } of slots) {
    const alarm = cameraId ? state.alarms.get(cameraId) : undefined;
    if (alarm) holdReasons.add(`alarm:${alarm.id}`);
  }
  if (state.pinned.length > 0) holdReasons.add('linkage');
  if (Object.keys(state.manual).length > 0) holdReasons.add('manual');
  // The operator is looking closely at one camera: a swap would take it from under them.
  if (state.enlarged !== undefined) holdReasons.add('enlarged');
  return {
    slots,
    preload: state.enlarged === undefined ? state.scene.next : [],
    holdReasons,
  };
}

function priorityOf(state: ScreenState, slot: number, cameraId: string | undefined): number {
  if (state.enlarged === slot) return PRIORITY.enlarged;
  if (state.enlarged !== undefined) return 0;
  if (cameraId && state.alarms.has(cameraId)) return PRIORITY.alarm;
  if (cameraId && state.pinned.includes(cameraId)) return PRIORITY.pinned;
  return PRIORITY.visible;
}

/** The unacknowledged alarms on cameras, by camera (the newest alarm of a camera wins). */
export function cameraAlarms(
  alarms: Iterable<{
    readonly id: string;
    readonly cameraId?: string;
    readonly acknowledged: boolean;
    readonly message: string;
  }>,
  ackedHere: ReadonlySet<string>,
): Map<string, CameraAlarm> {
  const byCamera = new Map<string, CameraAlarm>();
  for (const a of alarms)
    if (a.cameraId && !a.acknowledged && !ackedHere.has(a.id))
      byCamera.set(a.cameraId, { id: a.id, text: a.message });
  return byCamera;
}

/** True when two alarm maps say the same (so a view can keep the old one and place nothing again). */
export function sameAlarms(
  a: ReadonlyMap<string, CameraAlarm>,
  b: ReadonlyMap<string, CameraAlarm>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [camera, alarm] of a) {
    const other = b.get(camera);
    if (!other || other.id !== alarm.id || other.text !== alarm.text) return false;
  }
  return true;
}

/** One window's share of a split spread over the panels of a region. */
export interface Share {
  /** This window's place among the region's windows, in reading order. */
  readonly index: number;
  /** How many windows the region has. */
  readonly count: number;
}

/**
 * The plan of one window of a video region across panels: the region is one screen of
 * `cells × count` tiles (one rotation, pinned cameras first across the region), and this
 * window shows tiles `[index × cells, (index + 1) × cells)`. Hand-placed and enlarged slots
 * are this window's own. What holds the rotation is the region's, so its windows swap as one.
 */
export function planShare(state: ScreenState, share: Share): ScreenPlan {
  const cells = state.cells;
  const offset = share.index * cells;
  const manual: Record<number, string> = {};
  for (const [slot, id] of Object.entries(state.manual))
    if (Number(slot) < cells) manual[Number(slot) + offset] = id;
  const region = planScreen({
    ...state,
    cells: cells * share.count,
    manual,
    ...(state.enlarged !== undefined ? { enlarged: state.enlarged + offset } : {}),
  });
  const slots = region.slots.slice(offset, offset + cells);
  return {
    slots:
      state.enlarged === undefined
        ? slots
        : slots.map((s, i) => ({ ...s, priority: i === state.enlarged ? s.priority : 0 })),
    preload: region.preload.slice(offset, offset + cells),
    holdReasons: region.holdReasons,
  };
}
