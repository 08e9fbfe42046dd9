import { Random } from '../random';
import { footprintColumns, openRuns, packRuns, roundCoord as round } from './columns';
import type { GeneratedCity } from './generateCity';

/** What a part of a city is: how its blocks are built up. */
export type Zone = 'old-town' | 'high-rise' | 'residential' | 'industry' | 'park' | 'water';

export interface ZonedShape {
  /** [west, south, east, north] in WGS-84 degrees. */
  readonly bounds: readonly [number, number, number, number];
  readonly inside: (lon: number, lat: number) => boolean;
  /** The zone at a point: decides each block's lots, footprints and heights. */
  readonly zoneAt: (lon: number, lat: number) => Zone;
  /** The mean block size in metres (streets run between blocks); 110 by default. */
  readonly blockM?: number;
}

const M_PER_DEG_LAT = 111_320;
const STREET_M = 12;
const STOREY_M = 3;

type Box = readonly [number, number, number, number]; // x0, y0, x1, y1 in metres

/**
 * A city of zones for the demo: streets of varied spacing (every fourth an avenue), and in each
 * block what its zone builds: an old town of small close-packed houses, residential slabs,
 * high-rise towers, industrial sheds, parks and water left open. The same for the same seed;
 * footprints never overlap (each lies inside its own lot of its own block).
 */
export function generateZonedCity(shape: ZonedShape, seed: number): GeneratedCity {
  const random = new Random(seed);
  const [west, south, east, north] = shape.bounds;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos(((south + north) / 2) * (Math.PI / 180));
  const toLon = (m: number) => west + m / mPerDegLon;
  const toLat = (m: number) => south + m / M_PER_DEG_LAT;
  const mean = shape.blockM ?? 110;
  const xs = edges((east - west) * mPerDegLon, mean, random);
  const ys = edges((north - south) * M_PER_DEG_LAT, mean, random);

  const positions: number[] = [];
  const starts: number[] = [];
  const heights: number[] = [];
  const add = (box: Box, storeys: number) => {
    const [x0, y0, x1, y1] = box;
    if (!shape.inside(toLon((x0 + x1) / 2), toLat((y0 + y1) / 2))) return;
    starts.push(positions.length / 2);
    for (const [x, y] of [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ] as const)
      positions.push(round(toLon(x)), round(toLat(y)));
    heights.push(storeys * STOREY_M);
  };
  for (let r = 0; r + 1 < ys.length; r += 1)
    for (let c = 0; c + 1 < xs.length; c += 1) {
      const block: Box = [
        (xs[c] as number) + STREET_M / 2,
        (ys[r] as number) + STREET_M / 2,
        (xs[c + 1] as number) - STREET_M / 2,
        (ys[r + 1] as number) - STREET_M / 2,
      ];
      const lon = toLon((block[0] + block[2]) / 2);
      const lat = toLat((block[1] + block[3]) / 2);
      if (!shape.inside(lon, lat)) continue;
      buildBlock(shape.zoneAt(lon, lat), block, random, add);
    }

  // Streets along the block edges that are in the city (not across water); runs become lines.
  const road: number[][] = [];
  const classes: string[] = [];
  const open = (x: number, y: number) =>
    shape.inside(toLon(x), toLat(y)) && shape.zoneAt(toLon(x), toLat(y)) !== 'water';
  const lonLat = (x: number, y: number) => [round(toLon(x)), round(toLat(y))] as const;
  const addRuns = (points: readonly (readonly [number, number])[], fclass: string) => {
    for (const run of openRuns(points, open, lonLat)) {
      road.push(run);
      classes.push(fclass);
    }
  };
  xs.forEach((x, c) =>
    addRuns(
      ys.map((y) => [x, y] as const),
      c % 4 === 0 ? 'primary' : 'residential',
    ),
  );
  ys.forEach((y, r) =>
    addRuns(
      xs.map((x) => [x, y] as const),
      r % 4 === 0 ? 'primary' : 'residential',
    ),
  );
  const junctions: [number, number][] = [];
  for (let c = 0; c < xs.length; c += 4)
    for (let r = 0; r < ys.length; r += 4) {
      const [x, y] = [xs[c] as number, ys[r] as number];
      if (open(x, y)) junctions.push([round(toLon(x)), round(toLat(y))]);
    }
  const packed = packRuns(road);
  return {
    buildings: footprintColumns(positions, starts, heights),
    roads: {
      count: road.length,
      positions: packed.positions,
      startIndices: packed.startIndices,
      classes,
    },
    junctions,
  };
}

/** Street lines across `size` metres, blocks of 60 % to 140 % of the mean. */
function edges(size: number, mean: number, random: Random): number[] {
  const out = [0];
  while ((out[out.length - 1] as number) < size)
    out.push((out[out.length - 1] as number) + mean * random.between(0.6, 1.4));
  return out;
}

/** What one block of a zone holds; `add` places a footprint (metres) with its storeys. */
function buildBlock(
  zone: Zone,
  [x0, y0, x1, y1]: Box,
  random: Random,
  add: (box: Box, storeys: number) => void,
): void {
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < 20 || h < 20) return;
  const lots = (cols: number, rows: number, each: (lot: Box) => void) => {
    for (let i = 0; i < cols; i += 1)
      for (let j = 0; j < rows; j += 1)
        each([
          x0 + (i * w) / cols,
          y0 + (j * h) / rows,
          x0 + ((i + 1) * w) / cols,
          y0 + ((j + 1) * h) / rows,
        ]);
  };
  const inset = ([a, b, c, d]: Box, m: number): Box => [a + m, b + m, c - m, d - m];
  switch (zone) {
    case 'water':
      return;
    case 'park':
      // Open ground, here and there a pavilion.
      if (random.chance(0.15)) add(inset([x0, y0, x1, y1], Math.min(w, h) * 0.42), 1);
      return;
    case 'old-town':
      // Small houses close together: lots of 10–16 m, two to five storeys, a few gaps.
      lots(Math.max(2, Math.round(w / 13)), Math.max(2, Math.round(h / 13)), (lot) => {
        if (random.chance(0.9)) add(inset(lot, random.between(0.6, 1.6)), random.int(2, 5));
      });
      return;
    case 'industry': {
      // One or two long sheds with a yard: one to three tall storeys.
      const split = random.chance(0.5) ? 2 : 1;
      lots(split, 1, (lot) => add(inset(lot, random.between(6, 12)), random.int(2, 4)));
      return;
    }
    case 'high-rise':
      // Towers of 25–45 m on a side, 18 to 50 storeys, standing apart.
      lots(Math.max(1, Math.round(w / 55)), Math.max(1, Math.round(h / 55)), (lot) => {
        const side = Math.min(lot[2] - lot[0], lot[3] - lot[1]);
        const m = Math.max(4, (side - random.between(25, 45)) / 2);
        add(inset(lot, m), random.chance(0.25) ? random.int(30, 50) : random.int(18, 32));
      });
      return;
    case 'residential': {
      // Slabs 12–16 m deep, facing south, in rows; 6 to 18 storeys, now and then a tower.
      const rows = Math.max(1, Math.floor(h / 30));
      for (let j = 0; j < rows; j += 1) {
        const y = y0 + (j * h) / rows;
        const depth = Math.min(random.between(12, 16), h / rows - 4);
        const long = random.chance(0.6);
        const pieces = long ? 1 : 2;
        for (let i = 0; i < pieces; i += 1) {
          const a = x0 + (i * w) / pieces + random.between(3, 8);
          const b = x0 + ((i + 1) * w) / pieces - random.between(3, 8);
          if (b - a < 12 || !random.chance(0.88)) continue;
          add(
            [a, y + 2, b, y + 2 + depth],
            random.chance(0.08) ? random.int(24, 33) : random.int(6, 18),
          );
        }
      }
      return;
    }
  }
}
