import { Deck, FlyToInterpolator, type PickingInfo } from '@deck.gl/core';
import { useEffect, useRef, useState } from 'react';
import type { WallBus } from '../../shared/bus/messages';
import { CLOCK_RUNNING_STATES, TERMINAL_STATES } from '../../shared/domain/lifecycle';
import type { CaseRecord } from '../../shared/domain/caseStore';
import type { WallStore } from '../../shared/gateway/wallStore';
import { CaseHeat } from './caseHeat';
import {
  boundaryLayer,
  buildingsLayer,
  camerasLayer,
  caseMarkersLayer,
  gridLoadLayer,
  heatLayer,
  labelsLayer,
  pickedBuilding,
  roadsLayer,
  waterLayer,
} from './layers/cityLayers';
import { RasterTiles } from './layers/rasterTiles';
import { loadPackInWorker, type LoadedPack } from './loadPack';
import type { TileSource } from '../../shared/geo/tiles';

const WINDOWS: Readonly<Record<string, number>> = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  all: Number.POSITIVE_INFINITY,
};

export interface MapViewProps {
  readonly store: WallStore;
  readonly bus: WallBus;
  /** Where the city pack is, ending with a slash. */
  readonly packBase: string;
  /** Heatmap window: hour, day (default), week or all. */
  readonly heatWindow: string;
  readonly origin: string;
  /** An optional raster base map (intranet tiles, 天地图 WMTS); none by default. */
  readonly tiles?: TileSource;
}

/**
 * The city map: one long-lived Deck (a remount would be a new WebGL context), layers from pure
 * factories, the pack parsed in a worker, the heatmap fed incrementally by reported cases.
 */
export function MapView({
  store,
  bus,
  packBase,
  heatWindow,
  origin,
  tiles,
}: Readonly<MapViewProps>) {
  const host = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<LoadedPack | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [deck, setDeck] = useState<Deck | undefined>();
  // Picking handlers given at the Deck's creation (deck.gl did not call an onClick set later),
  // pointing at whatever the loaded pack's effect put here.
  const handlers = useRef<{ click(info: PickingInfo): void }>({ click: () => undefined });

  useEffect(() => {
    let cancelled = false;
    loadPackInWorker(packBase).then(
      (result) => !cancelled && setLoaded(result),
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [packBase]);

  // The Deck (WebGL context, shaders) starts at once, while the worker parses the pack. Drivers
  // reset on walls that run for weeks: a restored context gets a new Deck, and the layers follow.
  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    let current: Deck | undefined;
    const create = () => {
      current?.finalize();
      current = new Deck({
        parent: el,
        initialViewState: { longitude: 0, latitude: 0, zoom: 1, pitch: 45, bearing: 0 },
        controller: true,
        layers: [],
        getTooltip: (info: PickingInfo) => tooltip(info),
        onClick: (info: PickingInfo) => handlers.current.click(info),
      });
      const canvas = el.querySelector('canvas');
      canvas?.addEventListener('webglcontextlost', (e) => e.preventDefault());
      canvas?.addEventListener('webglcontextrestored', () => setDeck(create()));
      return current;
    };
    setDeck(create());
    return () => current?.finalize();
  }, []);

  useEffect(() => {
    if (!loaded || !deck) return undefined;
    const { pack } = loaded;
    const heat = new CaseHeat();
    const stopHeat = heat.follow(store);
    const span = WINDOWS[heatWindow] ?? (WINDOWS.day as number);
    const chunks = loaded.mesh;
    // Layer instances are made once per Deck and kept: same data, no re-tessellation on redraw.
    const baseLayers = [
      ...(pack.water ? [waterLayer(pack.water)] : []),
      ...(pack.roads ? [roadsLayer(pack.roads)] : []),
      ...(pack.boundaries.street
        ? [boundaryLayer('street', pack.boundaries.street, [55, 180, 255, 160], 2)]
        : []),
      ...(pack.boundaries.district
        ? [boundaryLayer('district', pack.boundaries.district, [255, 176, 32, 220], 3)]
        : []),
    ];
    const buildingLayers: ReturnType<typeof buildingsLayer>[] = [];
    const raster = tiles ? new RasterTiles(tiles) : undefined;
    let rasterCheckedAt = -Infinity;
    const [lon, lat] = pack.manifest.view.center;
    let frame = 0;
    let lastVersion = -1;
    // Open cases are listed again only when the store changed, not on every pulse frame.
    let open: CaseRecord[] = [];
    let openVersion = -1;
    const openCases = () => {
      if (openVersion !== store.version) {
        openVersion = store.version;
        open = [...store.cases.allCases()].filter((c) => !TERMINAL_STATES.has(c.state));
      }
      return open;
    };
    const gridCells = new Map(
      (pack.boundaries.grid ?? []).map((g) => [g.code, g.polygons[0] ?? []]),
    );
    // Open cases per unit grid cell, recounted at most once a second (not per event).
    let load: { polygon: readonly number[]; open: number }[] = [];
    let loadCountedAt = -Infinity;
    const gridLoad = () => {
      if (gridCells.size === 0 || performance.now() - loadCountedAt < 1_000) return load;
      loadCountedAt = performance.now();
      const counts = new Map<string, number>();
      for (const c of openCases())
        if (c.grid && gridCells.has(c.grid)) counts.set(c.grid, (counts.get(c.grid) ?? 0) + 1);
      load = [...counts].map(([code, open]) => ({
        polygon: gridCells.get(code) as number[],
        open,
      }));
      return load;
    };
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
    const layers = (pulse: number) => [
      ...(raster?.layers ?? []),
      gridLoadLayer(gridLoad()),
      ...baseLayers,
      ...buildingLayers,
      heatLayer(heat, Number.isFinite(span) ? Date.now() - span : 0),
      caseMarkersLayer(openCases(), (id) => store.cases.isOverdue(id), pulse, store.version),
      camerasLayer(pack.cameras, (id) => store.cases.cameraOnline(id)),
      ...(labels.length > 0 ? [labelsLayer(labels)] : []),
    ];
    deck.setProps({
      initialViewState: {
        longitude: lon,
        latitude: lat,
        zoom: pack.manifest.view.zoom,
        pitch: 45,
        bearing: 0,
      },
      layers: layers(0),
    });
    handlers.current.click = (info: PickingInfo) => {
      const building = info.layer ? pickedBuilding(info.layer.id, info.index) : undefined;
      if (info.layer?.id === 'cases')
        bus.publish({
          kind: 'selection',
          origin,
          selection: { type: 'case', id: (info.object as CaseRecord).id },
        });
      else if (building !== undefined)
        bus.publish({
          kind: 'selection',
          origin,
          selection: {
            type: 'building',
            id: pack.buildings?.ids[building] ?? String(building),
          },
        });
      else if (info.layer?.id === 'cameras')
        bus.publish({
          kind: 'selection',
          origin,
          selection: { type: 'camera', id: (info.object as { id: string }).id },
        });
    };
    // One chunk of buildings is prepared per frame, then all show; overdue markers pulse;
    // otherwise the map redraws only when the store changed.
    const tick = () => {
      const pulse = (Math.sin(performance.now() / 300) + 1) / 2;
      const chunk = chunks[buildingLayers.length];
      if (chunk) {
        buildingLayers.push(buildingsLayer(chunk, false));
        // The last one is in: show them all together.
        if (buildingLayers.length === chunks.length)
          buildingLayers.splice(0, Infinity, ...chunks.map((c) => buildingsLayer(c)));
      }
      let tilesMoved = false;
      if (raster && performance.now() - rasterCheckedAt > 250) {
        rasterCheckedAt = performance.now();
        tilesMoved = raster.update(deck);
      }
      if (chunk || tilesMoved || store.version !== lastVersion || store.cases.kpis().overdue > 0) {
        lastVersion = store.version;
        deck.setProps({ layers: layers(pulse) });
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    const offBus = bus.subscribe((m) => {
      if (m.kind === 'selection' && m.selection?.type === 'case') {
        const c = store.cases.get(m.selection.id);
        if (c)
          deck.setProps({
            initialViewState: {
              longitude: c.position.lon,
              latitude: c.position.lat,
              zoom: 16,
              pitch: 45,
              bearing: 0,
              transitionDuration: 1500,
              transitionInterpolator: new FlyToInterpolator(),
            },
          });
      }
    });
    (window as unknown as { citywallMap?: unknown }).citywallMap = {
      project: (p: [number, number]) => deck.getViewports()[0]?.project(p),
      heatCount: () => heat.count,
      buildingsShown: () =>
        buildingLayers.reduce(
          (n, l) => n + (l.props.visible ? (l.props.data as { length: number }).length : 0),
          0,
        ),
    };
    return () => {
      cancelAnimationFrame(frame);
      offBus();
      stopHeat();
    };
  }, [loaded, deck, store, bus, heatWindow, origin, tiles]);

  return (
    <div
      className="map-view"
      data-testid="map"
      data-loaded={loaded ? 'true' : 'false'}
      data-buildings={loaded?.pack.buildings?.count ?? 0}
      data-parse-ms={loaded ? Math.round(loaded.parseMs) : ''}
    >
      <div ref={host} className="map-canvas" />
      {error ? <div className="map-error">⚠ {error}</div> : null}
      {loaded && loaded.problems.length > 0 ? (
        <div className="map-problems" data-testid="map-problems">
          ⚠ {loaded.problems.length} features refused: {loaded.problems[0]}
        </div>
      ) : null}
    </div>
  );
}

function tooltip(info: PickingInfo): string | null {
  if (!info.picked || !info.layer) return null;
  if (info.layer.id === 'cases') {
    const c = info.object as CaseRecord;
    return `${c.id}\n${c.category}\n${c.state}${CLOCK_RUNNING_STATES.has(c.state) ? ' ⏱' : ''}`;
  }
  const building = pickedBuilding(info.layer.id, info.index);
  if (building !== undefined) return `建筑 building #${building}`;
  if (info.layer.id === 'cameras') return `📷 ${(info.object as { name: string }).name}`;
  return null;
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
