/// <reference lib="webworker" />
import { buildingsNear } from '../../shared/geo/buildingsNear';
import type { BuildingColumns } from '../../shared/geo/buildings';
import { checkCityPack } from '../../shared/geo/cityPack';
import { fetchFileSource } from '../../shared/geo/fetchSource';
import { loadCityPack } from '../../shared/geo/loadCityPack';
import type { BuildingRequest, BuildingWorkerReply } from './buildingLookup';

/**
 * Keeps the city pack's buildings (and reads its resources) off the main thread, and answers
 * "which buildings stand around this incident" from them, so the incident view never holds a
 * large city's footprints itself.
 */
let buildings: BuildingColumns | undefined;
const reply = (message: BuildingWorkerReply) => (self as unknown as Worker).postMessage(message);

self.onmessage = async (event: MessageEvent<BuildingRequest>) => {
  const request = event.data;
  if (request.kind === 'near') {
    const result = buildings
      ? buildingsNear(buildings, request.centre, request.radiusMetres, {
          ...(request.buildingId ? { buildingId: request.buildingId } : {}),
          limit: request.limit,
        })
      : { neighbours: [] };
    reply({ kind: 'near', id: request.id, result });
    return;
  }
  const authorised: typeof fetch = (input, init) =>
    fetch(input, { ...init, headers: request.headers });
  try {
    const response = await authorised(`${request.base}citypack.json`);
    const checked = checkCityPack(await response.json());
    if (!checked.ok) throw new Error(`citypack.json: ${checked.error}`);
    // Only what the incident view reads: the buildings and the resources.
    const { roads: _r, water: _w, boundaries: _b, cameras: _c, ...wanted } = checked.manifest;
    const pack = await loadCityPack(wanted, fetchFileSource(request.base, authorised));
    buildings = pack.buildings;
    reply({ kind: 'loaded', resources: pack.resources, buildings: buildings?.count ?? 0 });
  } catch (error) {
    reply({ kind: 'failed', error: (error as Error).message });
  }
};
