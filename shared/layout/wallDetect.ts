import type { DisplayInfo } from './displays';

/** The video wall found among the displays: a grid of like panels, and the rest (operator screens). */
export interface WallGrid {
  readonly cols: number;
  readonly rows: number;
  /** cells[row][col], left to right, top to bottom; undefined where a panel is missing. */
  readonly cells: readonly (readonly (DisplayInfo | undefined)[])[];
  readonly panelWidth: number;
  readonly panelHeight: number;
}

export interface WallLayout {
  readonly wall: WallGrid | undefined;
  readonly operators: readonly DisplayInfo[];
}

/**
 * Finds the splicing wall: the largest set of equal-sized displays that tile a grid edge to
 * edge (a panel may be missing: an unplugged panel leaves a hole, not a different wall). With no such set (a laptop, or a 4K panel beside a 1080p one), the largest display is
 * the wall (ties go to the one that is not primary) and the others are operator screens.
 */
export function detectWall(displays: readonly DisplayInfo[]): WallLayout {
  if (displays.length === 0) return { wall: undefined, operators: [] };
  const groups = new Map<string, DisplayInfo[]>();
  for (const d of displays) {
    const key = `${d.bounds.width}x${d.bounds.height}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  let best: WallGrid | undefined;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const grid = asGrid(group);
    if (grid && (!best || present(grid) > present(best))) best = grid;
  }
  if (!best) {
    const largest = [...displays].sort(
      (a, b) => area(b) - area(a) || Number(a.primary ?? false) - Number(b.primary ?? false),
    )[0] as DisplayInfo;
    best = {
      cols: 1,
      rows: 1,
      cells: [[largest]],
      panelWidth: largest.bounds.width,
      panelHeight: largest.bounds.height,
    };
  }
  const inWall = new Set(best.cells.flat().map((d) => d?.id));
  const operators = displays
    .filter((d) => !inWall.has(d.id))
    .sort(
      (a, b) => Number(b.primary ?? false) - Number(a.primary ?? false) || a.bounds.x - b.bounds.x,
    );
  return { wall: best, operators };
}

/**
 * The grid these equal displays make. Displays off the majority's lattice, or alone in a row or
 * column that is less than half full (an operator monitor of the same model below the wall),
 * are left out; a missing panel inside the grid stays a hole.
 */
function asGrid(group: readonly DisplayInfo[]): WallGrid | undefined {
  const { width, height } = (group[0] as DisplayInfo).bounds;
  const mod = (v: number, m: number) => ((Math.round(v) % m) + m) % m;
  const residue = (d: DisplayInfo) => `${mod(d.bounds.x, width)},${mod(d.bounds.y, height)}`;
  const counts = new Map<string, number>();
  for (const d of group) counts.set(residue(d), (counts.get(residue(d)) ?? 0) + 1);
  const anchor = [...counts.entries()].sort((p, q) => q[1] - p[1])[0]?.[0];
  let members = group.filter((d) => residue(d) === anchor);
  for (;;) {
    if (members.length < 2) return undefined;
    const x0 = Math.min(...members.map((d) => d.bounds.x));
    const y0 = Math.min(...members.map((d) => d.bounds.y));
    const col = (d: DisplayInfo) => Math.round((d.bounds.x - x0) / width);
    const row = (d: DisplayInfo) => Math.round((d.bounds.y - y0) / height);
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

function area(d: DisplayInfo): number {
  return d.bounds.width * d.bounds.height;
}

function present(grid: WallGrid): number {
  return grid.cells.flat().filter((d) => d !== undefined).length;
}
