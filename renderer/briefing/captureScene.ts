import type { BusMessage, WallBus } from '../../shared/bus/messages';
import type { Scene } from '../../shared/briefing/scene';

type Part = Extract<BusMessage, { kind: 'scene.part' }>;
type MapPart = NonNullable<Scene['map']>;
type CameraView = NonNullable<MapPart['camera']>;

/** Long enough for every window of every PC to answer through the hub, short for a person. */
const ANSWER_MS = 1_500;

/** What the panel heard on the bus before asking: a map too busy to answer still counts. */
export interface HeardBefore {
  /** The last camera each map region was moved to. */
  readonly cameras: ReadonlyMap<string, CameraView>;
  readonly layers: MapPart['layers'];
  readonly heat: MapPart['heat'];
}

/**
 * Asks every window what it shows and makes a scene of the answers: the wall's profile, the map
 * region's camera, layers and heat period (the region named `map` first, else the first map to
 * answer), the video regions' pinned cameras, the analysis period, and the last selection.
 */
export function captureScene(
  bus: WallBus,
  origin: string,
  base: Pick<Scene, 'id' | 'name' | 'dwellSeconds' | 'profile'>,
  selection: Scene['selection'],
  heard?: HeardBefore,
): Promise<Scene> {
  const requestId = `${origin}:${Date.now().toString(36)}`;
  const parts: Part[] = [];
  const off = bus.subscribe((m) => {
    if (m.kind === 'scene.part' && m.requestId === requestId) parts.push(m);
  });
  bus.publish({ kind: 'scene.capture', origin, requestId });
  return new Promise((resolve) => {
    setTimeout(() => {
      off();
      resolve(sceneOf(parts, base, selection, heard));
    }, ANSWER_MS);
  });
}

export function sceneOf(
  parts: readonly Part[],
  base: Pick<Scene, 'id' | 'name' | 'dwellSeconds' | 'profile'>,
  selection: Scene['selection'],
  heard?: HeardBefore,
): Scene {
  const maps = parts.flatMap((p) => (p.map ? [p.map] : []));
  const camera = heard?.cameras.get('map') ?? [...(heard?.cameras.values() ?? [])][0];
  const map =
    maps.find((m) => m.region === 'map') ??
    maps[0] ??
    (camera ? { camera, layers: heard?.layers, heat: heard?.heat } : undefined);
  const pins = parts.find((p) => p.pins && p.pins.length > 0)?.pins;
  const analysis = parts.find((p) => p.analysis)?.analysis;
  return {
    ...base,
    ...(map
      ? {
          map: {
            camera: map.camera,
            ...(map.layers ? { layers: map.layers } : {}),
            ...(map.heat ? { heat: map.heat } : {}),
          },
        }
      : {}),
    ...(pins ? { pins } : {}),
    ...(analysis ? { analysis } : {}),
    ...(selection ? { selection } : {}),
  };
}
