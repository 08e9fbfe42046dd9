import { afterEach, describe, expect, it } from 'vitest';
import { fetchFileSource } from '../../../shared/geo/fetchSource';
import { checkCityPack } from '../../../shared/geo/cityPack';
import { loadCityPack } from '../../../shared/geo/loadCityPack';
import { startHub, type RunningHub } from '../startHub';
import { tempDir } from '../testSupport';

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (running.length) await (running.pop() as () => Promise<void>)();
});

/** Even-odd point in polygon over a flat closed ring. */
function inRing(ring: readonly number[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length / 2 - 1; i < ring.length / 2; j = i++) {
    const xi = ring[2 * i] as number;
    const yi = ring[2 * i + 1] as number;
    const xj = ring[2 * j] as number;
    const yj = ring[2 * j + 1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

describe('the embedded demo city pack', () => {
  it('is served by the hub and read back by the city pack loader with nothing refused; cases fall in its grid', async () => {
    const { dir, cleanup } = await tempDir();
    running.push(cleanup);
    const demo: RunningHub = await startHub({
      dataDir: dir,
      source: { kind: 'demo', seed: 5, historyHours: 2 },
    });
    running.push(() => demo.stop());
    const base = `${demo.hub.url}/citypack/`;
    const manifest = checkCityPack(await (await fetch(`${base}citypack.json`)).json());
    if (!manifest.ok) throw new Error(manifest.error);
    const pack = await loadCityPack(manifest.manifest, fetchFileSource(base));

    expect(pack.problems).toEqual([]);
    expect(pack.buildings?.count).toBeGreaterThan(25_000);
    expect(pack.buildings?.count).toBeLessThan(35_000);
    expect(pack.roads?.count).toBeGreaterThan(100);
    expect(pack.cameras).toHaveLength(90);
    expect(new Set(pack.cameras.map((c) => c.id)).size).toBe(90);
    for (const c of pack.cameras) expect(c.id).toMatch(/^\d{20}$/);
    expect(
      Object.fromEntries(
        Object.entries(pack.boundaries).map(([level, b]) => [level, (b?.length ?? 0) > 0]),
      ),
    ).toEqual({ city: true, district: true, street: true, community: true, grid: true });

    // Every simulated case lies in the district and in a unit grid cell of the pack, by code.
    const district = pack.boundaries.district?.[0]?.polygons[0] ?? [];
    // Street outlines stay inside the district: every vertex is in it or on its edge (a point
    // a hair away from the vertex, one way or another, is in it; the outline is concave).
    for (const street of pack.boundaries.street ?? []) {
      const ring = street.polygons[0] ?? [];
      for (let k = 0; k < ring.length; k += 2) {
        const [x, y] = [ring[k] as number, ring[k + 1] as number];
        const near = [
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
          [1, 1],
          [-1, -1],
          [1, -1],
          [-1, 1],
        ].some(([dx, dy]) =>
          inRing(district, x + (dx as number) * 1e-6, y + (dy as number) * 1e-6),
        );
        expect(near, `${street.name} vertex ${k / 2}`).toBe(true);
      }
    }
    const grids = new Map((pack.boundaries.grid ?? []).map((g) => [g.code, g.polygons[0] ?? []]));
    const cases = [...demo.hub.store.allCases()];
    expect(cases.length).toBeGreaterThan(50);
    for (const c of cases) {
      expect(inRing(district, c.position.lon, c.position.lat)).toBe(true);
      const cell = grids.get(c.grid ?? '');
      expect(cell, c.grid).toBeDefined();
      // Cells are rectangles: a case on a cell's edge is in it.
      const xs = (cell ?? []).filter((_, k) => k % 2 === 0);
      const ys = (cell ?? []).filter((_, k) => k % 2 === 1);
      const eps = 1e-7;
      expect(
        c.position.lon >= Math.min(...xs) - eps &&
          c.position.lon <= Math.max(...xs) + eps &&
          c.position.lat >= Math.min(...ys) - eps &&
          c.position.lat <= Math.max(...ys) + eps,
        `${c.id} in ${c.grid}`,
      ).toBe(true);
    }
  }, 60_000);
});
