import { useEffect, useRef, useState } from 'react';
import type { Scene } from '../../shared/briefing/scene';
import type { WallBus } from '../../shared/bus/messages';
import { emergencyFocus } from '../../shared/domain/raisedCase';
import type { WallStore } from '../../shared/gateway/wallStore';
import type { TileSource } from '../../shared/geo/tiles';
import type { RegionPart } from '../../shared/layout/regionPart';
import { exposeTestHook } from '../app/testHooks';
import { useI18n } from '../i18n/I18nContext';
import { loadPackInWorker, type LoadedPack } from './loadPack';
import type { CameraView } from './cityView';
import { MapController } from './mapController';
import { MapOverlay } from './MapOverlay';
import { SelectedCasePhotos } from './SelectedCasePhotos';
import { WarningList } from './WarningList';
import { useStoreSelector } from '../app/useStore';
import { usePickedIncident } from '../incident/usePickedIncident';
import { applySceneToMap } from '../briefing/sceneOnMap';
import { AnnotationTools } from '../briefing/AnnotationTools';
import { useAnnotations } from '../briefing/useAnnotations';
import type { Mark } from '../../shared/briefing/annotations';

/** Close enough to see the cordon and the buildings in it. */
const INCIDENT_ZOOM = 16.5;

export interface MapViewProps {
  readonly store: WallStore;
  readonly bus: WallBus;
  /** Where the city pack is, ending with a slash. */
  readonly packBase: string;
  /** Heatmap window: hour, day (default), week or all. */
  readonly heatWindow: string;
  readonly origin: string;
  /** The profile region this window shows: its parts share one camera over the wall bus. */
  readonly region?: string;
  /** This window's part of a region across panels; absent when the window is the region. */
  readonly part?: RegionPart;
  /** An optional raster base map (intranet tiles, 天地图 WMTS); none by default. */
  readonly tiles?: TileSource;
  /** `incident`: fly to the focused open incident whenever the focus changes (emergency profile). */
  readonly follow?: string;
  /** The briefing scene on screen, applied once each time `sceneKey` changes. */
  readonly scene?: Scene | undefined;
  readonly sceneKey?: string;
  /** The hub's HTTP side (a scene's worst street is asked of its history). */
  readonly hubBase?: string;
  /** The presenter may draw here (the briefing's operator map, a touch screen: `draw=1`). */
  readonly drawable?: boolean;
}

/**
 * The city map view: a box for the MapController, which owns the Deck and everything drawn.
 * The controller is made once per store and tile source; the pack arrives from a worker, and a
 * new heat period is a call, not a new map.
 */
export function MapView({
  store,
  bus,
  packBase,
  heatWindow,
  origin,
  region,
  part,
  tiles,
  follow,
  scene,
  sceneKey = '',
  hubBase = '',
  drawable = false,
}: Readonly<MapViewProps>) {
  const host = useRef<HTMLDivElement>(null);
  const { language } = useI18n();
  const [map, setMap] = useState<MapController | undefined>();
  const [loaded, setLoaded] = useState<LoadedPack | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [camera, setCameraView] = useState<CameraView | undefined>();
  // The region's period, until a scene or the operator's switches say another (set while
  // rendering, as React advises for state that follows a prop).
  const [heat, setHeat] = useState(() => scene?.map?.heat ?? heatWindow);
  const [heatFrom, setHeatFrom] = useState({ heatWindow, sceneKey });
  if (heatFrom.heatWindow !== heatWindow || heatFrom.sceneKey !== sceneKey) {
    setHeatFrom({ heatWindow, sceneKey });
    setHeat(heatFrom.sceneKey !== sceneKey && scene?.map?.heat ? scene.map.heat : heatWindow);
  }

  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    // The Deck (WebGL context, shaders) starts at once, while the worker parses the pack.
    const controller = new MapController(el, {
      store,
      heatWindow,
      ...(tiles ? { tiles } : {}),
      ...(part ? { part } : {}),
      onView: frameThrottled(setCameraView),
      onSelect: (selection) => bus.publish({ kind: 'selection', origin, selection }),
      ...(region
        ? { onCamera: (view) => bus.publish({ kind: 'camera', origin, region, view }) }
        : {}),
    });
    setMap(controller);
    const offBus = bus.subscribe((m) => {
      if (m.kind === 'camera' && m.region === region && m.origin !== origin)
        controller.setCamera(m.view);
      if (m.kind === 'map.style') {
        if (m.layers) controller.setLayers(m.layers);
        if (m.heat) setHeat(m.heat);
      }
      // Saving the wall as a scene: this map says where it looks and what it shows.
      if (m.kind === 'scene.capture' && region)
        bus.publish({
          kind: 'scene.part',
          origin,
          requestId: m.requestId,
          map: {
            region,
            camera: controller.camera,
            layers: controller.layersShown,
            heat: controller.heatPeriod,
          },
        });
      if (m.kind !== 'selection' || m.selection?.type !== 'case') return;
      const c = store.cases.get(m.selection.id);
      if (c) controller.flyTo(c.position.lon, c.position.lat);
    });
    // The condition is written out here so that the product's build drops the hooks entirely.
    const offHooks =
      import.meta.env.MODE === 'e2e'
        ? exposeTestHook('citywallMap', {
            project: (p: [number, number]) => controller.project(p),
            heatCount: () => controller.heat.count,
            buildingsShown: () => controller.buildingsShown,
            decks: () => controller.decks,
            camera: () => controller.camera,
            drawn: () => controller.drawnCounts,
            layers: () => controller.layersShown,
            area: () => controller.areaShown,
            marks: () => controller.marksDrawn,
          })
        : () => undefined;
    return () => {
      offHooks();
      offBus();
      controller.destroy();
      setMap(undefined);
    };
    // The heat window is applied below without making a new map.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, bus, origin, tiles, region, part]);

  useEffect(() => map?.setHeatWindow(heat), [map, heat]);
  useEffect(() => map?.setLanguage(language), [map, language]);

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

  useEffect(() => {
    if (map && loaded) map.setPack(loaded);
  }, [map, loaded]);

  // After the pack placed the camera: the emergency map flies to the incident it follows.
  const picked = usePickedIncident(bus);
  const followed = useStoreSelector(store, (s) =>
    follow === 'incident' ? emergencyFocus(s.cases, picked) : undefined,
  );
  useEffect(() => {
    if (map && loaded && followed)
      map.flyTo(followed.position.lon, followed.position.lat, INCIDENT_ZOOM);
  }, [map, loaded, followed]);

  // The presenter's marks, and the one being drawn here, over the map.
  const annotations = useAnnotations(bus, origin, sceneKey);
  const [draft, setDraft] = useState<Mark | undefined>();
  useEffect(
    () => map?.setAnnotations(draft ? [...annotations.marks, draft] : annotations.marks),
    [map, annotations.marks, draft],
  );

  // A briefing scene: once per scene shown, after the pack placed the camera.
  useEffect(() => {
    if (!map || !loaded || !scene?.map) return undefined;
    const abort = new AbortController();
    applySceneToMap(scene, map, loaded.pack, store, hubBase, abort.signal).catch((e: Error) =>
      console.warn(`[citywall] scene ${scene.id}: ${e.message}`),
    );
    return () => abort.abort();
    // Once per scene shown: the key changes with each, the scene object may be a copy.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, loaded, sceneKey]);

  return (
    <div
      className="map-view"
      data-testid="map"
      data-loaded={loaded ? 'true' : 'false'}
      data-buildings={loaded?.pack.buildings?.count ?? 0}
      data-parse-ms={loaded ? Math.round(loaded.parseMs) : ''}
    >
      <div ref={host} className="map-canvas" />
      {drawable && map ? (
        <AnnotationTools
          unproject={(x, y) => map.unproject(x, y)}
          onDraft={setDraft}
          onAdd={annotations.add}
          onClear={annotations.clear}
        />
      ) : null}
      {loaded ? (
        <MapOverlay camera={camera} part={part} heatWindow={heat}>
          <WarningList store={store} className="warning-list map-warnings" />
          <SelectedCasePhotos store={store} bus={bus} />
          {loaded.problems.length > 0 ? (
            <div className="map-problems" data-testid="map-problems">
              ⚠ {loaded.problems.length} features refused: {loaded.problems[0]}
            </div>
          ) : null}
        </MapOverlay>
      ) : null}
      {error ? <div className="map-error">⚠ {error}</div> : null}
    </div>
  );
}

/** Hands on the latest value at most once a frame (the camera moves every frame of a fly-to). */
function frameThrottled<T>(set: (value: T) => void): (value: T) => void {
  let latest: { value: T } | undefined;
  return (value) => {
    const scheduled = latest !== undefined;
    latest = { value };
    if (scheduled) return;
    requestAnimationFrame(() => {
      const last = latest;
      latest = undefined;
      if (last) set(last.value);
    });
  };
}
