import { hubHeaders } from '../app/hubAuth';
import {
  checkCatalogue,
  type CatalogueCamera,
  type CatalogueProblem,
} from '../../shared/video/catalogue';

export interface LoadedCatalogue {
  readonly cameras: readonly CatalogueCamera[];
  readonly problems: readonly CatalogueProblem[];
}

/** Reads the hub's camera catalogue; a failed or bad answer is a problem, never a crash. */
export async function loadCatalogue(hubBase: string): Promise<LoadedCatalogue> {
  try {
    const url = `${hubBase}/api/cameras`;
    const response = await fetch(url, { cache: 'no-store', headers: hubHeaders(url) });
    if (!response.ok)
      return { cameras: [], problems: [{ index: -1, reason: `HTTP ${response.status}` }] };
    return checkCatalogue(await response.json());
  } catch (error) {
    return { cameras: [], problems: [{ index: -1, reason: String(error) }] };
  }
}

/** A catalogue stream is a URL, or a path on the hub (the demo's media server). */
export function streamUrl(stream: string, hubBase: string): string {
  return stream.startsWith('/') ? `${hubBase}${stream}` : stream;
}

/** Rotation groups a wall offers without configuration: all cameras, west and east, then one per street. */
export function defaultGroups(
  cameras: readonly CatalogueCamera[],
  names: { all: string; west: string; east: string },
  dwellSeconds: number,
): { id: string; name: string; cameraIds: string[]; dwellSeconds: number }[] {
  const byStreet = new Map<string, string[]>();
  for (const c of cameras) {
    if (!c.street) continue;
    const list = byStreet.get(c.street) ?? [];
    list.push(c.id);
    byStreet.set(c.street, list);
  }
  // The duty profile's two video columns flank the map: the west half of the city's cameras
  // on the left, the east half on the right, so the two never show the same cameras.
  const byLongitude = [...cameras].sort((a, b) => a.position[0] - b.position[0]);
  const half = Math.ceil(byLongitude.length / 2);
  return [
    { id: 'all', name: names.all, cameraIds: cameras.map((c) => c.id), dwellSeconds },
    {
      id: 'west',
      name: names.west,
      cameraIds: byLongitude.slice(0, half).map((c) => c.id),
      dwellSeconds,
    },
    {
      id: 'east',
      name: names.east,
      cameraIds: byLongitude.slice(half).map((c) => c.id),
      dwellSeconds,
    },
    ...[...byStreet.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
      .map(([street, ids]) => ({
        id: `street:${street}`,
        name: street,
        cameraIds: ids,
        dwellSeconds,
      })),
  ];
}

/** A profile's group name as the wall's groups know it (`left`/`right` are the west/east halves). */
export function groupIdOf(name: string | undefined): string {
  if (name === 'left') return 'west';
  if (name === 'right') return 'east';
  return name ?? 'all';
}
