import { describe, expect, it } from 'vitest';
import type { IncidentRecord } from '../domain/incidentBook';
import { LEVEL_COLOURS } from '../domain/incidentKinds';
import { footprintColumns } from './columns';
import { cordonBuildings } from './cordonBuildings';

const M_LAT = 111_320;
const M_LON = M_LAT * Math.cos((23.06 * Math.PI) / 180);
const at = (x: number, y: number) => ({ lon: 112.47 + x / M_LON, lat: 23.06 + y / M_LAT });

/** 20 m squares at metres east/north of (112.47, 23.06). */
function city(centres: readonly (readonly [number, number, number])[]) {
  const positions: number[] = [];
  const starts: number[] = [];
  const heights: number[] = [];
  for (const [x, y, h] of centres) {
    starts.push(positions.length / 2);
    for (const [dx, dy] of [
      [-10, -10],
      [10, -10],
      [10, 10],
      [-10, 10],
      [-10, -10],
    ] as const) {
      const p = at(x + dx, y + dy);
      positions.push(p.lon, p.lat);
    }
    heights.push(h);
  }
  return footprintColumns(positions, starts, heights);
}

function incident(id: string, level: 1 | 2 | 3 | 4, x: number, radiusMetres: number) {
  return { id, level, position: at(x, 0), radiusMetres, caseIds: [] } as unknown as IncidentRecord;
}

describe("the map's cordon highlight", () => {
  it("takes the incident's building and its neighbours in the radius, a metre around the grey model", () => {
    const columns = city([
      [0, 0, 90],
      [60, 0, 30],
      [300, 0, 50],
    ]);
    const shown = cordonBuildings(columns, [incident('F1', 2, 0, 100)]);
    expect(shown.map((b) => [b.target, b.height, b.colour])).toEqual([
      [true, 91, LEVEL_COLOURS[2]],
      [false, 31, LEVEL_COLOURS[2]],
    ]);
    // 20 m square grown by a metre from its centre along each corner's diagonal.
    const xs = (shown[0]?.ring ?? [])
      .filter((_, k) => k % 2 === 0)
      .map((lon) => (lon - 112.47) * M_LON);
    expect(Math.max(...xs)).toBeCloseTo(10 + Math.SQRT1_2, 1);
  });

  it('gives a building in two cordons the graver incident’s colour, once', () => {
    const columns = city([
      [0, 0, 90],
      [60, 0, 30],
      [120, 0, 20],
    ]);
    // open() lists the gravest first.
    const shown = cordonBuildings(columns, [incident('A', 1, 120, 80), incident('B', 4, 0, 80)]);
    expect(shown).toHaveLength(3);
    expect(shown.filter((b) => b.colour === LEVEL_COLOURS[1]).map((b) => b.height)).toEqual([
      21, 31,
    ]);
    expect(shown.filter((b) => b.colour === LEVEL_COLOURS[4]).map((b) => b.height)).toEqual([91]);
  });
});
