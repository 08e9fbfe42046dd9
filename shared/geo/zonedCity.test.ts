import { describe, expect, it } from 'vitest';
import { generateZonedCity, type Zone } from './zonedCity';

/** A 3 km square city cut into zones, one per band of longitude. */
const BANDS: readonly Zone[] = [
  'old-town',
  'high-rise',
  'residential',
  'industry',
  'park',
  'water',
];
const shape = {
  bounds: [112.4, 23.0, 112.43, 23.027] as const,
  inside: () => true,
  zoneAt: (lon: number) => BANDS[Math.min(5, Math.floor(((lon - 112.4) / 0.03) * 6))] as Zone,
};

describe('a city of zones', () => {
  const city = generateZonedCity(shape, 11);
  const b = city.buildings;
  const zoneOf = (i: number) => {
    const k = (b.startIndices[i] as number) * 2;
    return shape.zoneAt(b.positions[k] as number);
  };
  const stats = (zone: Zone) => {
    const heights: number[] = [];
    const areas: number[] = [];
    for (let i = 0; i < b.count; i += 1) {
      if (zoneOf(i) !== zone) continue;
      const k = (b.startIndices[i] as number) * 2;
      const w = ((b.positions[k + 2] as number) - (b.positions[k] as number)) * 102_500;
      const d = ((b.positions[k + 5] as number) - (b.positions[k + 1] as number)) * 111_320;
      heights.push(b.heights[i] as number);
      areas.push(Math.abs(w * d));
    }
    const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)] ?? 0;
    return { n: heights.length, height: median(heights), area: median(areas) };
  };

  it('builds each zone its own way: small low houses, towers, slabs, sheds, open parks and water', () => {
    const old = stats('old-town');
    const high = stats('high-rise');
    const res = stats('residential');
    const ind = stats('industry');
    expect(old.n).toBeGreaterThan(high.n * 5);
    expect(old.area).toBeLessThan(200);
    expect(old.height).toBeLessThanOrEqual(15);
    expect(high.height).toBeGreaterThanOrEqual(54);
    expect(res.height).toBeGreaterThan(old.height);
    expect(res.height).toBeLessThan(high.height);
    expect(ind.area).toBeGreaterThan(res.area * 2);
    expect(ind.height).toBeLessThanOrEqual(12);
    expect(stats('park').n).toBeLessThan(old.n / 20);
    expect(stats('water').n).toBe(0);
  });

  it('streets run at varied spacing, never over water, and the same seed is the same city', () => {
    const xs = new Set<number>();
    for (let r = 0; r < city.roads.count; r += 1) {
      const k = (city.roads.startIndices[r] as number) * 2;
      if (city.roads.positions[k + 1] === city.roads.positions[k + 3]) continue; // an east–west street
      xs.add(city.roads.positions[k] as number);
    }
    const gaps = [...xs]
      .sort((p, q) => p - q)
      .map((x, i, all) => x - (all[i - 1] ?? x))
      .slice(1);
    expect(Math.max(...gaps) / Math.min(...gaps)).toBeGreaterThan(1.3);
    for (let k = 0; k < city.roads.positions.length; k += 2)
      expect((city.roads.positions[k] as number) < 112.4 + 0.03 * (5 / 6) + 0.002).toBe(true);
    expect(generateZonedCity(shape, 11).buildings.positions).toEqual(b.positions);
  });
});
