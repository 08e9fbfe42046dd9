import { describe, expect, it } from 'vitest';
import { DEMO_SCENES } from './demoScenes';
import { checkSceneBook, type Scene } from './scene';
import { commandTour, sceneKey, sceneOnScreen, startTour, tourAt } from './tour';

const scene = (id: string, dwellSeconds: number): Scene => ({
  id,
  name: id,
  dwellSeconds,
  profile: 'briefing',
});
const scenes = [scene('a', 10), scene('b', 20), scene('c', 5)];
const T = 1_000_000;

describe('tour', () => {
  it('moves on by each scene’s own dwell, and goes round', () => {
    const tour = startTour(scenes, 0, T, true);
    const at = (s: number) => tourAt(tour, T + s * 1000);
    expect([at(0), at(9.9), at(10), at(29.9), at(30), at(35), at(45)].map((t) => t.index)).toEqual([
      0, 0, 1, 1, 2, 0, 1,
    ]);
    // The scene's start is exact, so every window that works it out agrees to the millisecond.
    expect(at(31).since).toBe(T + 30_000);
    // A window back after many rounds lands where the others are.
    expect(at(35 * 1000 + 12).index).toBe(1);
    expect(at(35 * 1000 + 12).since).toBe(T + 35 * 1000 * 1000 + 10_000);
  });

  it('a paused tour stays on its scene', () => {
    const tour = startTour(scenes, 1, T, false);
    expect(tourAt(tour, T + 3_600_000)).toBe(tour);
  });

  it('next and previous wrap and restart the dwell; play gives the scene its whole dwell', () => {
    const tour = startTour(scenes, 0, T, true);
    const next = commandTour(tour, 'next', T + 12_000);
    // At 12 s the tour was on b already: next is c.
    expect([next.index, next.since]).toEqual([2, T + 12_000]);
    expect(commandTour(next, 'next', T + 13_000).index).toBe(0);
    expect(commandTour(startTour(scenes, 0, T, false), 'previous', T).index).toBe(2);
    const paused = commandTour(tour, 'pause', T + 4_000);
    expect(paused.playing).toBe(false);
    const resumed = commandTour(paused, 'toggle', T + 60_000);
    expect([resumed.playing, resumed.index, resumed.since]).toEqual([true, 0, T + 60_000]);
    expect(sceneKey(resumed)).not.toBe(sceneKey(paused));
  });

  it('a scene acts on the windows only while the wall shows its profile', () => {
    const tour = startTour(scenes, 0, T, false);
    expect(sceneOnScreen(tour.scenes[0], sceneKey(tour), 'briefing').scene?.id).toBe('a');
    expect(sceneOnScreen(tour.scenes[0], sceneKey(tour), 'duty')).toEqual({
      scene: undefined,
      key: '',
    });
  });

  it('an empty tour does nothing', () => {
    const empty = startTour([], 0, T, true);
    expect(commandTour(empty, 'next', T + 1)).toEqual(empty);
  });
});

describe('scene book', () => {
  it('the demo scenes are a valid book', () => {
    expect(checkSceneBook({ version: 1, scenes: DEMO_SCENES }).ok).toBe(true);
  });

  it.each([
    [{ version: 2, scenes: [] }, /version/],
    [{ version: 1, scenes: [scene('a', 10), scene('a', 20)] }, /same id/],
    [{ version: 1, scenes: [scene('a', 2)] }, /dwellSeconds/],
    [{ version: 1, scenes: [{ ...scene('a', 10), map: { layers: ['roofs'] } }] }, /layers/],
    [{ version: 1, scenes: [{ ...scene('a', 10), map: { camera: { zoom: 99 } } }] }, /camera/],
  ])('refuses %j, saying what is wrong', (raw, message) => {
    const result = checkSceneBook(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
