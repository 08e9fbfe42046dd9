import { readCameras } from '../../../shared/geo/features';
import type { CatalogueCamera } from '../../../shared/video/catalogue';
import { DEMO_CITY, gridOf } from './demoCity';

const TAGS = ['交通', '人流', '河道', '市容', '工地', '学校周边'];

/**
 * The demo city's cameras as a catalogue: the city pack's camera points with their district,
 * street and unit grid, a couple of tags each, and a stream on the embedded media server.
 */
export function demoCatalogue(camerasGeoJson: string): CatalogueCamera[] {
  const { cameras } = readCameras(JSON.parse(camerasGeoJson), 'cameras.geojson', 'wgs84');
  return cameras.map((camera, i) => {
    const [lon, lat] = camera.position;
    const { street, grid } = gridOf({ lon, lat });
    return {
      id: camera.id,
      name: camera.name,
      position: [lon, lat],
      stream: camera.streamUrl ?? `/hls/${camera.id}/index.m3u8`,
      district: DEMO_CITY.name.replace(/^肇庆市/, ''),
      street,
      grid,
      tags: [
        TAGS[i % TAGS.length] as string,
        ...(i % 3 === 0 ? [TAGS[(i + 2) % TAGS.length] as string] : []),
      ],
      ...(camera.heading !== undefined ? { heading: camera.heading } : {}),
      ...(camera.fov !== undefined ? { fov: camera.fov } : {}),
    };
  });
}
