import { Deck } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import { useEffect, useRef } from 'react';
import { CaseHeat } from './caseHeat';
import { buildingChunks, buildingsLayer, heatLayer } from './layers/cityLayers';
import { loadPackInWorker } from './loadPack';

/** What `npm run bench:map` reads back from the page. */
export interface MapBenchResult {
  readonly mode: string;
  readonly buildings: number;
  readonly workerParseMs?: number;
  readonly firstFrameMs: number;
  readonly longestTaskMs: number;
  readonly longestTaskAt?: number;
  readonly marks?: readonly [number, string][];
  readonly longestAfterShadersMs?: number;
  readonly frameJsMs: number;
  readonly heat1000Ms?: number;
  readonly heapMb?: number;
}

/**
 * `?bench=map&base=…&mode=binary|geojson`: loads a pack's buildings our way (worker, binary
 * columns) or the common way (GeoJsonLayer fed a GeoJSON URL) and reports timings. Not part of
 * the wall; the benchmark script drives it.
 */
export function MapBench({ params }: Readonly<{ params: URLSearchParams }>) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const started = performance.now();
    let longest = 0;
    let longestAt = 0;
    const marks: [number, string][] = [];
    const tasks: [number, number][] = [];
    const mark = (what: string) => marks.push([Math.round(performance.now() - started), what]);
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        tasks.push([entry.startTime - started, entry.duration]);
        if (entry.duration > longest) {
          longest = entry.duration;
          longestAt = entry.startTime - started;
        }
      }
    });
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
    const finish = (extra: Partial<MapBenchResult> & { buildings: number }) => {
      const firstFrameMs = performance.now() - started;
      // JavaScript per frame: the main thread's share of a redraw (the GPU's share is elsewhere).
      const frames: number[] = [];
      for (let i = 0; i < 15; i += 1) {
        const t = performance.now();
        deck?.redraw('bench');
        frames.push(performance.now() - t);
      }
      frames.sort((a, b) => a - b);
      observer.disconnect();
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      (window as unknown as { benchResult?: MapBenchResult }).benchResult = {
        mode,
        firstFrameMs,
        longestTaskMs: longest,
        // Where the longest task fell among the load's steps, to say what it was.
        longestTaskAt: Math.round(longestAt),
        marks: marks.slice(0, 8).concat(marks.slice(-3)),
        // After the first building layer (its shaders compile in that task, once per Deck).
        longestAfterShadersMs: Math.max(
          0,
          ...tasks
            .filter(
              ([at]) =>
                at > (marks.find(([, what]) => what === 'chunk 1 prepared')?.[0] ?? Infinity),
            )
            .map(([, d]) => d),
        ),
        frameJsMs: frames[Math.floor(frames.length / 2)] as number,
        ...(memory ? { heapMb: memory.usedJSHeapSize / 1048576 } : {}),
        ...extra,
      };
    };
    if (mode === 'binary') {
      // The Deck (context, shaders) starts at once, while the worker parses; then the buildings
      // join a chunk per frame, as on the map. The first frame counted is the one with them all.
      let chunks: ReturnType<typeof buildingChunks> = [];
      const layers: ReturnType<typeof buildingsLayer>[] = [];
      let parsed: { count: number; parseMs: number } | undefined;
      let done = false;
      const heat = new CaseHeat();
      const onAllDrawn = () => {
        finish({ buildings: parsed?.count ?? 0, workerParseMs: parsed?.parseMs ?? 0 });
        // Then 1,000 new cases into the heatmap: JavaScript time to take them in and redraw.
        const t = performance.now();
        for (let i = 0; i < 1000; i += 1)
          heat.add(
            viewState.longitude + (i % 40) * 1e-4,
            viewState.latitude + Math.floor(i / 40) * 1e-4,
            Date.now(),
          );
        deck?.setProps({ layers: [...layers, heatLayer(heat, 0)] });
        deck?.redraw('heat');
        const result = (window as unknown as { benchResult: MapBenchResult }).benchResult;
        (window as unknown as { benchResult: MapBenchResult }).benchResult = {
          ...result,
          heat1000Ms: performance.now() - t,
        };
      };
      deck = new Deck({
        parent: el,
        initialViewState: viewState,
        layers: [],
        onAfterRender: () => {
          if (!parsed || done) return;
          const chunk = chunks[layers.length];
          if (chunk) {
            mark(`chunk ${layers.length} prepared`);
            layers.push(buildingsLayer(chunk, layers.length, false));
            if (layers.length === chunks.length)
              layers.splice(0, Infinity, ...chunks.map((c, i) => buildingsLayer(c, i)));
            // After this frame, not inside it.
            setTimeout(() => deck?.setProps({ layers: [...layers] }), 0);
          } else {
            done = true;
            setTimeout(onAllDrawn, 0);
          }
        },
      });
      void loadPackInWorker(base).then(({ pack, parseMs }) => {
        const buildings = pack.buildings;
        if (!buildings) return;
        mark('parsed');
        chunks = buildingChunks(buildings);
        parsed = { count: buildings.count, parseMs };
        deck?.redraw('pack');
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
            setTimeout(() => finish({ buildings: count }), 0);
          }
        },
      });
    }
    return () => deck?.finalize();
  }, [params]);
  return <div ref={host} style={{ position: 'absolute', inset: 0 }} data-testid="map-bench" />;
}
