import type { Scene } from './scene';

/**
 * A tour as every window of the wall holds it: the scenes, the one on since when, and whether
 * it plays. Each window works out the scene from the wall clock (the PCs' clocks are kept by
 * NTP, as the video rotation's are), so the windows change together without a message per step
 * and a window opened mid-tour joins at the right scene.
 */
export interface Tour {
  readonly scenes: readonly Scene[];
  readonly index: number;
  /** When the scene at `index` came on, epoch ms. */
  readonly since: number;
  readonly playing: boolean;
}

export type TourCommand = 'next' | 'previous' | 'play' | 'pause' | 'toggle';

/** Where a tour stands at `now`: a playing tour moves on by each scene's dwell, round and round. */
export function tourAt(tour: Tour, now: number): Tour {
  const count = tour.scenes.length;
  if (count === 0 || !tour.playing) return tour;
  let { index, since } = tour;
  const round = tour.scenes.reduce((sum, s) => sum + s.dwellSeconds * 1000, 0);
  // Whole rounds at once: a window that slept a night does not step through every scene.
  if (now - since > round) since += Math.floor((now - since) / round) * round;
  for (;;) {
    const dwell = (tour.scenes[index] as Scene).dwellSeconds * 1000;
    if (now - since < dwell) break;
    since += dwell;
    index = (index + 1) % count;
  }
  return index === tour.index && since === tour.since ? tour : { ...tour, index, since };
}

/** The tour after a clicker's or a button's command, given at `now`. */
export function commandTour(tour: Tour, command: TourCommand, now: number): Tour {
  const at = tourAt(tour, now);
  const count = at.scenes.length;
  if (count === 0) return at;
  switch (command) {
    case 'next':
      return { ...at, index: (at.index + 1) % count, since: now };
    case 'previous':
      return { ...at, index: (at.index - 1 + count) % count, since: now };
    case 'play':
      // The scene on screen gets its whole dwell from now.
      return at.playing ? at : { ...at, playing: true, since: now };
    case 'pause':
      return at.playing ? { ...at, playing: false } : at;
    case 'toggle':
      return commandTour(at, at.playing ? 'pause' : 'play', now);
  }
}

/** A tour of `scenes` standing on scene `index` from `now`. */
export function startTour(
  scenes: readonly Scene[],
  index: number,
  now: number,
  playing: boolean,
): Tour {
  return { scenes, index: Math.max(0, Math.min(index, scenes.length - 1)), since: now, playing };
}

/** Changes each time another scene comes on (or the same one is shown again): apply once per key. */
export function sceneKey(tour: Tour): string {
  return `${tour.scenes[tour.index]?.id ?? ''}@${tour.since}`;
}

/**
 * The scene the windows act on: the tour's, while the wall shows its profile (a wall switched to
 * another profile by hand keeps its own views), with the key to apply it by.
 */
export function sceneOnScreen(
  scene: Scene | undefined,
  key: string,
  activeProfile: string,
): { scene: Scene | undefined; key: string } {
  return scene && scene.profile === activeProfile ? { scene, key } : { scene: undefined, key: '' };
}
