import type { BuildingColumns } from './buildings';
import { Random } from '../random';
import { footprintColumns, openRuns, packRuns, roundCoord as round } from './columns';
import type { LineColumns } from './features';

export interface CityShape {
  /** [west, south, east, north] in WGS-84 degrees. */
  readonly bounds: readonly [number, number, number, number];
  /** Whether a point is in the city (its outline); the generator builds only there. */
  readonly inside: (lon: number, lat: number) => boolean;
  /** Where the old town is: buildings are denser and taller near it. */
  readonly centre: readonly [number, number];
}

export interface GeneratedCity {
  readonly buildings: BuildingColumns;
  readonly roads: LineColumns;
  /** Major intersections, for placing cameras. */
  readonly junctions: readonly (readonly [number, number])[];
}

const M_PER_DEG_LAT = 111_320;

/**
 * A plausible city for demos and benchmarks, the same for the same seed: a street grid with
 * avenues every few blocks, blocks cut into lots, one building per lot with a setback, so
 * footprints never overlap; heights mostly low-rise, taller towards the centre.
 */
export function generateCity(
  shape: CityShape,
  targetBuildings: number,
  seed: number,
): GeneratedCity {
  const random = new Random(seed);
  const [west, south, east, north] = shape.bounds;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos(((south + north) / 2) * (Math.PI / 180));
  const widthM = (east - west) * mPerDegLon;
  const heightM = (north - south) * M_PER_DEG_LAT;

  // Lot size so that the built lots inside the outline come to about the target count:
  // N = insideArea / (4·lot + street)² × 16 lots × 82 % built.
  const insideArea = widthM * heightM * sampleInsideShare(shape, random);
  const lot = Math.max(
    6,
    (Math.sqrt((insideArea * 16 * 0.82) / Math.max(1, targetBuildings)) - 12) / 4,
  );
  const lotsPerBlock = 4;
  const block = lot * lotsPerBlock + 12; // a 12 m street between blocks
  const cols = Math.max(1, Math.floor(widthM / block));
  const rows = Math.max(1, Math.floor(heightM / block));
  const toLon = (m: number) => west + m / mPerDegLon;
  const toLat = (m: number) => south + m / M_PER_DEG_LAT;
  const [cx, cy] = [
    (shape.centre[0] - west) * mPerDegLon,
    (shape.centre[1] - south) * M_PER_DEG_LAT,
  ];
  const radius = Math.hypot(widthM, heightM) / 2;

  const positions: number[] = [];
  const starts: number[] = [];
  const heights: number[] = [];
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      const bx = c * block + 6;
      const by = r * block + 6;
      if (!shape.inside(toLon(bx + block / 2), toLat(by + block / 2))) continue;
      const nearness = 1 - Math.min(1, Math.hypot(bx - cx, by - cy) / radius);
      for (let i = 0; i < lotsPerBlock; i += 1) {
        for (let j = 0; j < lotsPerBlock; j += 1) {
          if (!random.chance(0.82)) continue; // empty lots, yards, small squares
          const setback = lot * random.between(0.08, 0.2);
          const w = (lot - 2 * setback) * random.between(0.7, 1);
          const d = (lot - 2 * setback) * random.between(0.7, 1);
          const x0 = bx + i * lot + setback;
          const y0 = by + j * lot + setback;
          if (!shape.inside(toLon(x0 + w / 2), toLat(y0 + d / 2))) continue;
          starts.push(positions.length / 2);
          for (const [x, y] of [
            [x0, y0],
            [x0 + w, y0],
            [x0 + w, y0 + d],
            [x0, y0 + d],
            [x0, y0],
          ] as const) {
            positions.push(round(toLon(x)), round(toLat(y)));
          }
          heights.push(storeys(random, nearness) * 3);
        }
      }
    }
  }
  // Streets along the block edges that are in the city; every fourth one is an avenue. Runs
  // of in-city segments become one line each.
  const road: number[][] = [];
  const classes: string[] = [];
  const junctions: [number, number][] = [];
  const lonLat = (x: number, y: number) => [round(toLon(x)), round(toLat(y))] as const;
  const addRuns = (n: number, at: (k: number) => [number, number], fclass: string) => {
    const points = Array.from({ length: n + 1 }, (_, k) => at(k));
    for (const run of openRuns(points, (x, y) => shape.inside(toLon(x), toLat(y)), lonLat)) {
      road.push(run);
      classes.push(fclass);
    }
  };
  for (let c = 0; c <= cols; c += 1)
    addRuns(rows, (k) => [c * block, k * block], c % 4 === 0 ? 'primary' : 'residential');
  for (let r = 0; r <= rows; r += 1)
    addRuns(cols, (k) => [k * block, r * block], r % 4 === 0 ? 'primary' : 'residential');
  for (let c = 0; c <= cols; c += 4) {
    for (let r = 0; r <= rows; r += 4) {
      const p: [number, number] = [round(toLon(c * block)), round(toLat(r * block))];
      if (shape.inside(p[0], p[1])) junctions.push(p);
    }
  }
  const packedRoads = packRuns(road);

  return {
    buildings: footprintColumns(positions, starts, heights),
    roads: {
      count: road.length,
      positions: packedRoads.positions,
      startIndices: packedRoads.startIndices,
      classes,
    },
    junctions,
  };
}

/** Storeys: mostly 2–6, some mid-rise, a few towers, more of them near the centre. */
function storeys(random: Random, nearness: number): number {
  const roll = random.next();
  if (roll < 0.03 + 0.12 * nearness) return random.int(18, 45);
  if (roll < 0.25 + 0.25 * nearness) return random.int(7, 17);
  return random.int(2, 6);
}

function sampleInsideShare(shape: CityShape, random: Random): number {
  const [west, south, east, north] = shape.bounds;
  let hits = 0;
  for (let i = 0; i < 2000; i += 1)
    if (shape.inside(random.between(west, east), random.between(south, north))) hits += 1;
  return Math.max(0.05, hits / 2000);
}
