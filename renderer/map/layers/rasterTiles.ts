import type { Viewport } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { tileBounds, tilesFor, tileUrl, type TileSource } from '../../../shared/geo/tiles';

const CACHE = 256;

/**
 * The raster base map under the city pack: one BitmapLayer per visible tile, kept by a stable id
 * so a tile is fetched once while it stays in the cache, and the set follows the view.
 */
export class RasterTiles {
  private readonly cache = new Map<string, BitmapLayer>();
  private shown: BitmapLayer[] = [];
  private key = '';

  constructor(private readonly source: TileSource) {}

  /** Updates the tiles for the map's viewport; true when the set changed. */
  update(viewport: Viewport | undefined): boolean {
    if (!viewport) return false;
    const bounds = viewport.getBounds() as [number, number, number, number];
    const tiles = tilesFor(bounds, viewport.zoom, this.source);
    const key = tiles.map((t) => `${t.z}/${t.x}/${t.y}`).join(',');
    if (key === this.key) return false;
    this.key = key;
    this.shown = tiles.map((tile) => {
      const id = `tile-${tile.z}-${tile.x}-${tile.y}`;
      let layer = this.cache.get(id);
      if (layer) this.cache.delete(id);
      else
        layer = new BitmapLayer({
          id,
          image: tileUrl(this.source.url, tile),
          bounds: tileBounds(tile),
          // Under everything, and never in the way of picking.
          pickable: false,
          parameters: { depthWriteEnabled: false },
        });
      this.cache.set(id, layer);
      return layer;
    });
    while (this.cache.size > CACHE) this.cache.delete(this.cache.keys().next().value as string);
    return true;
  }

  get layers(): readonly BitmapLayer[] {
    return this.shown;
  }
}
