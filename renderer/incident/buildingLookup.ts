import type { BuildingsNear } from '../../shared/geo/buildingsNear';
import type { Resource } from '../../shared/geo/resources';
import { hubHeaders } from '../app/hubAuth';

export type BuildingRequest =
  | { readonly kind: 'load'; readonly base: string; readonly headers: Record<string, string> }
  | {
      readonly kind: 'near';
      readonly id: number;
      readonly centre: { readonly lon: number; readonly lat: number };
      readonly radiusMetres: number;
      readonly buildingId?: string;
      readonly limit: number;
    };

export type BuildingWorkerReply =
  | { readonly kind: 'loaded'; readonly resources: readonly Resource[]; readonly buildings: number }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'near'; readonly id: number; readonly result: BuildingsNear };

/**
 * The incident view's way to the city pack: one worker per view that loads the buildings once
 * and answers queries around each incident. `destroy` ends the worker.
 */
export class BuildingLookup {
  private readonly worker: Worker;
  private serial = 0;
  private readonly waiting = new Map<number, (result: BuildingsNear) => void>();
  readonly ready: Promise<{ resources: readonly Resource[]; buildings: number }>;

  constructor(base: string) {
    this.worker = new Worker(new URL('./buildingWorker.ts', import.meta.url), { type: 'module' });
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = (event: MessageEvent<BuildingWorkerReply>) => {
        const message = event.data;
        if (message.kind === 'loaded') resolve(message);
        else if (message.kind === 'failed') reject(new Error(message.error));
        else {
          this.waiting.get(message.id)?.(message.result);
          this.waiting.delete(message.id);
        }
      };
      this.worker.onerror = (event) => reject(new Error(event.message));
    });
    this.worker.postMessage({
      kind: 'load',
      base,
      headers: hubHeaders(base),
    } satisfies BuildingRequest);
  }

  /** The buildings around a spot, once the pack is in (none when it could not be read). */
  async near(
    centre: { readonly lon: number; readonly lat: number },
    radiusMetres: number,
    buildingId?: string,
    limit = 200,
  ): Promise<BuildingsNear> {
    const loaded = await this.ready.then(
      () => true,
      () => false,
    );
    if (!loaded) return { neighbours: [] };
    this.serial += 1;
    const id = this.serial;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({
        kind: 'near',
        id,
        centre,
        radiusMetres,
        limit,
        ...(buildingId ? { buildingId } : {}),
      } satisfies BuildingRequest);
    });
  }

  destroy(): void {
    this.worker.terminate();
    this.waiting.clear();
  }
}
