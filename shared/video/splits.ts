/**
 * The screen splits a duty officer picks from (分屏): equal grids and one big tile with small ones
 * round it. Cells are fractions of the wall region so the same split fits any window.
 */
export const SPLITS = ['1', '4', '6', '9', '16', '1+5', '1+7'] as const;
export type Split = (typeof SPLITS)[number];

export interface Cell {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export function isSplit(value: unknown): value is Split {
  return typeof value === 'string' && (SPLITS as readonly string[]).includes(value);
}

/** The cells of a split, in reading order; the big tile of 1+5 and 1+7 comes first. */
export function splitCells(split: Split): readonly Cell[] {
  switch (split) {
    case '1':
      return grid(1, 1);
    case '4':
      return grid(2, 2);
    case '6':
      return grid(3, 2);
    case '9':
      return grid(3, 3);
    case '16':
      return grid(4, 4);
    case '1+5':
      return bigAndBorder(3);
    case '1+7':
      return bigAndBorder(4);
  }
}

function grid(columns: number, rows: number): Cell[] {
  const cells: Cell[] = [];
  for (let r = 0; r < rows; r += 1)
    for (let c = 0; c < columns; c += 1)
      cells.push({ x: c / columns, y: r / rows, w: 1 / columns, h: 1 / rows });
  return cells;
}

/** One tile of (n-1)×(n-1) cells in the top left, the right column and bottom row in small tiles. */
function bigAndBorder(n: number): Cell[] {
  const unit = 1 / n;
  const cells: Cell[] = [{ x: 0, y: 0, w: unit * (n - 1), h: unit * (n - 1) }];
  for (let r = 0; r < n - 1; r += 1)
    cells.push({ x: unit * (n - 1), y: unit * r, w: unit, h: unit });
  for (let c = 0; c < n; c += 1) cells.push({ x: unit * c, y: unit * (n - 1), w: unit, h: unit });
  return cells;
}
