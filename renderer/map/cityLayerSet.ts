import type { Layer } from '@deck.gl/core';
import type { CityPack } from '../../shared/geo/loadCityPack';
import {
  boundaryLayer,
  camerasLayer,
  labelsLayer,
  roadsLayer,
  waterLayer,
} from './layers/cityLayers';

/**
 * The layers that depend on the city pack alone, made once per pack: water, roads, outlines and
 * labels (their data never changes, so deck.gl never re-tessellates them), the grid cells by
 * code for the load layer, and the cameras, whose colour follows their status.
 */
export class CityLayers {
  readonly base: readonly Layer[];
  readonly gridCells: ReadonlyMap<string, readonly number[]>;
  private readonly labels: ReturnType<typeof labelsLayer> | undefined;
  private cameras: ReturnType<typeof camerasLayer> | undefined;
  private camerasVersion = -1;

  constructor(private readonly pack: CityPack) {
    this.base = [
      ...(pack.water ? [waterLayer(pack.water)] : []),
      ...(pack.roads ? [roadsLayer(pack.roads)] : []),
      ...(pack.boundaries.street
        ? [boundaryLayer('street', pack.boundaries.street, [55, 180, 255, 160], 2)]
        : []),
      ...(pack.boundaries.district
        ? [boundaryLayer('district', pack.boundaries.district, [255, 176, 32, 220], 3)]
        : []),
    ];
    this.gridCells = new Map(
      (pack.boundaries.grid ?? []).map((g) => [g.code, g.polygons[0] ?? []]),
    );
    const labels = [
      ...(pack.boundaries.district ?? []).map((b) => ({
        text: b.name,
        position: b.labelPoint ?? centroid(b.polygons[0] ?? []),
        size: 28,
      })),
      ...(pack.boundaries.street ?? []).map((b) => ({
        text: b.name,
        position: b.labelPoint ?? centroid(b.polygons[0] ?? []),
        size: 20,
      })),
    ].filter((l) => l.text);
    this.labels = labels.length > 0 ? labelsLayer(labels) : undefined;
  }

  /** Cameras (made again only when `version`, the store's, moved) and the labels on top. */
  overlays(online: (id: string) => boolean, version: number, withCameras = true) {
    if (!withCameras) return this.labels ? [this.labels] : [];
    if (!this.cameras || version !== this.camerasVersion) {
      this.camerasVersion = version;
      this.cameras = camerasLayer(this.pack.cameras, online, version);
    }
    return [this.cameras, ...(this.labels ? [this.labels] : [])];
  }
}

function centroid(ring: readonly number[]): [number, number] {
  let x = 0;
  let y = 0;
  const n = Math.max(1, ring.length / 2 - 1);
  for (let k = 0; k < ring.length - 2; k += 2) {
    x += ring[k] as number;
    y += ring[k + 1] as number;
  }
  return [x / n, y / n];
}
