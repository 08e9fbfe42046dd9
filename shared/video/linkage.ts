import { angleBetween, bearingDegrees, distanceMetres } from '../geo/distance';

/**
 * Video linkage (视频联动): the cameras to pin on the wall when a case is selected. Nearest online
 * cameras first; a camera whose field of view is known and points away from the spot counts as
 * three times as far, because the officer would have to turn it before seeing anything.
 */
export interface LinkableCamera {
  readonly id: string;
  readonly position: readonly [number, number];
  readonly heading?: number;
  readonly fov?: number;
}

export interface LinkedCamera {
  readonly id: string;
  readonly metres: number;
  /** True when the spot lies inside the camera's field of view, undefined when not known. */
  readonly sees?: boolean;
}

export interface LinkageOptions {
  readonly count?: number;
  readonly maxMetres?: number;
  readonly isOnline?: (id: string) => boolean;
}

const AWAY_PENALTY = 3;

export function linkedCameras(
  cameras: readonly LinkableCamera[],
  spot: readonly [number, number],
  { count = 4, maxMetres = 1_000, isOnline = () => true }: LinkageOptions = {},
): LinkedCamera[] {
  const ranked: (LinkedCamera & { score: number })[] = [];
  for (const camera of cameras) {
    if (!isOnline(camera.id)) continue;
    const metres = distanceMetres(camera.position, spot);
    if (metres > maxMetres) continue;
    let sees: boolean | undefined;
    if (camera.heading !== undefined && camera.fov !== undefined && metres > 1)
      sees = angleBetween(bearingDegrees(camera.position, spot), camera.heading) <= camera.fov / 2;
    ranked.push({
      id: camera.id,
      metres,
      ...(sees === undefined ? {} : { sees }),
      score: sees === false ? metres * AWAY_PENALTY : metres,
    });
  }
  ranked.sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
  return ranked.slice(0, count).map(({ score: _score, ...rest }) => rest);
}
