import { Deck, FlyToInterpolator, type Layer, type PickingInfo } from '@deck.gl/core';
import type { BusMessage } from '../../shared/bus/messages';
import type { CaseRecord } from '../../shared/domain/caseStore';
import type { WallStore } from '../../shared/gateway/wallStore';
import type { TileSource } from '../../shared/geo/tiles';
import { CaseHeat } from './caseHeat';
import { CityLayers } from './cityLayerSet';
import { CaseLayers } from './caseLayers';
import { buildingsLayer, heatLayer, pickedBuilding } from './layers/cityLayers';
import { RasterTiles } from './layers/rasterTiles';
import type { LoadedPack } from './loadPack';
import { tooltip } from './tooltip';

/** How far back the heatmap looks: hour, day (default), week or all. */
const HEAT_WINDOWS: Readonly<Record<string, number>> = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  all: Number.POSITIVE_INFINITY,
};

export interface MapControllerOptions {
  /** The cases to draw; none on the benchmark page. */
  readonly store?: WallStore;
  /** Where a pick goes (the wall bus). */
  readonly onSelect?: (selection: Extract<BusMessage, { kind: 'selection' }>['selection']) => void;
  readonly tiles?: TileSource;
  readonly heatWindow?: string;
  /** Where the camera looks; without it, where the pack's manifest says (the benchmark fixes it). */
  readonly initialView?: { longitude: number; latitude: number; zoom: number };
  /** After the frame in which every building was first drawn (the benchmark's mark). */
  readonly onAllBuildingsDrawn?: () => void;
  /** Each building chunk as it is prepared (the benchmark's marks). */
  readonly onChunk?: (index: number) => void;
}

/**
 * The city map outside React: owns the Deck (one WebGL context; a new Deck only after the
 * driver lost and restored it), the pack's layers, the heatmap and the case markers, and the
 * frame loop. Layer inputs are memoised: the buildings are streamed once per pack and Deck,
 * a new heat period or a store change rebuilds only the small layers that depend on it, and
 * overdue cases pulse in a layer of their own. Create, `setPack`, `setHeatWindow`, `flyTo`,
 * `destroy`: the React view only holds it.
 */
export class MapController {
  readonly heat = new CaseHeat();
  private deck: Deck;
  private pack: LoadedPack | undefined;
  private city: CityLayers | undefined;
  private readonly cases: CaseLayers | undefined;
  private buildings: ReturnType<typeof buildingsLayer>[] = [];
  private raster: RasterTiles | undefined;
  private rasterCheckedAt = -Infinity;
  private span: number;
  private frame = 0;
  private dirty = true;
  private drawnAll = false;
  private destroyed = false;
  private readonly offs: (() => void)[] = [];
  /** Decks made so far: 1, and one more after each lost and restored WebGL context. */
  decks = 0;

  constructor(
    private readonly parent: HTMLDivElement,
    private readonly options: MapControllerOptions = {},
  ) {
    this.span = HEAT_WINDOWS[options.heatWindow ?? 'day'] ?? (HEAT_WINDOWS.day as number);
    const store = options.store;
    if (store) {
      this.offs.push(this.heat.follow(store));
      this.cases = new CaseLayers(store);
      this.offs.push(store.subscribe(() => (this.dirty = true)));
    }
    this.raster = options.tiles ? new RasterTiles(options.tiles) : undefined;
    this.deck = this.createDeck();
    this.frame = requestAnimationFrame(this.tick);
  }

  /** The city to draw: its buildings join a chunk per frame, hidden, then show together. */
  setPack(loaded: LoadedPack): void {
    this.pack = loaded;
    this.city = new CityLayers(loaded.pack);
    this.buildings = [];
    this.drawnAll = false;
    const [longitude, latitude] = loaded.pack.manifest.view.center;
    this.deck.setProps({
      initialViewState: {
        longitude,
        latitude,
        zoom: loaded.pack.manifest.view.zoom,
        pitch: 45,
        bearing: 0,
      },
    });
    this.dirty = true;
  }

  /** Another heat period: only the heatmap layer changes. */
  setHeatWindow(window: string): void {
    const span = HEAT_WINDOWS[window] ?? (HEAT_WINDOWS.day as number);
    if (span === this.span) return;
    this.span = span;
    this.dirty = true;
  }

  flyTo(longitude: number, latitude: number, zoom = 16): void {
    this.deck.setProps({
      initialViewState: {
        longitude,
        latitude,
        zoom,
        pitch: 45,
        bearing: 0,
        transitionDuration: 1500,
        transitionInterpolator: new FlyToInterpolator(),
      },
    });
  }

  /** Draws now what changed (the benchmark's heat batches). */
  refresh(): void {
    this.deck.setProps({ layers: this.layers() });
    this.deck.redraw('refresh');
  }

  /** Screen position of a point (tests). */
  project(p: [number, number]): number[] | undefined {
    return this.deck.getViewports()[0]?.project(p);
  }

  /** How many buildings are in visible layers (tests). */
  get buildingsShown(): number {
    return this.buildings.reduce(
      (n, l) => n + (l.props.visible ? (l.props.data as { length: number }).length : 0),
      0,
    );
  }

  /** JavaScript time of one redraw (the benchmark). */
  redrawCost(): number {
    const t = performance.now();
    this.deck.redraw('bench');
    return performance.now() - t;
  }

  destroy(): void {
    this.destroyed = true;
    cancelAnimationFrame(this.frame);
    for (const off of this.offs.splice(0)) off();
    this.deck.finalize();
  }

  private createDeck(): Deck {
    this.decks += 1;
    const deck = new Deck({
      parent: this.parent,
      initialViewState: {
        ...(this.options.initialView ?? { longitude: 0, latitude: 0, zoom: 1 }),
        pitch: 45,
        bearing: 0,
      },
      controller: true,
      layers: [],
      getTooltip: (info: PickingInfo) => tooltip(info),
      onClick: (info: PickingInfo) => this.pick(info),
      onAfterRender: () => this.afterRender(),
    });
    // Drivers reset on walls that run for weeks: a restored context gets a new Deck, and the
    // layers are made again for it (the buildings streamed in again).
    const canvas = this.parent.querySelector('canvas');
    canvas?.addEventListener('webglcontextlost', (e) => e.preventDefault());
    canvas?.addEventListener('webglcontextrestored', () => {
      if (this.destroyed) return;
      this.deck.finalize();
      this.deck = this.createDeck();
      if (this.pack) this.setPack(this.pack);
    });
    return deck;
  }

  /** One chunk of buildings is prepared per frame; otherwise the map redraws only on change. */
  private readonly tick = () => {
    if (this.destroyed) return;
    const chunks = this.pack?.mesh ?? [];
    const chunk = chunks[this.buildings.length];
    if (chunk) {
      this.options.onChunk?.(this.buildings.length);
      this.buildings.push(buildingsLayer(chunk, false));
      // The last one is in: show them all together.
      if (this.buildings.length === chunks.length)
        this.buildings = chunks.map((c) => buildingsLayer(c));
      this.dirty = true;
    }
    // Tiles follow the view once the pack has placed it (not the world view before it).
    if (this.raster && this.pack && performance.now() - this.rasterCheckedAt > 250) {
      this.rasterCheckedAt = performance.now();
      if (this.raster.update(this.deck)) this.dirty = true;
    }
    // Nothing is drawn before the pack: the layers' shaders are compiled once, with the city.
    const pulsing = this.cases?.pulsing ?? false;
    if (this.pack && (this.dirty || pulsing)) {
      this.dirty = false;
      this.deck.setProps({ layers: this.layers() });
    }
    this.frame = requestAnimationFrame(this.tick);
  };

  private layers(): Layer[] {
    const city = this.city;
    const since = Number.isFinite(this.span) ? Date.now() - this.span : 0;
    return [
      ...(this.raster?.layers ?? []),
      ...(city && this.cases ? [this.cases.gridLoad(city.gridCells)] : []),
      ...(city?.base ?? []),
      ...this.buildings,
      // Without a store (the benchmark) the heatmap joins with its first case, as on the old page.
      ...(this.options.store || this.heat.count > 0 ? [heatLayer(this.heat, since)] : []),
      ...(this.cases?.layers(performance.now()) ?? []),
      ...(city?.overlays(
        (id) => this.options.store?.cases.cameraOnline(id) ?? true,
        this.options.store?.version ?? 0,
      ) ?? []),
    ] as Layer[];
  }

  private afterRender(): void {
    const chunks = this.pack?.mesh;
    if (this.drawnAll || !chunks || this.buildings.length !== chunks.length) return;
    if (!this.buildings.every((l) => l.props.visible)) return;
    this.drawnAll = true;
    this.options.onAllBuildingsDrawn?.();
  }

  private pick(info: PickingInfo): void {
    const select = this.options.onSelect;
    if (!select || !info.layer) return;
    const building = pickedBuilding(info.layer.id, info.index);
    if (info.layer.id === 'cases' || info.layer.id === 'cases-overdue')
      select({ type: 'case', id: (info.object as CaseRecord).id });
    else if (building !== undefined)
      select({
        type: 'building',
        id: this.pack?.pack.buildings?.ids[building] ?? String(building),
      });
    else if (info.layer.id === 'cameras')
      select({ type: 'camera', id: (info.object as { id: string }).id });
  }
}
