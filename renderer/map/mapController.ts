import {
  Deck,
  FlyToInterpolator,
  MapView,
  type Layer,
  type MapViewState,
  type PickingInfo,
} from '@deck.gl/core';
import { HEAT_PERIODS, MAP_LAYERS, type MapLayer } from '../../shared/briefing/scene';
import type { BusMessage } from '../../shared/bus/messages';
import type { CaseRecord } from '../../shared/domain/caseStore';
import type { WallStore } from '../../shared/gateway/wallStore';
import type { TileSource } from '../../shared/geo/tiles';
import type { Language } from '../../shared/ipc/contract';
import type { RegionPart } from '../../shared/layout/regionPart';
import { CaseHeat } from './caseHeat';
import { CityLayers } from './cityLayerSet';
import { cityBounds, fitCity, type CameraView } from './cityView';
import { CaseLayers } from './caseLayers';
import { cordonBuildings } from '../../shared/geo/cordonBuildings';
import type { Boundary } from '../../shared/geo/features';
import type { Mark } from '../../shared/briefing/annotations';
import { annotationLayers } from './layers/annotationLayers';
import {
  boundaryLayer,
  buildingsLayer,
  cordonBuildingsLayer,
  heatLayer,
  incidentsLayer,
  pickedBuilding,
  warningsLayer,
} from './layers/cityLayers';
import { RasterTiles } from './layers/rasterTiles';
import type { LoadedPack } from './loadPack';
import { placeTooltip, tooltip } from './tooltip';

/** How far a press may move and still be a click, not a drag (CSS pixels). */
const CLICK_SLOP_PX = 5;
/** A few pixels of slack: a case marker is small, and the hall's mice are not precise. */
const PICK_RADIUS_PX = 6;

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
  /**
   * This window's part of a map region across panels: the Deck draws its share of one viewport
   * the size of the whole region, so the parts line up across the seams.
   */
  readonly part?: RegionPart;
  /** The language of hover texts (Chinese unless said). */
  readonly language?: Language;
  /** Wherever the camera goes (by hand, a fly-to, another part): the overlay's scale and north. */
  readonly onView?: (view: CameraView) => void;
  /** Where a person moved the camera here (at most once a frame): the region's other parts follow. */
  readonly onCamera?: (view: CameraView) => void;
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
  private deck: Deck<MapView>;
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
  /** The camera, held here (a controlled Deck) so that the region's parts can share it. */
  private viewState: MapViewState;
  private cameraSentAt = -Infinity;
  private cameraTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly offs: (() => void)[] = [];
  /** The hover texts' language; `setLanguage` changes it without a new map. */
  private language: Language;
  /** The public warnings drawn, and which (a warning expires with no event to say so). */
  private warnings: ReturnType<typeof warningsLayer> | undefined;
  private warningsKey = '';
  private warningsCheckedAt = -Infinity;
  /** The buildings inside open incidents' cordons, made again only when a cordon changes. */
  private cordon: ReturnType<typeof cordonBuildingsLayer> | undefined;
  private cordonKey = '';
  /** The layers shown (a scene's or the operator's choice); all by default. */
  private shown: ReadonlySet<MapLayer> = new Set(MAP_LAYERS);
  private period: (typeof HEAT_PERIODS)[number] = 'day';
  /** The area a briefing scene frames, outlined over everything but the labels. */
  private area: ReturnType<typeof boundaryLayer> | undefined;
  /** The presenter's marks, drawn over everything. */
  private marks: ReturnType<typeof annotationLayers> = [];
  private marksVersion = 0;
  private markCount = 0;
  /** The outlined area's name (tests). */
  areaShown: string | undefined;
  /** Decks made so far: 1, and one more after each lost and restored WebGL context. */
  decks = 0;

  constructor(
    private readonly parent: HTMLDivElement,
    private readonly options: MapControllerOptions = {},
  ) {
    this.span = HEAT_WINDOWS[options.heatWindow ?? 'day'] ?? (HEAT_WINDOWS.day as number);
    this.period = HEAT_PERIODS.find((p) => p === options.heatWindow) ?? 'day';
    this.language = options.language ?? 'zh-CN';
    const store = options.store;
    if (store) {
      this.offs.push(this.heat.follow(store));
      this.cases = new CaseLayers(store);
      this.offs.push(store.subscribe(() => (this.dirty = true)));
    }
    this.raster = options.tiles ? new RasterTiles(options.tiles) : undefined;
    this.viewState = {
      ...(options.initialView ?? { longitude: 0, latitude: 0, zoom: 1 }),
      pitch: 45,
      bearing: 0,
    };
    this.deck = this.createDeck();
    this.listenForClicks();
    this.frame = requestAnimationFrame(this.tick);
  }

  /** The city to draw: its buildings join a chunk per frame, hidden, then show together. */
  setPack(loaded: LoadedPack): void {
    this.pack = loaded;
    this.city = new CityLayers(loaded.pack);
    this.buildings = [];
    this.cordon = undefined;
    this.drawnAll = false;
    // The benchmark fixes its camera; the wall shows the whole city on the whole region.
    if (!this.options.initialView) {
      const size = this.surfaceSize();
      this.setCamera(
        fitCity(cityBounds(loaded.pack), loaded.pack.manifest.view, size.width, size.height),
      );
    }
    this.dirty = true;
  }

  setLanguage(language: Language): void {
    this.language = language;
  }

  /** Which layers to show; the others are left out of the frame, not made again. */
  setLayers(layers: readonly MapLayer[]): void {
    this.shown = new Set(layers);
    this.dirty = true;
  }

  get layersShown(): MapLayer[] {
    return MAP_LAYERS.filter((l) => this.shown.has(l));
  }

  /**
   * Frames `bounds` (the whole city when none) on the whole region: every part works out the
   * same camera, so nothing need be sent.
   */
  frameBounds(bounds?: readonly [number, number, number, number]): void {
    const pack = this.pack?.pack;
    if (!pack) return;
    const size = this.surfaceSize();
    this.setCamera(
      fitCity(bounds ?? cityBounds(pack), pack.manifest.view, size.width, size.height),
    );
  }

  /** Outlines an area (a scene's street), or none. */
  setArea(area: Boundary | undefined): void {
    this.areaShown = area?.name;
    this.area = area ? boundaryLayer('scene-area', [area], [255, 64, 160, 255], 8) : undefined;
    this.dirty = true;
  }

  /** The briefing's marks (and the one being drawn); only their layers are made again. */
  setAnnotations(marks: readonly Mark[]): void {
    this.marksVersion += 1;
    this.markCount = marks.length;
    this.marks = marks.length > 0 ? annotationLayers(marks, this.marksVersion) : [];
    this.dirty = true;
  }

  /** How many marks are drawn (tests). */
  get marksDrawn(): number {
    return this.markCount;
  }

  /** The longitude and latitude under a point of this window (pixels from its top left). */
  unproject(x: number, y: number): [number, number] | undefined {
    const viewport = this.deck.getViewports()[0];
    if (!viewport) return undefined;
    const [lon, lat] = viewport.unproject([x - viewport.x, y - viewport.y]);
    return lon === undefined || lat === undefined ? undefined : [lon, lat];
  }

  /** Another heat period: only the heatmap layer changes. */
  setHeatWindow(window: string): void {
    const known = HEAT_PERIODS.find((p) => p === window) ?? 'day';
    this.period = known;
    const span = HEAT_WINDOWS[known] as number;
    if (span === this.span) return;
    this.span = span;
    this.dirty = true;
  }

  /** The heatmap's period (what a saved scene keeps). */
  get heatPeriod(): (typeof HEAT_PERIODS)[number] {
    return this.period;
  }

  /**
   * Every part of a region gets the same selection and flies the same way, so the parts stay
   * one picture without sending the camera frame by frame.
   */
  flyTo(longitude: number, latitude: number, zoom = 16): void {
    this.viewState = {
      longitude,
      latitude,
      zoom,
      pitch: 45,
      bearing: 0,
      transitionDuration: 1500,
      transitionInterpolator: new FlyToInterpolator(),
    };
    this.deck.setProps({ viewState: this.viewState });
  }

  /** Where another part of this region was moved to: taken as it is, never sent back. */
  setCamera(view: CameraView): void {
    this.viewState = { ...view };
    this.deck.setProps({ viewState: this.viewState });
    this.options.onView?.(this.camera);
  }

  /** The camera now (tests, and a part that joins late). */
  get camera(): CameraView {
    const { longitude, latitude, zoom, pitch = 0, bearing = 0 } = this.viewState;
    return { longitude, latitude, zoom, pitch, bearing };
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

  /** Warning shapes and cordon buildings in the layers now (tests). */
  get drawnCounts(): { warningShapes: number; cordonBuildings: number } {
    const count = (layer: { props: { data: unknown } } | undefined) =>
      layer ? (layer.props.data as unknown[]).length : 0;
    return { warningShapes: count(this.warnings), cordonBuildings: count(this.cordon) };
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
    clearTimeout(this.cameraTimer);
    for (const off of this.offs.splice(0)) off();
    this.deck.finalize();
  }

  private createDeck(): Deck<MapView> {
    this.decks += 1;
    const part = this.options.part;
    const deck = new Deck({
      parent: this.parent,
      // A part of a region: one view the size of the region, shifted so this window shows its
      // share (WebGL viewports may start off the canvas and be larger than it).
      views: new MapView({
        id: 'map',
        controller: true,
        ...(part ? { x: -part.x, y: -part.y, width: part.width, height: part.height } : {}),
      }),
      viewState: this.viewState,
      onViewStateChange: ({ viewState, interactionState }) => {
        this.viewState = viewState as MapViewState;
        deck.setProps({ viewState: this.viewState });
        this.options.onView?.(this.camera);
        const byHand =
          interactionState.isDragging ||
          interactionState.isPanning ||
          interactionState.isZooming ||
          interactionState.isRotating;
        if (byHand) this.sendCamera();
        return viewState;
      },
      layers: [],
      getTooltip: (info: PickingInfo) => {
        const text = tooltip(info, this.language);
        const { clientWidth, clientHeight } = this.parent;
        return text ? placeTooltip(text, info.x, info.y, clientWidth, clientHeight) : null;
      },
      pickingRadius: PICK_RADIUS_PX,
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
      if (this.raster.update(this.deck.getViewports()[0])) this.dirty = true;
    }
    // Warnings come into force and expire on the clock, not only on events.
    if (this.options.store && performance.now() - this.warningsCheckedAt > 1_000) {
      this.warningsCheckedAt = performance.now();
      if (this.warningsChanged(this.options.store)) this.dirty = true;
    }
    // Nothing is drawn before the pack: the layers' shaders are compiled once, with the city.
    const pulsing = this.cases?.pulsing ?? false;
    if (this.pack && (this.dirty || pulsing)) {
      this.dirty = false;
      this.deck.setProps({ layers: this.layers() });
    }
    this.frame = requestAnimationFrame(this.tick);
  };

  /**
   * Tells the region's other parts where this one looks: at once, then at most every 16 ms while
   * the hand keeps moving, the last position always sent (not on this window's frames, which a
   * hidden window does not get).
   */
  private sendCamera(): void {
    const send = this.options.onCamera;
    if (!send || this.cameraTimer !== undefined) return;
    const wait = this.cameraSentAt + 16 - performance.now();
    const fire = () => {
      this.cameraTimer = undefined;
      this.cameraSentAt = performance.now();
      if (!this.destroyed) send(this.camera);
    };
    if (wait <= 0) fire();
    else this.cameraTimer = setTimeout(fire, wait);
  }

  /** The surface the camera is fitted to: the whole region, or this window. */
  private surfaceSize(): { width: number; height: number } {
    const part = this.options.part;
    if (part) return { width: part.width, height: part.height };
    return { width: this.parent.clientWidth, height: this.parent.clientHeight };
  }

  private layers(): Layer[] {
    const city = this.city;
    const since = Number.isFinite(this.span) ? Date.now() - this.span : 0;
    const shown = this.shown;
    const heatOn = this.options.store || this.heat.count > 0;
    return [
      ...(this.raster?.layers ?? []),
      ...(city && this.cases && shown.has('grids') ? [this.cases.gridLoad(city.gridCells)] : []),
      ...(city?.base ?? []),
      ...(shown.has('buildings') ? [...this.buildings, ...(this.cordonLayer() ?? [])] : []),
      // Without a store (the benchmark) the heatmap joins with its first case, as on the old page.
      ...(heatOn && shown.has('heat') ? [heatLayer(this.heat, since)] : []),
      ...(this.warnings && shown.has('warnings') ? [this.warnings] : []),
      ...(this.area ? [this.area] : []),
      ...(shown.has('cases') ? (this.cases?.layers(performance.now()) ?? []) : []),
      ...(city?.overlays(
        (id) => this.options.store?.cases.cameraOnline(id) ?? true,
        this.options.store?.version ?? 0,
        shown.has('cameras'),
      ) ?? []),
      ...(this.options.store
        ? [incidentsLayer(this.options.store.cases.incidents.open(), this.options.store.version)]
        : []),
      ...this.marks,
    ] as Layer[];
  }

  /** The cordon highlight for the open incidents (none before the pack's buildings are in). */
  private cordonLayer() {
    const columns = this.pack?.pack.buildings;
    const store = this.options.store;
    if (!columns || !store || !this.drawnAll) return undefined;
    const open = store.cases.incidents.open();
    const key = open
      .map((i) => `${i.id}:${i.level}:${i.radiusMetres}:${i.position.lon}:${i.position.lat}`)
      .join('|');
    if (key !== this.cordonKey || !this.cordon) {
      this.cordonKey = key;
      this.cordon = cordonBuildingsLayer(cordonBuildings(columns, open));
    }
    return [this.cordon];
  }

  /** Makes the warnings layer again when the warnings in force are others; true when it did. */
  private warningsChanged(store: WallStore): boolean {
    const inForce = store.cases.warnings.inForce(Date.now());
    const key = inForce.map((w) => `${w.id}:${w.severity}`).join('|');
    if (key === this.warningsKey && this.warnings) return false;
    this.warningsKey = key;
    this.warnings = warningsLayer(inForce, store.version);
    return true;
  }

  private afterRender(): void {
    const chunks = this.pack?.mesh;
    if (this.drawnAll || !chunks || this.buildings.length !== chunks.length) return;
    if (!this.buildings.every((l) => l.props.visible)) return;
    this.drawnAll = true;
    this.options.onAllBuildingsDrawn?.();
  }

  /**
   * A click is a press and release within a few pixels, however long the page took between them.
   * deck.gl's own click is a tap gesture with a time limit, which a busy wall (software WebGL,
   * a hall's load) now and then missed: the officer's click did nothing.
   */
  private listenForClicks(): void {
    let down: { id: number; x: number; y: number } | undefined;
    const onDown = (e: PointerEvent) => {
      down = e.button === 0 ? { id: e.pointerId, x: e.clientX, y: e.clientY } : undefined;
    };
    const onUp = (e: PointerEvent) => {
      const start = down;
      down = undefined;
      if (!start || start.id !== e.pointerId) return;
      if (Math.hypot(e.clientX - start.x, e.clientY - start.y) > CLICK_SLOP_PX) return;
      const rect = this.parent.getBoundingClientRect();
      const info = this.deck.pickObject({
        x: e.clientX - rect.left,
        y: e.clientY - rect.top,
        radius: PICK_RADIUS_PX,
      });
      if (info) this.pick(info);
    };
    this.parent.addEventListener('pointerdown', onDown, true);
    this.parent.addEventListener('pointerup', onUp, true);
    this.offs.push(() => {
      this.parent.removeEventListener('pointerdown', onDown, true);
      this.parent.removeEventListener('pointerup', onUp, true);
    });
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
