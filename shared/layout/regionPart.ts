/**
 * Where one window sits in a region that spans several panels. The planner writes it into the
 * window's params (`part`, `cell`); every view that spans panels reads it, so a region is one
 * picture cut along the panels, not a copy per panel.
 */
export interface RegionPart {
  /** This window's top-left corner in the region's own pixels (bezels counted). */
  readonly x: number;
  readonly y: number;
  /** The whole region's size in pixels, bezels counted. */
  readonly width: number;
  readonly height: number;
  /** This window's column and row among the region's windows, and how many there are. */
  readonly col: number;
  readonly row: number;
  readonly cols: number;
  readonly rows: number;
}

const MAX_SIDE = 65_536;

/**
 * Reads `part` ("x,y,width,height") and `cell` ("col,row,cols,rows") as the planner wrote them;
 * anything else (absent, malformed, out of range) means the window is the whole region.
 */
export function parseRegionPart(
  params: Readonly<Record<string, string | undefined>>,
): RegionPart | undefined {
  const part = numbers(params.part, 4);
  if (!part) return undefined;
  const [x, y, width, height] = part as [number, number, number, number];
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) return undefined;
  if (x < 0 || y < 0 || x >= width || y >= height) return undefined;
  const cell = numbers(params.cell, 4) ?? [0, 0, 1, 1];
  const [col, row, cols, rows] = cell as [number, number, number, number];
  const cellOk = cols >= 1 && rows >= 1 && col < cols && row < rows && cols * rows <= 256;
  return cellOk
    ? { x, y, width, height, col, row, cols, rows }
    : { x, y, width, height, col: 0, row: 0, cols: 1, rows: 1 };
}

/** This window's place in reading order among the region's windows (0 = top left). */
export function partIndex(part: RegionPart | undefined): { index: number; count: number } {
  if (!part) return { index: 0, count: 1 };
  return { index: part.row * part.cols + part.col, count: part.cols * part.rows };
}

function numbers(text: string | undefined, count: number): number[] | undefined {
  if (!text) return undefined;
  const parts = text.split(',');
  if (parts.length !== count) return undefined;
  const values = parts.map((p) => (/^\d{1,6}$/.test(p.trim()) ? Number(p) : Number.NaN));
  return values.every(Number.isInteger) ? values : undefined;
}

/** A rectangle in the region's own pixels. */
export interface PartRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The panels of a region in its own pixels, in reading order: a page view puts its blocks
 * inside them, so no text lies across a seam where the bezel would hide it. The windows of a
 * region are one panel each; the gap between them (the bezel) is what the region's size has
 * over the panels'.
 */
export function panelRects(
  part: RegionPart | undefined,
  windowWidth: number,
  windowHeight: number,
): PartRect[] {
  if (!part) return [{ x: 0, y: 0, width: windowWidth, height: windowHeight }];
  const gapX =
    part.cols > 1 ? Math.max(0, (part.width - part.cols * windowWidth) / (part.cols - 1)) : 0;
  const gapY =
    part.rows > 1 ? Math.max(0, (part.height - part.rows * windowHeight) / (part.rows - 1)) : 0;
  const rects: PartRect[] = [];
  for (let row = 0; row < part.rows; row += 1)
    for (let col = 0; col < part.cols; col += 1)
      rects.push({
        x: Math.round(col * (windowWidth + gapX)),
        y: Math.round(row * (windowHeight + gapY)),
        width: windowWidth,
        height: windowHeight,
      });
  return rects;
}

/**
 * Deals `blocks` (in their order) onto `panels`: each panel gets a run of consecutive blocks,
 * as even as they come, the earlier panels the larger share; with more panels than blocks
 * every block gets a panel of its own and the last panels stay empty.
 */
export function dealBlocks(blocks: number, panels: number): number[][] {
  const out: number[][] = Array.from({ length: Math.max(1, panels) }, () => []);
  const used = Math.min(out.length, blocks);
  let next = 0;
  for (let p = 0; p < used; p += 1) {
    const take = Math.ceil((blocks - next) / (used - p));
    for (let i = 0; i < take; i += 1) (out[p] as number[]).push(next + i);
    next += take;
  }
  return out;
}
