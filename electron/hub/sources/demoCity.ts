import type { Position } from '../../../shared/protocol/events';
import type { CityInfo } from '../../../shared/protocol/wire';
import type { Random } from '../../../shared/random';

/**
 * The embedded demo city: the urban core of Duanzhou district (端州区), Zhaoqing (肇庆市),
 * Guangdong, between the Xijiang river and the Seven Star Crags. The outline is drawn by hand
 * (WGS-84) around the real district; streets are the district's four sub-district offices.
 */
export const DEMO_CITY: CityInfo = {
  id: '441202',
  name: '肇庆市端州区',
  nameEn: 'Duanzhou, Zhaoqing',
  bounds: { west: 112.41, south: 23.03, east: 112.56, north: 23.115 },
};

export const OUTLINE: readonly (readonly [number, number])[] = [
  [112.418, 23.046],
  [112.445, 23.036],
  [112.48, 23.035],
  [112.515, 23.04],
  [112.545, 23.05],
  [112.552, 23.075],
  [112.535, 23.1],
  [112.5, 23.11],
  [112.465, 23.105],
  [112.432, 23.09],
  [112.415, 23.07],
];

export interface DemoStreet {
  readonly code: string;
  readonly name: string;
  readonly contains: (p: Position) => boolean;
}

/** The four 街道 of Duanzhou, split along the old city's axes. */
export const DEMO_STREETS: readonly DemoStreet[] = [
  { code: '441202001', name: '城西街道', contains: (p) => p.lon < 112.455 },
  {
    code: '441202002',
    name: '城东街道',
    contains: (p) => p.lon >= 112.455 && p.lon < 112.49 && p.lat < 23.07,
  },
  {
    code: '441202003',
    name: '睦岗街道',
    contains: (p) => p.lon >= 112.455 && p.lon < 112.49 && p.lat >= 23.07,
  },
  { code: '441202004', name: '黄岗街道', contains: (p) => p.lon >= 112.49 },
];

export const DEMO_DEPARTMENTS: readonly string[] = [
  '端州区城市管理和综合执法局',
  '端州区住房和城乡建设局',
  '端州区市场监督管理局',
  '肇庆市生态环境局端州分局',
  '端州区交通运输局',
  '肇庆供电局',
  '肇庆市自来水公司',
  '肇庆港华燃气公司',
  '端州区园林绿化中心',
];

export function insideOutline(p: Position): boolean {
  let inside = false;
  for (let i = 0, j = OUTLINE.length - 1; i < OUTLINE.length; j = i++) {
    const [xi, yi] = OUTLINE[i] as readonly [number, number];
    const [xj, yj] = OUTLINE[j] as readonly [number, number];
    if (yi > p.lat !== yj > p.lat && p.lon < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi)
      inside = !inside;
  }
  return inside;
}

/** A position inside the district outline, denser towards the old town centre. */
export function randomPosition(random: Random): Position {
  for (;;) {
    // Most cases cluster around the old town and the markets; the rest spread over the district.
    const centred = random.chance(0.6);
    const p = centred
      ? { lon: 112.468 + gaussian(random) * 0.014, lat: 23.055 + gaussian(random) * 0.009 }
      : {
          lon: random.between(DEMO_CITY.bounds.west, DEMO_CITY.bounds.east),
          lat: random.between(DEMO_CITY.bounds.south, DEMO_CITY.bounds.north),
        };
    if (insideOutline(p)) return { lon: round6(p.lon), lat: round6(p.lat) };
  }
}

function gaussian(random: Random): number {
  return (
    Math.sqrt(-2 * Math.log(Math.max(1e-9, random.next()))) * Math.cos(2 * Math.PI * random.next())
  );
}

/** Unit grid cells are about 100 m square: 0.001° of longitude by 0.0009° of latitude here. */
export const GRID_CELL = { width: 0.001, height: 0.0009 } as const;

/** The unit grid cell a position falls in (the tiny epsilon keeps cells' own edges in them). */
function gridCellOf(p: Position): { col: number; row: number } {
  return {
    col: Math.floor((p.lon - DEMO_CITY.bounds.west) / GRID_CELL.width + 1e-9),
    row: Math.floor((p.lat - DEMO_CITY.bounds.south) / GRID_CELL.height + 1e-9),
  };
}

/**
 * A cell's codes at the five grid levels (市, 区, 街道, 社区, 单元网格) and its street's name. The
 * street is the one the cell's centre is in, so a cell has one code whichever corner a case is in;
 * communities are 10 × 10 cells.
 */
export function gridCode(col: number, row: number): { street: string; grid: string } {
  const centre = {
    lon: DEMO_CITY.bounds.west + (col + 0.5) * GRID_CELL.width,
    lat: DEMO_CITY.bounds.south + (row + 0.5) * GRID_CELL.height,
  };
  const street = DEMO_STREETS.find((s) => s.contains(centre)) ?? (DEMO_STREETS[0] as DemoStreet);
  const community = `${Math.floor(col / 10)}${Math.floor(row / 10)}`.padStart(3, '0');
  return {
    street: street.name,
    grid: `${street.code}${community}${String(col).padStart(3, '0')}${String(row).padStart(3, '0')}`,
  };
}

export function gridOf(p: Position): { street: string; grid: string } {
  const { col, row } = gridCellOf(p);
  return gridCode(col, row);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
