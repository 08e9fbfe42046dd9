import { useEffect, useRef, useState } from 'react';
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
import { WarningList } from './WarningList';
import { useStoreSelector } from '../app/useStore';
import { usePickedIncident } from '../incident/usePickedIncident';

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
}: Readonly<MapViewProps>) {
  const host = useRef<HTMLDivElement>(null);
  const { language } = useI18n();
  const [map, setMap] = useState<MapController | undefined>();
  const [loaded, setLoaded] = useState<LoadedPack | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [camera, setCameraView] = useState<CameraView | undefined>();

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

  useEffect(() => map?.setHeatWindow(heatWindow), [map, heatWindow]);
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

  return (
    <div
      className="map-view"
      data-testid="map"
      data-loaded={loaded ? 'true' : 'false'}
      data-buildings={loaded?.pack.buildings?.count ?? 0}
      data-parse-ms={loaded ? Math.round(loaded.parseMs) : ''}
    >
      <div ref={host} className="map-canvas" />
      {loaded ? (
        <MapOverlay camera={camera} part={part} heatWindow={heatWindow}>
          <WarningList store={store} className="warning-list map-warnings" />
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
