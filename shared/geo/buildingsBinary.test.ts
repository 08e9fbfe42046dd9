import { describe, expect, it } from 'vitest';
import type { BuildingColumns } from './buildings';
import { encodeBuildingColumns, readBuildingsBinary } from './buildingsBinary';
import { gcj02ToWgs84 } from './coords';
import { loadCityPack } from './loadCityPack';
import { describeProblem } from './problems';

/** Columns for closed rings (written as given: the encoder does not check, the reader does). */
function columns(
  rings: readonly (readonly number[])[],
  heights: readonly number[],
  ids = rings.map((_, i) => `b${i}`),
): BuildingColumns {
  const startIndices = new Uint32Array(rings.length + 1);
  rings.forEach((r, i) => (startIndices[i + 1] = (startIndices[i] as number) + r.length / 2));
  return {
    count: rings.length,
    positions: Float64Array.from(rings.flat()),
    startIndices,
    heights: Float32Array.from(heights),
    ids,
    bounds: [0, 0, 0, 0],
  };
}

const square = (x: number, y: number, s = 0.001) => [x, y, x + s, y, x + s, y + s, x, y + s, x, y];

describe('columns building files', () => {
  it('read back exactly what was written, with bounds', () => {
    const written = columns([square(112.46, 23.05), square(112.47, 23.06, 0.002)], [30, 12.5]);
    const { columns: read, problems } = readBuildingsBinary(
      encodeBuildingColumns(written),
      'b.bin',
    );
    expect(problems).toEqual([]);
    expect(read?.count).toBe(2);
    expect(Array.from(read?.positions ?? [])).toEqual(Array.from(written.positions));
    expect(Array.from(read?.startIndices ?? [])).toEqual([0, 5, 10]);
    expect(Array.from(read?.heights ?? [])).toEqual([30, 12.5]);
    expect(read?.ids).toEqual(['b0', 'b1']);
    expect(read?.bounds).toEqual([112.46, 23.05, 112.47 + 0.002, 23.06 + 0.002]);
  });

  it('read back an empty file of no buildings', () => {
    const { columns: read, problems } = readBuildingsBinary(
      encodeBuildingColumns(columns([], [])),
      'b.bin',
    );
    expect(problems).toEqual([]);
    expect(read?.count).toBe(0);
  });

  it('refuse bad buildings by id and keep the good ones; wind every ring counter-clockwise', () => {
    const clockwise = [...square(112.5, 23.1)].reverse();
    // reverse() turned [x, y] pairs into [y, x]: swap them back.
    for (let k = 0; k < clockwise.length; k += 2)
      [clockwise[k], clockwise[k + 1]] = [clockwise[k + 1] as number, clockwise[k] as number];
    const bytes = encodeBuildingColumns(
      columns(
        [
          square(112.46, 23.05),
          [112.46, 23.05, Number.NaN, 23.05, 112.461, 23.051, 112.46, 23.05],
          square(212.46, 23.05),
          [112.46, 23.05, 112.461, 23.05, 112.461, 23.051, 112.46, 23.051],
          square(112.47, 23.05),
          [112.46, 23.05, 112.461, 23.05, 112.46, 23.05],
          clockwise,
        ],
        [30, 10, 10, 10, 0, 10, 20],
      ),
    );
    const { columns: read, problems } = readBuildingsBinary(bytes, 'b.bin');
    expect(problems.map(describeProblem)).toEqual([
      'b.bin #b1: coordinate is not a finite number (NaN, 23.05)',
      'b.bin #b2: coordinate out of range (212.46, 23.05)',
      'b.bin #b3: ring is not closed',
      'b.bin #b4: height 0 is not between 0 and 1000 m',
      'b.bin #b5: ring has 3 points (needs 4, closed)',
    ]);
    expect(read?.ids).toEqual(['b0', 'b6']);
    // The clockwise ring now runs counter-clockwise: positive shoelace area.
    const p = read?.positions ?? new Float64Array();
    let twice = 0;
    for (let k = 10; k < 18; k += 2)
      twice +=
        (p[k] as number) * (p[k + 3] as number) - (p[k + 2] as number) * (p[k + 1] as number);
    expect(twice).toBeGreaterThan(0);
  });

  it('refuse a whole file that is not one, truncated, or from another version, naming it', () => {
    const good = encodeBuildingColumns(columns([square(112.46, 23.05)], [30]));
    const wrongVersion = good.slice();
    wrongVersion[4] = 9;
    const cases: [Uint8Array, string][] = [
      [new TextEncoder().encode('[{"height": 3, "polygon": []}]'), 'not a CityWall columns file'],
      [good.subarray(0, 40), 'bytes, but 1 buildings of 5 vertices need more'],
      [good.subarray(0, good.length - 1), 'expected'],
      [wrongVersion, 'columns version 9'],
      [new Uint8Array(3), 'too short'],
    ];
    for (const [bytes, reason] of cases) {
      const { columns: read, problems } = readBuildingsBinary(bytes, 'b.bin');
      expect(read).toBeUndefined();
      expect(problems).toHaveLength(1);
      expect(describeProblem(problems[0] as never)).toContain(reason);
    }
  });

  it('stop at a broken start index, keeping the buildings before it', () => {
    const bytes = encodeBuildingColumns(
      columns([square(112.46, 23.05), square(112.47, 23.05), square(112.48, 23.05)], [1, 2, 3]),
    );
    // startIndices[2] (second building's end) pointed past the file's vertices.
    new DataView(bytes.buffer).setUint32(16 + 4 * 2, 999, true);
    const { columns: read, problems } = readBuildingsBinary(bytes, 'b.bin');
    expect(read?.ids).toEqual(['b0']);
    expect(problems.map(describeProblem)).toEqual(['b.bin #1: start index 5..999 out of order']);
  });

  it('convert from GCJ-02 when the manifest says so, and load through a city pack', async () => {
    const bytes = encodeBuildingColumns(columns([square(112.46, 23.05)], [30]));
    const pack = await loadCityPack(
      {
        version: 1,
        id: 't',
        name: { zh: '测', en: 't' },
        view: { center: [112.46, 23.05], zoom: 14 },
        crs: 'wgs84',
        buildings: { file: 'b.bin', format: 'columns', crs: 'gcj02' },
      },
      async () => ({ size: bytes.length, text: async () => '', bytes: async () => bytes }),
    );
    expect(pack.problems).toEqual([]);
    const [x, y] = gcj02ToWgs84(112.46, 23.05);
    expect(pack.buildings?.positions[0]).toBeCloseTo(x, 12);
    expect(pack.buildings?.positions[1]).toBeCloseTo(y, 12);
  });
});
