import { describe, expect, it } from 'vitest';
import { readBuildings } from './buildings';
import { checkCityPack, type CityPackManifest } from './cityPack';
import { readBoundaries, readCameras, readLines } from './features';
import { loadCityPack, type FileSource } from './loadCityPack';
import { describeProblem } from './problems';

const good = (id: number, x = 112.46) => ({
  type: 'Feature',
  id,
  properties: { height: 12 },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, 23.05],
        [x + 0.001, 23.05],
        [x + 0.001, 23.051],
        [x, 23.051],
        [x, 23.05],
      ],
    ],
  },
});
const feature = (id: number, properties: unknown, geometry: unknown) => ({
  type: 'Feature',
  id,
  properties,
  geometry,
});

describe('bad inputs are named and skipped; the good ones load', () => {
  it('buildings: invalid rings, NaN and out-of-range coordinates, missing heights, wrong types', () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        good(1),
        feature(
          2,
          { height: 10 },
          {
            type: 'Polygon',
            coordinates: [
              [
                [112.46, 23.05],
                [112.47, 23.05],
              ],
            ],
          },
        ),
        feature(
          3,
          { height: 10 },
          {
            type: 'Polygon',
            coordinates: [
              [
                [112.46, 23.05],
                [112.47, 23.05],
                [112.48, 23.05],
              ],
            ],
          },
        ),
        feature(
          4,
          { height: 10 },
          {
            type: 'Polygon',
            coordinates: [
              [
                [112.46, Number.NaN],
                [112.47, 23.05],
                [112.47, 23.06],
              ],
            ],
          },
        ),
        feature(
          5,
          { height: 10 },
          {
            type: 'Polygon',
            coordinates: [
              [
                [212.46, 23.05],
                [112.47, 23.05],
                [112.47, 23.06],
              ],
            ],
          },
        ),
        feature(6, {}, good(6).geometry),
        feature(7, { height: 'tall' }, good(7).geometry),
        feature(8, { levels: 6 }, good(8, 112.47).geometry),
        feature(9, { height: 10 }, { type: 'Point', coordinates: [112.46, 23.05] }),
        feature(100, { height: 10 }, { type: 'Polygon', coordinates: 'square' }),
        'not a feature',
        good(12, 112.48),
      ],
    };
    const { columns, problems } = readBuildings(collection, {
      file: 'buildings.geojson',
      format: 'geojson',
      crs: 'wgs84',
    });
    expect(columns.ids).toEqual(['1', '8', '12']);
    expect(Array.from(columns.heights)).toEqual([12, 18, 12]);
    expect(problems.map(describeProblem)).toEqual([
      'buildings.geojson #10: not a GeoJSON feature',
      'buildings.geojson #9: geometry Point is not a polygon',
      'buildings.geojson #100: Polygon coordinates are not an array',
      'buildings.geojson #2: ring has 2 distinct points (needs 3)',
      'buildings.geojson #3: ring has no area',
      'buildings.geojson #4: coordinate is not a finite number (112.46, NaN)',
      'buildings.geojson #5: coordinate out of range (212.46, 23.05)',
      'buildings.geojson #6: no usable height, levels or floors',
      'buildings.geojson #7: no usable height, levels or floors',
    ]);
    expect(columns.startIndices[columns.count]).toBe(columns.positions.length / 2);
  });

  it('the deck.gl example format: rings closed, holes dropped', () => {
    const { columns, problems } = readBuildings(
      [
        {
          height: 30,
          polygon: [
            [112.46, 23.05],
            [112.461, 23.05],
            [112.461, 23.051],
          ],
        },
        {
          height: 40,
          polygon: [
            [
              [112.47, 23.05],
              [112.471, 23.05],
              [112.471, 23.051],
            ],
            [
              [112.4701, 23.0501],
              [112.4702, 23.0501],
              [112.4702, 23.0502],
            ],
          ],
        },
        {
          polygon: [
            [112.46, 23.05],
            [112.461, 23.05],
            [112.461, 23.051],
          ],
        },
        null,
      ],
      { file: 'b.json', format: 'polygon-array', crs: 'wgs84' },
    );
    expect(columns.count).toBe(2);
    expect(Array.from(columns.startIndices)).toEqual([0, 4, 8]);
    expect(problems.map((p) => p.feature)).toEqual([3, '2']);
  });

  it('boundaries, roads and cameras name their bad features too', () => {
    expect(
      readBoundaries(
        {
          type: 'FeatureCollection',
          features: [feature(1, { name: 'x' }, { type: 'LineString', coordinates: [] })],
        },
        'd.geojson',
        'wgs84',
      ).problems[0]?.reason,
    ).toMatch(/not a polygon/);
    expect(
      readLines(
        {
          type: 'FeatureCollection',
          features: [
            feature(1, {}, { type: 'LineString', coordinates: [[1, 2]] }),
            feature(
              2,
              {},
              {
                type: 'LineString',
                coordinates: [
                  [1, 2],
                  [3, 4],
                ],
              },
            ),
          ],
        },
        'r.geojson',
        'wgs84',
      ).lines.count,
    ).toBe(1);
    const cams = readCameras(
      {
        type: 'FeatureCollection',
        features: [
          feature(
            1,
            { id: 'a', stream: 'http://x/a.m3u8', heading: -90 },
            { type: 'Point', coordinates: [112.4, 23] },
          ),
          feature(2, { id: 'a' }, { type: 'Point', coordinates: [112.4, 23] }),
          feature(
            3,
            { id: 'b', stream: 'javascript:alert(1)' },
            { type: 'Point', coordinates: [112.4, 23] },
          ),
        ],
      },
      'c.geojson',
      'wgs84',
    );
    expect(cams.cameras).toEqual([
      { id: 'a', name: 'a', position: [112.4, 23], streamUrl: 'http://x/a.m3u8', heading: 270 },
      { id: 'b', name: 'b', position: [112.4, 23] },
    ]);
    expect(cams.problems[0]?.reason).toBe('duplicate camera id a');
  });

  it('a pack with an empty file, a 200 MB file, a broken file and a missing file still loads what it can', async () => {
    const manifest = checkCityPack({
      version: 1,
      id: 'bad',
      name: { zh: '坏', en: 'Bad' },
      view: { center: [112.46, 23.05], zoom: 14 },
      buildings: { file: 'buildings.geojson', format: 'geojson' },
      roads: { file: 'empty.geojson' },
      water: { file: 'huge.geojson' },
      boundaries: [
        { file: 'broken.geojson', level: 'district' },
        { file: 'gone.geojson', level: 'street' },
      ],
    });
    expect(manifest.ok).toBe(true);
    let hugeRead = false;
    const files: Record<string, { size: number; text: () => Promise<string> }> = {
      'buildings.geojson': {
        size: 400,
        text: async () => JSON.stringify({ type: 'FeatureCollection', features: [good(1)] }),
      },
      'empty.geojson': { size: 0, text: async () => '' },
      'huge.geojson': {
        size: 200 * 1024 * 1024,
        text: async () => {
          hugeRead = true;
          return '';
        },
      },
      'broken.geojson': { size: 20, text: async () => '{"type": "FeatureColl' },
    };
    const source: FileSource = async (name) => files[name];
    const pack = await loadCityPack((manifest as { manifest: CityPackManifest }).manifest, source);
    expect(pack.buildings?.count).toBe(1);
    expect(hugeRead).toBe(false);
    expect(pack.problems.map(describeProblem)).toEqual([
      'empty.geojson: empty file',
      'huge.geojson: 200 MiB is over the 150 MiB limit',
      expect.stringMatching(/^broken\.geojson: not JSON/),
      'gone.geojson: file not found',
    ]);
  });

  it('a manifest cannot name files outside its pack', () => {
    const bad = checkCityPack({
      version: 1,
      id: 'x',
      name: { zh: 'x', en: 'x' },
      view: { center: [0, 0], zoom: 1 },
      roads: { file: '../../etc/passwd' },
    });
    expect(bad.ok).toBe(false);
  });
});
