import type { DisplayInfo } from './displays';

/** The video wall found among the displays: a grid of like panels, and the rest (operator screens). */
export interface WallGrid {
  readonly cols: number;
  readonly rows: number;
  /**
   * cells[row][col], left to right, top to bottom; undefined where a panel is missing. A wall
   * that is one display (NVIDIA Mosaic, AMD Eyefinity, a wall controller) has one cell per
   * physical panel, each a piece of that display (`panelOf` gives the display itself).
   */
  readonly cells: readonly (readonly (DisplayInfo | undefined)[])[];
  readonly panelWidth: number;
  readonly panelHeight: number;
}

export interface WallLayout {
  readonly wall: WallGrid | undefined;
  readonly operators: readonly DisplayInfo[];
}

/** How a hall's wall looks when its displays alone do not say (all optional). */
export interface WallHints {
  /**
   * The physical panels of a wall that the OS sees as one display: columns and rows. Without it,
   * a display that is an exact multiple (2 or more) of a common panel size is taken as one.
   */
  readonly panels?: { readonly cols: number; readonly rows: number };
  /** The most desktop pixels between neighbouring panels that still make one wall (default 64). */
  readonly gapTolerance?: number;
  /** Pixels the driver hides between the panels of a one-display wall (its bezel correction). */
  readonly bezel?: { readonly x: number; readonly y: number };
}

/** Panel sizes LCD splicing walls are made of, in pixels. */
const COMMON_PANELS: readonly (readonly [number, number])[] = [
  [1920, 1080],
  [3840, 2160],
  [1366, 768],
  [1280, 720],
];
/** Monitors sold at these sizes are one screen, though they are multiples of a panel size. */
const MONITOR_SIZES: readonly (readonly [number, number])[] = [
  [3840, 2160],
  [7680, 4320],
  [3840, 1080],
];
const DEFAULT_GAP_TOLERANCE = 64;

/** The display a panel of a one-display wall belongs to (the panel itself otherwise). */
const PARENT = new WeakMap<DisplayInfo, DisplayInfo>();
export function panelOf(cell: DisplayInfo): DisplayInfo {
  return PARENT.get(cell) ?? cell;
}

/**
 * Finds the splicing wall: the largest set of displays of equal physical size (pixels, not
 * DIP, so a 4K monitor at 200 % is not a 1080p panel) that tile a grid, edge to edge or with
 * small gaps between them (a panel may be missing: an unplugged panel leaves a hole, not a
 * different wall). With no such set (a laptop, or a 4K panel beside a 1080p one), the largest
 * display is the wall (ties go to the one that is not primary) and the others are operator
 * screens; a wall that is one display is cut into its physical panels.
 */
export function detectWall(displays: readonly DisplayInfo[], hints: WallHints = {}): WallLayout {
  if (displays.length === 0) return { wall: undefined, operators: [] };
  const groups = new Map<string, DisplayInfo[]>();
  for (const d of displays) {
    const key = `${physical(d).width}x${physical(d).height}@${d.scaleFactor}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const tolerance = hints.gapTolerance ?? DEFAULT_GAP_TOLERANCE;
  let best: WallGrid | undefined;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const grid = asGrid(group, tolerance);
    if (grid && (!best || present(grid) > present(best))) best = grid;
  }
  if (!best) {
    const largest = [...displays].sort(
      (a, b) =>
        physicalArea(b) - physicalArea(a) ||
        Number(a.primary ?? false) - Number(b.primary ?? false),
    )[0] as DisplayInfo;
    best = onePanelWall(largest, hints);
  }
  const inWall = new Set(best.cells.flat().map((d) => d && panelOf(d).id));
  const operators = displays
    .filter((d) => !inWall.has(d.id))
    .sort(
      (a, b) => Number(b.primary ?? false) - Number(a.primary ?? false) || a.bounds.x - b.bounds.x,
    );
  return { wall: best, operators };
}

/** A wall that is one display: its declared panels, else a common panel size it is a multiple of. */
function onePanelWall(display: DisplayInfo, hints: WallHints): WallGrid {
  const { width, height } = display.bounds;
  const bezel = hints.bezel ?? { x: 0, y: 0 };
  const grid = hints.panels ?? detectPanels(display);
  const cols = grid ? Math.max(1, Math.round(grid.cols)) : 1;
  const rows = grid ? Math.max(1, Math.round(grid.rows)) : 1;
  const panelWidth = Math.floor((width - (cols - 1) * bezel.x) / cols);
  const panelHeight = Math.floor((height - (rows - 1) * bezel.y) / rows);
  if ((cols === 1 && rows === 1) || panelWidth < 160 || panelHeight < 120)
    return { cols: 1, rows: 1, cells: [[display]], panelWidth: width, panelHeight: height };
  const cells = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const x = display.bounds.x + c * (panelWidth + bezel.x);
      const y = display.bounds.y + r * (panelHeight + bezel.y);
      const bounds = { x, y, width: panelWidth, height: panelHeight };
      const panel: DisplayInfo = {
        ...display,
        label: `${display.label || display.id} ${r + 1}-${c + 1}`,
        bounds,
        workArea: bounds,
      };
      PARENT.set(panel, display);
      return panel;
    }),
  );
  return { cols, rows, cells, panelWidth, panelHeight };
}

/** 11520×3240 is 6×3 panels of 1920×1080: an exact multiple of a common panel size, 2 or more. */
function detectPanels(display: DisplayInfo): { cols: number; rows: number } | undefined {
  const { width, height } = physical(display);
  if (MONITOR_SIZES.some(([w, h]) => w === width && h === height)) return undefined;
  for (const [pw, ph] of COMMON_PANELS) {
    if (width % pw !== 0 || height % ph !== 0) continue;
    const cols = width / pw;
    const rows = height / ph;
    if (cols * rows >= 2) return { cols, rows };
  }
  return undefined;
}

/**
 * The grid these equal displays make. Displays off the majority's lattice, or alone in a row or
 * column that is less than half full (an operator monitor of the same model below the wall),
 * are left out; a missing panel inside the grid stays a hole. Neighbours may stand up to
 * `tolerance` pixels apart (the lattice's pitch is the panel plus the gap most of them leave).
 */
function asGrid(group: readonly DisplayInfo[], tolerance: number): WallGrid | undefined {
  const { width, height } = (group[0] as DisplayInfo).bounds;
  const pitchX =
    width +
    commonGap(
      group.map((d) => d.bounds.x),
      width,
      tolerance,
    );
  const pitchY =
    height +
    commonGap(
      group.map((d) => d.bounds.y),
      height,
      tolerance,
    );
  const mod = (v: number, m: number) => ((Math.round(v) % m) + m) % m;
  const residue = (d: DisplayInfo) => `${mod(d.bounds.x, pitchX)},${mod(d.bounds.y, pitchY)}`;
  const counts = new Map<string, number>();
  for (const d of group) counts.set(residue(d), (counts.get(residue(d)) ?? 0) + 1);
  const anchor = [...counts.entries()].sort((p, q) => q[1] - p[1])[0]?.[0];
  let members = group.filter((d) => residue(d) === anchor);
  for (;;) {
    if (members.length < 2) return undefined;
    const x0 = Math.min(...members.map((d) => d.bounds.x));
    const y0 = Math.min(...members.map((d) => d.bounds.y));
    const col = (d: DisplayInfo) => Math.round((d.bounds.x - x0) / pitchX);
    const row = (d: DisplayInfo) => Math.round((d.bounds.y - y0) / pitchY);
    const cols = Math.max(...members.map(col)) + 1;
    const rows = Math.max(...members.map(row)) + 1;
    const perCol = new Map<number, number>();
    const perRow = new Map<number, number>();
    for (const d of members) {
      perCol.set(col(d), (perCol.get(col(d)) ?? 0) + 1);
      perRow.set(row(d), (perRow.get(row(d)) ?? 0) + 1);
    }
    const sparse = (d: DisplayInfo) =>
      (perRow.get(row(d)) as number) * 2 < cols || (perCol.get(col(d)) as number) * 2 < rows;
    const kept = members.filter((d) => !sparse(d));
    if (kept.length < members.length) {
      members = kept;
      continue;
    }
    if (members.length * 2 < cols * rows) return undefined;
    const cells = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => members.find((d) => col(d) === c && row(d) === r)),
    );
    return { cols, rows, cells, panelWidth: width, panelHeight: height };
  }
}

/** The gap most neighbours leave along one axis (0 when they touch, or stand too far apart). */
function commonGap(starts: readonly number[], size: number, tolerance: number): number {
  const sorted = [...new Set(starts.map(Math.round))].sort((a, b) => a - b);
  const gaps = new Map<number, number>();
  for (let i = 1; i < sorted.length; i += 1) {
    const gap = (sorted[i] as number) - (sorted[i - 1] as number) - size;
    if (gap >= 0 && gap <= tolerance) gaps.set(gap, (gaps.get(gap) ?? 0) + 1);
  }
  return [...gaps.entries()].sort((p, q) => q[1] - p[1] || p[0] - q[0])[0]?.[0] ?? 0;
}

function physical(d: DisplayInfo): { width: number; height: number } {
  return {
    width: Math.round(d.bounds.width * d.scaleFactor),
    height: Math.round(d.bounds.height * d.scaleFactor),
  };
}

function physicalArea(d: DisplayInfo): number {
  const p = physical(d);
  return p.width * p.height;
}

function present(grid: WallGrid): number {
  return grid.cells.flat().filter((d) => d !== undefined).length;
}
