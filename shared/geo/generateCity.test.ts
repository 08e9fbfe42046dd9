import { describe, expect, it } from 'vitest';
import { generateCity, type CityShape } from './generateCity';
import { signedArea } from './rings';

const square: CityShape = {
  bounds: [112.41, 23.03, 112.56, 23.115],
  centre: [112.47, 23.06],
  inside: (lon, lat) => Math.hypot((lon - 112.485) / 0.075, (lat - 23.07) / 0.04) < 1,
};

describe('generateCity', () => {
  it('makes about the asked number of buildings, all inside the outline, with real footprints', () => {
    const city = generateCity(square, 20_000, 1);
    expect(city.buildings.count).toBeGreaterThan(16_000);
    expect(city.buildings.count).toBeLessThan(24_000);
    const { positions, startIndices, heights } = city.buildings;
    for (let i = 0; i < city.buildings.count; i += 97) {
      const ring = Array.from(
        positions.slice((startIndices[i] as number) * 2, (startIndices[i + 1] as number) * 2),
      );
      expect(ring).toHaveLength(10);
      expect(Math.abs(signedArea(ring))).toBeGreaterThan(0);
      expect(
        square.inside(ring[0] as number, ring[1] as number) ||
          square.inside(ring[4] as number, ring[5] as number),
      ).toBe(true);
      expect(heights[i]).toBeGreaterThanOrEqual(6);
    }
    const tall = Array.from(heights).filter((h) => h >= 54).length / heights.length;
    expect(tall).toBeGreaterThan(0.01);
    expect(tall).toBeLessThan(0.2);
    expect(city.roads.count).toBeGreaterThan(50);
    expect(city.junctions.length).toBeGreaterThan(10);
  });

  it('footprints of neighbouring lots never overlap', () => {
    const { positions, startIndices, count } = generateCity(square, 3_000, 2).buildings;
    const boxes = Array.from({ length: count }, (_, i) => {
      const s = (startIndices[i] as number) * 2;
      return [
        positions[s] as number,
        positions[s + 1] as number,
        positions[s + 4] as number,
        positions[s + 5] as number,
      ];
    });
    boxes.sort((a, b) => (a[0] as number) - (b[0] as number));
    for (let i = 0; i < boxes.length; i += 1) {
      const a = boxes[i] as number[];
      for (
        let j = i + 1;
        j < boxes.length && ((boxes[j] as number[])[0] as number) < (a[2] as number);
        j += 1
      ) {
        const b = boxes[j] as number[];
        const overlap =
          (a[0] as number) < (b[2] as number) &&
          (b[0] as number) < (a[2] as number) &&
          (a[1] as number) < (b[3] as number) &&
          (b[1] as number) < (a[3] as number);
        expect(overlap).toBe(false);
      }
    }
  });

  it('is the same city for the same seed, another for another', () => {
    const a = generateCity(square, 2_000, 7);
    expect(generateCity(square, 2_000, 7).buildings.positions).toEqual(a.buildings.positions);
    expect(generateCity(square, 2_000, 8).buildings.positions).not.toEqual(a.buildings.positions);
  });
});
