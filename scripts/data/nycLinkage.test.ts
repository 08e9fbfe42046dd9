import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, loadMapping } from '../../electron/hub/import/importFile';
import { readCameras } from '../../shared/geo/features';
import { linkedCameras } from '../../shared/video/linkage';

const DATA = resolve(__dirname, '../../../shared/data/nyc');

/** Great-circle distance, computed independently of the code under test. */
function haversine(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

describe('video linkage on the real NYC DOT cameras', () => {
  it('pins, for real 311 cases, the same nearest cameras a great-circle search finds', async () => {
    const { cameras, problems } = readCameras(
      JSON.parse(await readFile(join(DATA, 'nyc-dot-cameras.geojson'), 'utf8')),
      'nyc-dot-cameras.geojson',
      'wgs84',
    );
    expect(problems).toEqual([]);
    const cases = (
      await importFile(
        await loadMapping(resolve(__dirname, '../../assets/mappings/nyc311.json')),
        join(DATA, 'nyc311-2018-10-21.csv'),
      )
    ).events
      .flatMap((e) => (e.type === 'case.reported' ? [e.payload.position] : []))
      .filter((_, i) => i % 97 === 0);
    expect(cases.length).toBeGreaterThan(50);
    let withCameras = 0;
    for (const { lon, lat } of cases) {
      const spot: [number, number] = [lon, lat];
      const picked = linkedCameras(cameras, spot, { count: 4, maxMetres: 1_500 });
      const expected = cameras
        .map((c) => ({ id: c.id, metres: haversine(c.position, spot) }))
        .filter((c) => c.metres <= 1_500)
        .sort((a, b) => a.metres - b.metres)
        .slice(0, 4);
      expect(picked.map((c) => c.id)).toEqual(expected.map((c) => c.id));
      picked.forEach((c, i) =>
        expect(Math.abs(c.metres - (expected[i]?.metres ?? 0))).toBeLessThan(2),
      );
      if (picked.length > 0) withCameras += 1;
    }
    // Manhattan is dense with DOT cameras; the outer boroughs less so.
    expect(withCameras).toBeGreaterThan(cases.length / 2);
  });

  it('pins the camera at West St and Chambers first for a case at its corner', async () => {
    const { cameras } = readCameras(
      JSON.parse(await readFile(join(DATA, 'nyc-dot-cameras.geojson'), 'utf8')),
      'nyc-dot-cameras.geojson',
      'wgs84',
    );
    const camera = cameras.find((c) => c.id === '1227');
    if (!camera) throw new Error('camera 1227 missing from the data');
    const [first] = linkedCameras(cameras, [camera.position[0] + 0.0002, camera.position[1]]);
    expect(first?.id).toBe('1227');
  });
});
