import type { DisplayInfo, Rect } from './displays';
import type { FracRect, Profile, Region, ViewName } from './profile';
import { detectWall, type WallHints } from './wallDetect';

/**
 * The layout editor's operations, pure so they are tested without a mouse: move, resize and
 * snap a region in fractions of its surface, assign views, add and remove regions.
 */
export type SurfaceName = 'wall' | 'operator';

export interface Surfaces {
  readonly wall: Rect;
  readonly cols: number;
  readonly rows: number;
  readonly operator?: Rect;
}

/**
 * Where the wall and the operator screen are on the desktop, for drawing and for mouse maths,
 * found as the planner finds them (with the profile's panels, gaps and bezels).
 */
export function surfacesOf(
  displays: readonly DisplayInfo[],
  hints: WallHints = {},
): Surfaces | undefined {
  const { wall, operators } = detectWall(displays, hints);
  if (!wall) return undefined;
  const present = wall.cells.flat().filter((d): d is DisplayInfo => d !== undefined);
  const x = Math.min(...present.map((d) => d.bounds.x));
  const y = Math.min(...present.map((d) => d.bounds.y));
  const right = Math.max(...present.map((d) => d.bounds.x + d.bounds.width));
  const bottom = Math.max(...present.map((d) => d.bounds.y + d.bounds.height));
  return {
    wall: { x, y, width: right - x, height: bottom - y },
    cols: wall.cols,
    rows: wall.rows,
    ...(operators[0] ? { operator: operators[0].workArea } : {}),
  };
}

const MIN = 0.02;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Keeps a rectangle inside its surface and not smaller than a sliver. */
export function clampRect(r: FracRect): FracRect {
  const w = clamp(r.w, MIN, 1);
  const h = clamp(r.h, MIN, 1);
  return { x: clamp(r.x, 0, 1 - w), y: clamp(r.y, 0, 1 - h), w, h };
}

export function moveBy(r: FracRect, dx: number, dy: number): FracRect {
  return clampRect({ ...r, x: r.x + dx, y: r.y + dy });
}

export function resizeBy(r: FracRect, dw: number, dh: number): FracRect {
  return clampRect({ ...r, w: Math.min(1 - r.x, r.w + dw), h: Math.min(1 - r.y, r.h + dh) });
}

/** Snaps every edge to the nearest panel edge, keeping at least one panel. */
export function snapRect(r: FracRect, cols: number, rows: number): FracRect {
  const sx = (f: number) => Math.round(f * cols) / cols;
  const sy = (f: number) => Math.round(f * rows) / rows;
  const x0 = clamp(sx(r.x), 0, 1 - 1 / cols);
  const y0 = clamp(sy(r.y), 0, 1 - 1 / rows);
  const x1 = Math.max(x0 + 1 / cols, sx(r.x + r.w));
  const y1 = Math.max(y0 + 1 / rows, sy(r.y + r.h));
  return { x: x0, y: y0, w: Math.min(1, x1) - x0, h: Math.min(1, y1) - y0 };
}

function mapRegion(profile: Profile, id: string, change: (r: Region) => Region): Profile {
  return { ...profile, regions: profile.regions.map((r) => (r.id === id ? change(r) : r)) };
}

export function setRegionRect(profile: Profile, id: string, rect: FracRect): Profile {
  return mapRegion(profile, id, (r) => ({ ...r, target: { ...r.target, rect: clampRect(rect) } }));
}

export function setRegionView(profile: Profile, id: string, view: ViewName): Profile {
  return mapRegion(profile, id, (r) => ({ ...r, view }));
}

export function addRegion(profile: Profile, surface: SurfaceName, view: ViewName): Profile {
  let n = profile.regions.length + 1;
  while (profile.regions.some((r) => r.id === `region-${n}`)) n += 1;
  const region: Region = {
    id: `region-${n}`,
    view,
    target: { kind: surface, rect: { x: 0, y: 0, w: 0.25, h: 0.25 } },
  };
  return { ...profile, regions: [...profile.regions, region] };
}

export function removeRegion(profile: Profile, id: string): Profile {
  return { ...profile, regions: profile.regions.filter((r) => r.id !== id) };
}

/** A copy under a new id and name: the editor never overwrites a built-in in place. */
export function saveAs(profile: Profile, id: string, zh: string, en: string): Profile {
  return { ...profile, id, name: { zh, en } };
}
