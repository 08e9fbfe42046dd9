import { MAP_LAYERS, type Scene } from '../../shared/briefing/scene';
import type { WallStore } from '../../shared/gateway/wallStore';
import type { CityPack } from '../../shared/geo/loadCityPack';
import { hubHeaders } from '../app/hubAuth';
import type { MapController } from '../map/mapController';
import { boundsOf, resolveArea, ringPoints } from './sceneArea';

/**
 * A scene's map part on one map window: its layers (all when it names none), then where to look
 * — its camera as saved, else its area framed and outlined, else the cases overdue now, else
 * the whole city — and a selected case flown to when the scene has no camera. Every part of a
 * region works the same camera out from the same scene, so nothing is sent between them.
 */
export async function applySceneToMap(
  scene: Scene,
  map: MapController,
  pack: CityPack,
  store: WallStore,
  hubBase: string,
  signal: AbortSignal,
): Promise<void> {
  const part = scene.map ?? {};
  map.setLayers(part.layers ?? MAP_LAYERS);
  map.setArea(undefined);
  if (part.camera) map.setCamera(part.camera);
  if (part.area) {
    const url = `${hubBase}/api/history`;
    const area = await resolveArea(part.area, pack, async (query) => {
      const response = await fetch(`${url}?${query}`, { headers: hubHeaders(url), signal });
      return response.json();
    });
    if (signal.aborted) return;
    map.setArea(area);
    if (!part.camera) map.frameBounds(area ? boundsOf(ringPoints(area)) : undefined);
  } else if (!part.camera && part.overdue) {
    const overdue = [...store.cases.allCases()]
      .filter((c) => store.cases.isOverdue(c.id))
      .map((c) => [c.position.lon, c.position.lat] as const);
    map.frameBounds(boundsOf(overdue));
  } else if (!part.camera) {
    map.frameBounds();
  }
  const selected =
    scene.selection?.type === 'case' ? store.cases.get(scene.selection.id) : undefined;
  if (selected && !part.camera) map.flyTo(selected.position.lon, selected.position.lat);
}
