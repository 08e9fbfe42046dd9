import { WebMercatorViewport } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import type { CityPack } from '../../shared/geo/loadCityPack';
import { cityBounds, fitCity } from './cityView';

const outline = [112.4, 23.02, 112.56, 23.02, 112.56, 23.12, 112.4, 23.12, 112.4, 23.02];
const pack = (withOutline: boolean) =>
  ({
    boundaries: withOutline
      ? { district: [{ code: 'x', name: '端州区', polygons: [outline] }] }
      : {},
  }) as unknown as CityPack;
const fallback = { center: [112.47, 23.07] as const, zoom: 12 };

describe('fitting the city to the surface', () => {
  it('reads the outline; without one the manifest view stands', () => {
    expect(cityBounds(pack(true))).toEqual([112.4, 23.02, 112.56, 23.12]);
    expect(cityBounds(pack(false))).toBeUndefined();
    expect(fitCity(undefined, fallback, 1920, 1080)).toMatchObject({
      longitude: 112.47,
      latitude: 23.07,
      zoom: 12,
    });
  });

  it('a 4K surface and a region of six panels see the whole city, edge to edge on one axis', () => {
    for (const [width, height] of [
      [3840, 2160],
      [3860, 3264],
      [1920, 3240],
    ] as const) {
      const view = fitCity(cityBounds(pack(true)), fallback, width, height);
      // Seen from straight above at this zoom the outline lies inside the surface…
      const flat = new WebMercatorViewport({ ...view, pitch: 0, width, height });
      const [x0, y0] = flat.project([112.4, 23.12]) as [number, number];
      const [x1, y1] = flat.project([112.56, 23.02]) as [number, number];
      expect(x0).toBeGreaterThanOrEqual(0);
      expect(y0).toBeGreaterThanOrEqual(0);
      expect(x1).toBeLessThanOrEqual(width);
      expect(y1).toBeLessThanOrEqual(height);
      // …and fills at least half of it on the tighter axis (it filled 55 % of the middle before).
      expect(Math.max((x1 - x0) / width, (y1 - y0) / height)).toBeGreaterThan(0.5);
    }
  });
});
