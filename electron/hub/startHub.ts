import { join } from 'node:path';
import { Hub, type HubOptions, type HubRoute } from './hub';
import { catalogueRoute } from './media/catalogueRoute';
import { demoVideoRoute, loadDemoClips } from './media/demoVideo';
import { demoCatalogue } from './sources/demoCameras';
import { DEMO_CITY } from './sources/demoCity';
import { demoCityPackFiles } from './sources/demoCityPack';
import { importFile } from './import/importFile';
import type { LoadedMapping } from './import/mapping';
import { Open311Poller, type Open311Options } from './sources/open311Client';
import type { LoadedCameraMapping } from './import/cameraMapping';
import { CameraCatalogueSource } from './sources/cameraCatalogueSource';
import type { CityInfo } from '../../shared/protocol/wire';
import { startReplay } from './sources/replay';
import { DemoSimulator, type SimulatorOptions } from './sources/simulator';
import { readBuildingsBinary } from '../../shared/geo/buildingsBinary';
import { readResources } from '../../shared/geo/resources';
import { incidentSites } from './sources/demoResources';
import { IncidentSimulator } from './sources/incidentSimulator';
import { CapFolder } from './cap/capFolder';
import { DemoWarnings } from './sources/demoWarnings';

export type HubSource =
  | ({
      readonly kind: 'demo';
      /** Days of history made fast into an empty log before the live city starts (`--seed-history`). */
      readonly seedDays?: number;
      /**
       * The demo's emergencies (a fire in a tall building, a gas leak, waterlogging): on unless
       * `false`; the first comes `firstAfterMinutes` after start (default 1, at speed 1).
       */
      readonly incidents?: false | { readonly firstAfterMinutes?: number };
    } & SimulatorOptions)
  | {
      /** A platform's export read through a mapping file (`--source import`; NYC 311 is one). */
      readonly kind: 'import';
      readonly mapping: LoadedMapping;
      readonly file: string;
      /** The replay's speed-up; Infinity loads it all at once (history). */
      readonly speedup: number;
    }
  | ({
      /** A GeoReport v2 (Open311) server polled for updated requests (`--source open311`). */
      readonly kind: 'open311';
    } & Omit<Open311Options, 'cursorFile'>);

export interface RunningHub {
  readonly hub: Hub;
  stop(): Promise<void>;
}

/**
 * Starts a hub with one source. The demo city is what `npm start` and `npm run preview` show
 * when no platform is configured; the 311 replay streams a real data set through the same path.
 */
export async function startHub(
  options: Omit<HubOptions, 'city'> & {
    readonly source: HubSource;
    /** The demo's looping clips (`assets/demo-video`); without them demo cameras are offline. */
    readonly demoVideoDir?: string;
    readonly onWarning?: (message: string) => void;
    /** Progress of a history being seeded: the simulated day it has reached, and events so far. */
    readonly onSeedProgress?: (at: number, events: number) => void;
    /** A folder CAP 1.2 alerts are dropped into (`--cap`), with any source; `GET /api/cap` reports it. */
    readonly capDir?: string;
    /**
     * A platform's camera list (a file, or a URL read again every `everyMs`) through a camera
     * mapping, with any source: it is the walls' catalogue (the demo's cameras give way to it).
     */
    readonly cameras?: {
      readonly mapping: LoadedCameraMapping;
      readonly from: string;
      readonly everyMs?: number;
    };
  },
): Promise<RunningHub> {
  const { source, demoVideoDir, onWarning, onSeedProgress, capDir, cameras, ...rest } = options;
  const cap = capFolder(capDir, onWarning);
  const external = cameras
    ? new CameraCatalogueSource(cameras.mapping, cameras.from, cameras.everyMs, onWarning)
    : undefined;
  await external?.start();
  // The platform's cameras come first: their catalogue route answers before the demo's.
  const hubOptions = {
    ...rest,
    routes: [...(external ? cameraSourceRoutes(external) : []), ...(rest.routes ?? [])],
    ...(external ? { mediaOrigins: () => external.origins } : {}),
  };
  const withCap = (hub: Hub) => {
    cap.attach(hub);
    return async () => {
      cap.folder?.stop();
      external?.stop();
      await hub.close();
    };
  };
  if (source.kind === 'demo') {
    // Generated once (about a second) and kept: the camera catalogue is read from it at start.
    let files: Map<string, string | Uint8Array> | undefined;
    const packFiles = () => (files ??= demoCityPackFiles());
    const cityPack = async (name: string) => packFiles().get(name);
    const cameras = packFiles().get('cameras.geojson');
    const catalogue = demoCatalogue(typeof cameras === 'string' ? cameras : '{}');
    const cameraIds = new Set(catalogue.map((c) => c.id));
    const routes: HubRoute[] = [catalogueRoute(async () => catalogue)];
    const clips = demoVideoDir
      ? await loadDemoClips(demoVideoDir).catch((error: unknown) => {
          onWarning?.(`demo video not loaded from ${demoVideoDir}: ${String(error)}`);
          return undefined;
        })
      : undefined;
    const live: { hub?: Hub } = {};
    if (clips)
      routes.push(
        demoVideoRoute({
          clips,
          isCamera: (id) => cameraIds.has(id),
          isOnline: (id) => live.hub?.store.cameraOnline(id) ?? true,
        }),
      );
    const hub = await Hub.start({
      cityPack,
      ...hubOptions,
      routes: [...(hubOptions.routes ?? []), ...routes, cap.route],
      city: DEMO_CITY,
    });
    const closeHub = withCap(hub);
    live.hub = hub;
    if (source.seedDays && hub.log.headSeq === 0) {
      // Through the hub's own publish path, a simulated day at a time, each on disk before the next.
      const seeder = new DemoSimulator(hub, { ...source, cameras: catalogue });
      const now = Date.now();
      await seeder.seedRange(
        now - source.seedDays * 86_400_000,
        now,
        async (t) => {
          await hub.drain();
          onSeedProgress?.(t, hub.log.headSeq);
          return true;
        },
        86_400_000,
      );
      await hub.flushHistory();
    }
    // Made after any seeding: it numbers its cases on from those already there, and resumes them.
    const simulator = new DemoSimulator(hub, { ...source, cameras: catalogue });
    simulator.start();
    const emergencies =
      source.incidents === false
        ? undefined
        : demoIncidents(hub, packFiles(), catalogue, source, source.incidents?.firstAfterMinutes);
    emergencies?.start();
    // The demo's weather warnings come as CAP 1.2 documents through the same reader as real ones.
    const warnings =
      source.incidents === false ? undefined : new DemoWarnings(hub, { ...source, onWarning });
    warnings?.start();
    return {
      hub,
      stop: async () => {
        simulator.stop();
        emergencies?.stop();
        warnings?.stop();
        await closeHub();
      },
    };
  }
  if (source.kind === 'open311') return startOpen311(source, hubOptions, cap, withCap);
  const city = cityOf(source.mapping);
  const imported = await importFile(source.mapping, source.file);
  if (imported.report.refused > 0)
    onWarning?.(
      `${imported.report.refused} of ${imported.report.records} records refused (npm run import:check lists them)`,
    );
  const hub = await Hub.start({
    ...hubOptions,
    routes: [cap.route, ...(hubOptions.routes ?? [])],
    dataDir: join(hubOptions.dataDir),
    city,
  });
  const closeHub = withCap(hub);
  // A restarted replay hub already holds the data: only what it has not logged yet is streamed.
  const replay = startReplay(
    hub.log.headSeq === 0 ? imported.events : [],
    (batch) => hub.publish(batch),
    { speedup: source.speedup },
  );
  return {
    hub,
    stop: async () => {
      replay.stop();
      await closeHub();
    },
  };
}

/** A hub fed by an Open311 poller, whose progress `GET /api/open311` reports. */
async function startOpen311(
  source: Extract<HubSource, { kind: 'open311' }>,
  hubOptions: Omit<HubOptions, 'city'>,
  cap: ReturnType<typeof capFolder>,
  withCap: (hub: Hub) => () => Promise<void>,
): Promise<RunningHub> {
  const city = cityOf(source.mapping);
  const holder: { poller?: Open311Poller } = {};
  const report = reportRoute('/api/open311', () => holder.poller?.stats);
  const hub = await Hub.start({
    ...hubOptions,
    routes: [cap.route, report, ...(hubOptions.routes ?? [])],
    city,
  });
  const closeHub = withCap(hub);
  const { kind: _kind, ...options } = source;
  const poller = new Open311Poller(hub, {
    ...options,
    cursorFile: join(hubOptions.dataDir, 'open311-cursor.json'),
  });
  holder.poller = poller;
  await poller.start();
  return {
    hub,
    stop: async () => {
      await poller.stop();
      await closeHub();
    },
  };
}

/** `/api/cameras` from a platform's camera list, and `/api/camera-source`: how its reading went. */
function cameraSourceRoutes(source: CameraCatalogueSource): HubRoute[] {
  return [
    catalogueRoute(() => source.cameras),
    reportRoute('/api/camera-source', () => source.report),
  ];
}

/** A source's report as JSON at `path`; 404 (left to the next route) while there is none. */
function reportRoute(path: string, report: () => unknown): HubRoute {
  return (asked, _req, res, headers) => {
    const body = asked === path ? report() : undefined;
    if (body === undefined) return false;
    res
      .writeHead(200, {
        ...headers,
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      })
      .end(JSON.stringify(body));
    return true;
  };
}

/** The city a mapping names: a hub that reads it alone needs one. */
function cityOf(mapping: LoadedMapping): CityInfo {
  const { city } = mapping.mapping;
  if (!city)
    throw new Error(
      `${mapping.file}: a hub that reads this mapping needs its "city" (id, name, nameEn, bounds)`,
    );
  return city;
}

/**
 * The CAP folder source (started once the hub is) and its report route, `GET /api/cap`: what was
 * read, accepted and refused, and why (404 when no folder is configured).
 */
function capFolder(dir: string | undefined, onWarning?: (message: string) => void) {
  const holder: { folder?: CapFolder } = {};
  const route = reportRoute('/api/cap', () => holder.folder?.report);
  return {
    route,
    get folder() {
      return holder.folder;
    },
    attach(hub: Hub) {
      if (!dir) return;
      holder.folder = new CapFolder(hub, dir, { ...(onWarning ? { onWarning } : {}) });
      holder.folder.start();
    },
  };
}

/** The demo's incident simulator, over the pack's tall buildings and its resources. */
function demoIncidents(
  hub: Hub,
  files: Map<string, string | Uint8Array>,
  cameras: readonly { id: string; position: readonly [number, number] }[],
  options: SimulatorOptions,
  firstAfterMinutes = 1,
): IncidentSimulator {
  const bytes = files.get('buildings.bin');
  const buildings =
    bytes instanceof Uint8Array
      ? readBuildingsBinary(bytes, 'buildings.bin', 'wgs84').columns
      : undefined;
  const resources = files.get('resources.geojson');
  return new IncidentSimulator(hub, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.speed !== undefined ? { speed: options.speed } : {}),
    sites: buildings ? incidentSites(buildings, 15) : [],
    resources:
      typeof resources === 'string'
        ? readResources(JSON.parse(resources), 'resources.geojson', 'wgs84').resources
        : [],
    cameras,
    firstAfterMinutes,
  });
}
