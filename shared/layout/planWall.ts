import { sameRect, type DisplayInfo, type Rect, type WindowPlan } from './displays';
import type { DisplayTarget, FracRect, Profile, Region } from './profile';
import { detectWall, panelOf, type WallGrid } from './wallDetect';

export interface WallPlan {
  readonly windows: readonly WindowPlan[];
  /** Said on the wall: what could not be placed as the profile asked, and where it went. */
  readonly warnings: readonly string[];
}

/** Slivers thinner than this (a region edge a few pixels past a panel edge) are not worth a window. */
const MIN_SIDE = 32;
/** Share of the wall given to operator regions when there is no operator screen. */
const OPERATOR_SHARE = 0.3;

/**
 * Turns (displays, profile) into the windows this node should have open. Windows never span
 * displays: a region across several wall panels becomes one window per panel, each told which
 * part of the region it shows (`part` = x,y,width,height in the region's own pixels, bezels
 * counted), which sidesteps Electron's troubles with windows across mixed-DPI displays.
 * Every window lies inside a present display; what has no display is folded onto one, with a
 * warning.
 */
export function planWall(
  displays: readonly DisplayInfo[],
  profile: Profile,
  node?: string,
): WallPlan {
  const warnings: string[] = [];
  const unique = dropMirrors(displays, warnings);
  if (unique.length === 0) return { windows: [], warnings: ['no display'] };
  const { wall, operators } = detectWall(unique, {
    ...(profile.panels ? { panels: profile.panels } : {}),
    ...(profile.gapTolerance !== undefined ? { gapTolerance: profile.gapTolerance } : {}),
    ...(profile.bezel ? { bezel: profile.bezel } : {}),
  });
  const grid = wall as WallGrid;
  grid.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) warnings.push(`wall panel row ${r + 1}, column ${c + 1} missing`);
    }),
  );
  const operator = operators[0];
  const name = (d: DisplayInfo) => displayName(panelOf(d), unique);
  const regions = profile.regions.filter(
    (r) => node === undefined || r.node === undefined || r.node === node,
  );
  const bezel = profile.bezel ?? { x: 0, y: 0 };

  const shareWall = !operator && regions.some((r) => r.target.kind === 'operator');
  if (shareWall) warnings.push('no operator screen: operator regions share the wall');
  const wallRects = new Map<string, FracRect>();
  for (const region of regions) {
    const t = region.target;
    if (t.kind === 'wall')
      wallRects.set(region.id, shareWall ? squeeze(t.rect, 0, 1 - OPERATOR_SHARE) : t.rect);
    if (t.kind === 'operator' && !operator)
      wallRects.set(region.id, squeeze(t.rect, 1 - OPERATOR_SHARE, OPERATOR_SHARE));
  }
  const snapped = snapToPanels(wallRects, grid);

  const matched = matchDisplays(profile.displays ?? [], unique);
  const fallback = operator ?? (grid.cells.flat().find((d) => d !== undefined) as DisplayInfo);
  const folded = new Set<string>();
  const windows: WindowPlan[] = [];
  for (const region of regions) {
    const t = region.target;
    const onWallRect = snapped.get(region.id);
    let placed: WindowPlan[] = [];
    if (onWallRect) placed = onWall(region, onWallRect, grid, bezel);
    else if (t.kind === 'operator' && operator) placed = [onDisplay(region, t.rect, operator)];
    else if (t.kind === 'display') {
      const display = matched.get(t.display);
      if (display) placed = [onDisplay(region, t.rect, display)];
      else
        warnings.push(
          `display ${t.display} missing: region ${region.id} moved to ${name(fallback)}`,
        );
    }
    if (placed.length === 0) {
      if (t.kind !== 'display')
        warnings.push(`region ${region.id} has no panel left: moved to ${name(fallback)}`);
      folded.add(fallback.id);
      placed = [onDisplay(region, { x: 0, y: 0, w: 1, h: 1 }, fallback)];
    }
    windows.push(...placed);
  }
  const planned = retile(windows, folded, unique, regions);
  // A display left dark is said, with why, so nobody hunts for a fault in the cabling.
  for (const d of unique)
    if (!planned.some((w) => w.displayId === d.id))
      warnings.push(`display ${name(d)} shows nothing: no region of this profile is on it`);
  return { windows: planned, warnings };
}

/**
 * A display as a person can find it: its label, and where it is when several share the label
 * (three monitors all called "LG" make "moved to LG" useless).
 */
export function displayName(d: DisplayInfo, all: readonly DisplayInfo[]): string {
  const label = d.label || d.id;
  const same = all
    .filter((o) => (o.label || o.id) === label)
    .sort((a, b) => a.bounds.y - b.bounds.y || a.bounds.x - b.bounds.x);
  if (same.length < 2) return label;
  const oneRow = same.every((o) => o.bounds.y === same[0]?.bounds.y);
  const k = same.indexOf(d) + 1;
  return oneRow
    ? `${label} (${ordinal(k)} from the left)`
    : `${label} (${ordinal(k)} of ${same.length}, top left first)`;
}

function ordinal(n: number): string {
  const suffixes = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${suffixes[(v - 20) % 10] ?? suffixes[v] ?? 'th'}`;
}

/** Mirrored displays report the same bounds: plan for one, the mirror shows the same picture. */
function dropMirrors(displays: readonly DisplayInfo[], warnings: string[]): DisplayInfo[] {
  const kept: DisplayInfo[] = [];
  for (const d of [...displays].sort((a, b) => a.id.localeCompare(b.id))) {
    if (kept.some((k) => sameRect(k.bounds, d.bounds)))
      warnings.push(`display ${displayName(d, displays)} mirrors another`);
    else kept.push(d);
  }
  return kept;
}

/** Display targets to present displays: by id, then label, then exact bounds, then size. */
function matchDisplays(
  targets: readonly DisplayTarget[],
  displays: readonly DisplayInfo[],
): Map<string, DisplayInfo> {
  const result = new Map<string, DisplayInfo>();
  const used = new Set<string>();
  const passes: ((t: DisplayTarget, d: DisplayInfo) => boolean)[] = [
    (t, d) => t.id !== undefined && t.id === d.id,
    (t, d) => !!t.label && t.label === d.label,
    (t, d) =>
      t.width === d.bounds.width &&
      t.height === d.bounds.height &&
      t.x === d.bounds.x &&
      t.y === d.bounds.y,
    (t, d) => t.width === d.bounds.width && t.height === d.bounds.height,
  ];
  for (const pass of passes) {
    for (const target of targets) {
      if (result.has(target.key)) continue;
      const pick = displays
        .filter((d) => !used.has(d.id) && pass(target, d))
        .sort((a, b) => distance(target, a) - distance(target, b))[0];
      if (pick) {
        result.set(target.key, pick);
        used.add(pick.id);
      }
    }
  }
  return result;
}

function distance(t: DisplayTarget, d: DisplayInfo): number {
  return Math.hypot((t.x ?? 0) - d.bounds.x, (t.y ?? 0) - d.bounds.y);
}

function squeeze(r: FracRect, x0: number, share: number): FracRect {
  return { x: x0 + r.x * share, y: r.y, w: r.w * share, h: r.h };
}

/**
 * Moves region edges onto panel edges, axis by axis, when every region keeps at least one
 * panel: on a 3-wide wall the duty profile's quarter–half–quarter becomes a panel each, on a
 * single panel nothing moves.
 */
function snapToPanels(rects: ReadonlyMap<string, FracRect>, grid: WallGrid): Map<string, FracRect> {
  const snapAxis = (
    panels: number,
    start: (r: FracRect) => number,
    size: (r: FracRect) => number,
  ) => {
    // A half-way edge goes outwards, away from the wall's middle: on 6 panels ¼ + ½ + ¼ becomes
    // 1 + 4 + 1, symmetric, the middle region (the map) taking the larger share.
    const edge = (f: number) => {
      const v = f * panels;
      const half = Math.abs(v - Math.floor(v) - 0.5) < 1e-9;
      return (half ? (f < 0.5 ? Math.floor(v) : Math.ceil(v)) : Math.round(v)) / panels;
    };
    const ok = [...rects.values()].every(
      (r) => edge(start(r) + size(r)) - edge(start(r)) >= 1 / panels - 1e-9,
    );
    return ok ? edge : (f: number) => f;
  };
  const sx = snapAxis(
    grid.cols,
    (r) => r.x,
    (r) => r.w,
  );
  const sy = snapAxis(
    grid.rows,
    (r) => r.y,
    (r) => r.h,
  );
  const out = new Map<string, FracRect>();
  for (const [id, r] of rects)
    out.set(id, { x: sx(r.x), y: sy(r.y), w: sx(r.x + r.w) - sx(r.x), h: sy(r.y + r.h) - sy(r.y) });
  return out;
}

/**
 * A region on one display: within its work area, so an operator screen's or a laptop's windows
 * leave the taskbar and the menu bar free (wall panels are planned on their whole bounds).
 */
function onDisplay(region: Region, rect: FracRect, display: DisplayInfo): WindowPlan {
  const b = workArea(display);
  const x = Math.round(rect.x * b.width);
  const y = Math.round(rect.y * b.height);
  const width = Math.max(1, Math.min(b.width, Math.round((rect.x + rect.w) * b.width)) - x);
  const height = Math.max(1, Math.min(b.height, Math.round((rect.y + rect.h) * b.height)) - y);
  return plan(region, display, { x: b.x + x, y: b.y + y, width, height }, {});
}

/** The display's work area when it is a sensible part of it, else its bounds. */
function workArea(display: DisplayInfo): Rect {
  const w = display.workArea;
  const b = display.bounds;
  const inside =
    w.width >= MIN_SIDE &&
    w.height >= MIN_SIDE &&
    w.x >= b.x &&
    w.y >= b.y &&
    w.x + w.width <= b.x + b.width &&
    w.y + w.height <= b.y + b.height;
  return inside ? w : b;
}

/** A region of the wall canvas, cut along panel edges into one window per panel it covers. */
function onWall(
  region: Region,
  rect: FracRect,
  grid: WallGrid,
  bezel: { x: number; y: number },
): WindowPlan[] {
  // An edge on a panel boundary goes to that panel's edge, the bezel left out of the region;
  // a fraction of the canvas is the same fraction of its pixels.
  const edge = (f: number, panels: number, size: number, gap: number, end: boolean) => {
    const k = Math.round(f * panels);
    if (Math.abs(f * panels - k) > 1e-6)
      return Math.round(f * (panels * size + (panels - 1) * gap));
    return end && k > 0 ? k * (size + gap) - gap : k * (size + gap);
  };
  const rx0 = edge(rect.x, grid.cols, grid.panelWidth, bezel.x, false);
  const ry0 = edge(rect.y, grid.rows, grid.panelHeight, bezel.y, false);
  const rx1 = edge(rect.x + rect.w, grid.cols, grid.panelWidth, bezel.x, true);
  const ry1 = edge(rect.y + rect.h, grid.rows, grid.panelHeight, bezel.y, true);
  const pieces: { display: DisplayInfo; bounds: Rect; x0: number; y0: number; spans: boolean }[] =
    [];
  grid.cells.forEach((row, r) =>
    row.forEach((display, c) => {
      if (!display) return;
      const px = c * (grid.panelWidth + bezel.x);
      const py = r * (grid.panelHeight + bezel.y);
      const x0 = Math.max(rx0, px);
      const y0 = Math.max(ry0, py);
      const x1 = Math.min(rx1, px + grid.panelWidth);
      const y1 = Math.min(ry1, py + grid.panelHeight);
      if (x1 - x0 < MIN_SIDE || y1 - y0 < MIN_SIDE) return;
      const bounds = {
        x: display.bounds.x + x0 - px,
        y: display.bounds.y + y0 - py,
        width: x1 - x0,
        height: y1 - y0,
      };
      const spans =
        rx0 < px || ry0 < py || rx1 > px + grid.panelWidth || ry1 > py + grid.panelHeight;
      pieces.push({ display, bounds, x0: x0 - rx0, y0: y0 - ry0, spans });
    }),
  );
  // Each piece's column and row among the region's pieces: the views deal out their content
  // (video tiles, KPI cards) by it, so a missing panel leaves its share out, not a gap elsewhere.
  const xs = [...new Set(pieces.map((p) => p.x0))].sort((a, b) => a - b);
  const ys = [...new Set(pieces.map((p) => p.y0))].sort((a, b) => a - b);
  return pieces.map(({ display, bounds, x0, y0, spans }) =>
    plan(
      region,
      display,
      bounds,
      spans
        ? {
            part: `${x0},${y0},${rx1 - rx0},${ry1 - ry0}`,
            cell: `${xs.indexOf(x0)},${ys.indexOf(y0)},${xs.length},${ys.length}`,
          }
        : {},
    ),
  );
}

function plan(
  region: Region,
  display: DisplayInfo,
  bounds: Rect,
  extra: Record<string, string>,
): WindowPlan {
  // A panel of a one-display wall is a piece of that display: windows belong to the display.
  const real = panelOf(display);
  const rel = `${bounds.x - real.bounds.x},${bounds.y - real.bounds.y},${bounds.width},${bounds.height}`;
  return {
    key: `${real.id}:${rel}`,
    displayId: real.id,
    bounds,
    view: region.view,
    label: `${region.id} @ ${display.label || display.id}`,
    regionId: region.id,
    params: { ...region.params, ...extra },
  };
}

/**
 * A display that received regions from elsewhere shows all its regions side by side in an
 * even grid, so nothing overlaps and nothing is lost.
 */
function retile(
  windows: WindowPlan[],
  folded: ReadonlySet<string>,
  displays: readonly DisplayInfo[],
  regions: readonly Region[],
): WindowPlan[] {
  if (folded.size === 0) return windows;
  const overlapping = new Set(regions.filter((r) => r.overlap).map((r) => r.id));
  const out = windows.filter((w) => !folded.has(w.displayId) || overlapping.has(w.regionId));
  for (const id of folded) {
    const display = displays.find((d) => d.id === id) as DisplayInfo;
    const here = windows.filter((w) => w.displayId === id && !overlapping.has(w.regionId));
    const cols = Math.ceil(Math.sqrt(here.length));
    const rows = Math.ceil(here.length / cols);
    here.forEach((w, i) => {
      const region = regions.find((r) => r.id === w.regionId) as Region;
      const cell = {
        x: (i % cols) / cols,
        y: Math.floor(i / cols) / rows,
        w: 1 / cols,
        h: 1 / rows,
      };
      out.push(onDisplay(region, cell, display));
    });
  }
  return out;
}
