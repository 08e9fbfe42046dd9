import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hub, type HubOptions } from './hub';
import { DEMO_CITY } from './sources/demoCity';
import { demoCityPackFiles } from './sources/demoCityPack';
import { importNyc311, NYC_CITY } from './sources/nyc311';
import { startReplay } from './sources/replay';
import { DemoSimulator, type SimulatorOptions } from './sources/simulator';

export type HubSource =
  | ({ readonly kind: 'demo' } & SimulatorOptions)
  | { readonly kind: 'nyc311'; readonly csv: string; readonly speedup: number };

export interface RunningHub {
  readonly hub: Hub;
  stop(): Promise<void>;
}

/**
 * Starts a hub with one source. The demo city is what `npm start` and `npm run preview` show
 * when no platform is configured; the 311 replay streams a real data set through the same path.
 */
export async function startHub(
  options: Omit<HubOptions, 'city'> & { readonly source: HubSource },
): Promise<RunningHub> {
  const { source, ...hubOptions } = options;
  if (source.kind === 'demo') {
    // Generated on first request (about a second), then kept: the map asks for it once per window.
    let files: Map<string, string> | undefined;
    const cityPack = async (name: string) => (files ??= demoCityPackFiles()).get(name);
    const hub = await Hub.start({ cityPack, ...hubOptions, city: DEMO_CITY });
    const simulator = new DemoSimulator(hub, source);
    simulator.start();
    return {
      hub,
      stop: async () => {
        simulator.stop();
        await hub.close();
      },
    };
  }
  const imported = importNyc311(await readFile(source.csv, 'utf8'));
  const hub = await Hub.start({ ...hubOptions, dataDir: join(hubOptions.dataDir), city: NYC_CITY });
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
      await hub.close();
    },
  };
}
