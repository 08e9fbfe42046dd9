import { WebMercatorViewport } from '@deck.gl/core';
import type { CityPack } from '../../shared/geo/loadCityPack';

/** Where a map looks: what the wall bus carries between the windows of one region. */
export interface CameraView {
  readonly longitude: number;
  readonly latitude: number;
  readonly zoom: number;
  readonly pitch: number;
  readonly bearing: number;
}

const PITCH = 45;
/**
 * Tilting the map shortens what the far half shows; zooming out this much keeps the city's far
 * edge in view at the wall's 45° (measured on the demo city at 16:9 and 9:16).
 */
const TILT_ALLOWANCE = 0.35;

/**
 * [west, south, east, north] of the city's outline (district, else city boundary); none without
 * one, and the map opens where the pack's manifest says (a pack of buildings alone is often a
 * piece of a larger city, which its author framed).
 */
export function cityBounds(pack: CityPack): [number, number, number, number] | undefined {
  const outline = pack.boundaries.district ?? pack.boundaries.city;
  if (outline && outline.length > 0) {
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const b of outline)
      for (const ring of b.polygons)
        for (let i = 0; i + 1 < ring.length; i += 2) {
          const lon = ring[i] as number;
          const lat = ring[i + 1] as number;
          w = Math.min(w, lon);
          e = Math.max(e, lon);
          s = Math.min(s, lat);
          n = Math.max(n, lat);
        }
    if (w < e && s < n) return [w, s, e, n];
  }
  return undefined;
}

/**
 * The camera that shows the whole city on a surface of `width` × `height` pixels: the whole
 * region for a map across panels, so every part computes the same camera without talking.
 */
export function fitCity(
  bounds: readonly [number, number, number, number] | undefined,
  fallback: { center: readonly [number, number]; zoom: number },
  width: number,
  height: number,
): CameraView {
  if (!bounds || width < 64 || height < 64)
    return {
      longitude: fallback.center[0],
      latitude: fallback.center[1],
      zoom: fallback.zoom,
      pitch: PITCH,
      bearing: 0,
    };
  const padding = Math.round(Math.min(width, height) * 0.04);
  const fitted = new WebMercatorViewport({ width, height }).fitBounds(
    [
      [bounds[0], bounds[1]],
      [bounds[2], bounds[3]],
    ],
    { padding },
  );
  return {
    longitude: fitted.longitude,
    latitude: fitted.latitude,
    zoom: Math.max(0, fitted.zoom - TILT_ALLOWANCE),
    pitch: PITCH,
    bearing: 0,
  };
}
