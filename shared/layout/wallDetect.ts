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

const TOLERANCE = 2;

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

function asGrid(group: readonly DisplayInfo[]): WallGrid | undefined {
  const { width, height } = (group[0] as DisplayInfo).bounds;
  const xs = uniqueSorted(group.map((d) => d.bounds.x));
  const ys = uniqueSorted(group.map((d) => d.bounds.y));
  // Panels sit on a lattice of their own size; a missing panel leaves a hole in it, a gap does not.
  const onLattice = (values: readonly number[], step: number) =>
    values.every((v) => {
      const k = (v - (values[0] as number)) / step;
      return Math.abs(k - Math.round(k)) * step <= TOLERANCE;
    });
  if (!onLattice(xs, width) || !onLattice(ys, height)) return undefined;
  const x0 = xs[0] as number;
  const y0 = ys[0] as number;
  const cols = Math.round(((xs[xs.length - 1] as number) - x0) / width) + 1;
  const rows = Math.round(((ys[ys.length - 1] as number) - y0) / height) + 1;
  // At least half the lattice must be there, or these are separate screens that share a size.
  if (group.length * 2 < cols * rows) return undefined;
  const at = (x: number, y: number) =>
    group.find(
      (d) => Math.abs(d.bounds.x - x) <= TOLERANCE && Math.abs(d.bounds.y - y) <= TOLERANCE,
    );
  const cells = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => at(x0 + c * width, y0 + r * height)),
  );
  return { cols, rows, cells, panelWidth: width, panelHeight: height };
}

function uniqueSorted(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.filter((v, i) => i === 0 || Math.abs(v - (sorted[i - 1] as number)) > TOLERANCE);
}

function area(d: DisplayInfo): number {
  return d.bounds.width * d.bounds.height;
}

function present(grid: WallGrid): number {
  return grid.cells.flat().filter((d) => d !== undefined).length;
}
