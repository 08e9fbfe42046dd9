import { Deck } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import { useEffect, useRef } from 'react';
import { loadPackInWorker } from '../map/loadPack';
import { MapController } from '../map/mapController';

/** What `npm run bench:map` reads back from the page. */
export interface MapBenchResult {
  readonly mode: string;
  readonly buildings: number;
  readonly workerParseMs?: number;
  /** Worker time to triangulate roofs and lay out buffers (ours only). */
  readonly workerMeshMs?: number;
  readonly layers?: number;
  /** The first frame with every building handed to the GPU: all the page's own work. */
  readonly firstFrameMs: number;
  /** The next frame's start: the GPU has drawn that frame (software rasterising, here). */
  readonly firstFrameShownMs: number;
  readonly longestTaskMs: number;
  readonly longestTaskAt?: number;
  readonly marks?: readonly [number, string][];
  /** The longest task before the load began: the page's own start. */
  readonly pageStartTaskMs?: number;
  readonly frameJsMs: number;
  readonly heat1000Ms?: number;
  readonly heapMb?: number;
}

/**
 * `bench.html?base=…&mode=binary|geojson`: loads a pack's buildings through the wall's own
 * MapController (worker, binary columns) or the common way (GeoJsonLayer fed a GeoJSON URL) and
 * reports timings. Not part of the wall; the benchmark script drives it.
 */
export function MapBench({ params }: Readonly<{ params: URLSearchParams }>) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const started = performance.now();
    const marks: [number, string][] = [];
    const tasks: [number, number][] = [];
    const mark = (what: string) => marks.push([Math.round(performance.now() - started), what]);
    const takeTasks = (entries: PerformanceEntryList) => {
      for (const entry of entries) tasks.push([entry.startTime - started, entry.duration]);
    };
    const observer = new PerformanceObserver((list) => takeTasks(list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    const base = params.get('base') ?? '/citypack/';
    const mode = params.get('mode') ?? 'binary';
    const viewState = {
      longitude: Number(params.get('lon') ?? 112.485),
      latitude: Number(params.get('lat') ?? 23.07),
      zoom: 12.5,
      pitch: 45,
      bearing: 0,
    };
    let deck: Deck | undefined;
    const progress = (what: Record<string, number>) => {
      const w = window as unknown as { benchProgress?: Record<string, number> };
      w.benchProgress = { ...w.benchProgress, ...what };
    };
    /**
     * Called right after the frame with every building was issued: that time, then the start of
     * the next animation frame, which Chromium holds back until the GPU has drawn this one.
     */
    const whenShown = (then: (t: { firstFrameMs: number; firstFrameShownMs: number }) => void) => {
      const firstFrameMs = performance.now() - started;
      // Kept for the script in case the GPU never gets that frame drawn within its limit.
      progress({ firstFrameMs });
      requestAnimationFrame(() => {
        const firstFrameShownMs = performance.now() - started;
        const bench = window as unknown as { benchShown?: boolean; benchProfiled?: boolean };
        bench.benchShown = true;
        // With `&profile=1` the script stops its CPU profile here, so the load is all it holds.
        const go = () => {
          if (params.get('profile') === '1' && !bench.benchProfiled) setTimeout(go, 50);
          else then({ firstFrameMs, firstFrameShownMs });
        };
        setTimeout(go, 0);
      });
    };
    const finish = (
      extra: Partial<MapBenchResult> & {
        buildings: number;
        firstFrameMs: number;
        firstFrameShownMs: number;
      },
    ) => {
      // JavaScript per frame: the main thread's share of a redraw (the GPU's share is elsewhere).
      const frames: number[] = [];
      for (let i = 0; i < 15; i += 1) {
        if (map) frames.push(map.redrawCost());
        else {
          const t = performance.now();
          deck?.redraw('bench');
          frames.push(performance.now() - t);
        }
      }
      frames.sort((a, b) => a - b);
      takeTasks(observer.takeRecords());
      observer.disconnect();
      // The load: from this page asking for the city to the frame that shows it. Tasks before it
      // are the page starting (scripts, React), reported apart.
      const during = tasks.filter(([at]) => at >= 0 && at < extra.firstFrameShownMs);
      const longest = during.reduce((a, t) => (t[1] > a[1] ? t : a), [0, 0]);
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      (window as unknown as { benchResult?: MapBenchResult }).benchResult = {
        mode,
        longestTaskMs: longest[1],
        // Where the longest task fell among the load's steps, to say what it was.
        longestTaskAt: Math.round(longest[0]),
        marks: marks.slice(0, 8).concat(marks.slice(-3)),
        pageStartTaskMs: Math.max(0, ...tasks.filter(([at]) => at < 0).map(([, d]) => d)),
        frameJsMs: frames[Math.floor(frames.length / 2)] as number,
        ...(memory ? { heapMb: memory.usedJSHeapSize / 1048576 } : {}),
        ...extra,
      };
    };
    let map: MapController | undefined;
    if (mode === 'binary') {
      // The product's own map controller: the Deck starts at once while the worker parses, the
      // buildings join a chunk per frame, and the first frame counted is the one with them all.
      let parsed: { count: number; parseMs: number; meshMs: number; layers: number } | undefined;
      const addCases = (n: number) => {
        for (let i = 0; i < n; i += 1)
          map?.heat.add(
            viewState.longitude + (i % 40) * 1e-4,
            viewState.latitude + Math.floor(i / 40) * 1e-4,
            Date.now(),
          );
        map?.refresh();
      };
      const onAllDrawn = (times: { firstFrameMs: number; firstFrameShownMs: number }) => {
        finish({
          buildings: parsed?.count ?? 0,
          workerParseMs: parsed?.parseMs ?? 0,
          workerMeshMs: parsed?.meshMs ?? 0,
          layers: parsed?.layers ?? 0,
          ...times,
        });
        // The heatmap as on a running wall (its shaders and textures made), then batches of 1,000
        // new cases: JavaScript time to take them in and redraw, the median of five.
        addCases(1000);
        const batches: number[] = [];
        for (let b = 0; b < 5; b += 1) {
          const t = performance.now();
          addCases(1000);
          batches.push(performance.now() - t);
        }
        batches.sort((a, b) => a - b);
        const result = (window as unknown as { benchResult: MapBenchResult }).benchResult;
        (window as unknown as { benchResult: MapBenchResult }).benchResult = {
          ...result,
          heat1000Ms: batches[2] as number,
        };
      };
      map = new MapController(el, {
        initialView: viewState,
        heatWindow: 'all',
        onChunk: (i) => mark(`chunk ${i} prepared`),
        onAllBuildingsDrawn: () => whenShown(onAllDrawn),
      });
      const controller = map;
      void loadPackInWorker(base).then((loaded) => {
        const buildings = loaded.pack.buildings;
        if (!buildings) return;
        mark('parsed');
        parsed = {
          count: buildings.count,
          parseMs: loaded.parseMs,
          meshMs: loaded.meshMs,
          layers: loaded.mesh.length,
        };
        progress({
          buildings: buildings.count,
          workerParseMs: loaded.parseMs,
          workerMeshMs: loaded.meshMs,
        });
        controller.setPack(loaded);
      });
    } else {
      let loaded = false;
      let count = 0;
      deck = new Deck({
        parent: el,
        initialViewState: viewState,
        layers: [
          new GeoJsonLayer({
            id: 'buildings-geojson',
            data: `${base}buildings.geojson`,
            extruded: true,
            getElevation: (f: { properties: { height: number } }) => f.properties.height,
            getFillColor: [176, 186, 198, 255],
            onDataLoad: (data: unknown) => {
              count = (data as { features: unknown[] }).features.length;
              loaded = true;
            },
          }),
        ],
        onAfterRender: () => {
          if (loaded) {
            loaded = false;
            whenShown((times) => finish({ buildings: count, ...times }));
          }
        },
      });
    }
    return () => {
      map?.destroy();
      deck?.finalize();
    };
  }, [params]);
  return <div ref={host} style={{ position: 'absolute', inset: 0 }} data-testid="map-bench" />;
}
