import type { BuildingMeshChunk } from '../../shared/geo/buildingMesh';
import type { CityPack } from '../../shared/geo/loadCityPack';
import { hubHeaders } from '../app/hubAuth';

export interface LoadedPack {
  readonly pack: CityPack;
  /** The buildings, ready to draw, in chunks of one layer each. */
  readonly mesh: readonly BuildingMeshChunk[];
  readonly parseMs: number;
  /** Worker time to triangulate roofs and lay out the buildings' buffers. */
  readonly meshMs: number;
  readonly problems: readonly string[];
}

/** Loads a city pack in a worker; `base` ends with a slash, e.g. `http://127.0.0.1:7450/citypack/`. */
export function loadPackInWorker(base: string): Promise<LoadedPack> {
  const worker = new Worker(new URL('./cityPackWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<LoadedPack>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ ok: boolean; error?: string } & LoadedPack>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data);
      else reject(new Error(event.data.error));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage({ base, headers: hubHeaders(base) });
  });
}
