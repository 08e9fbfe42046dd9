import { describe, expect, it } from 'vitest';
import { Rotation, rotationScenes } from './rotation';

const ids = Array.from({ length: 10 }, (_, i) => `c${i + 1}`);
const group = { id: 'g', name: 'g', cameraIds: ids, dwellSeconds: 10 };

describe('rotation', () => {
  it('pages cameras into screens in order', () => {
    expect(rotationScenes(ids, 4)).toEqual([
      ['c1', 'c2', 'c3', 'c4'],
      ['c5', 'c6', 'c7', 'c8'],
      ['c9', 'c10'],
    ]);
  });

  it('shows each screen for its dwell, wraps round, and asks to preload before the swap', () => {
    const r = new Rotation(group, 4, 0, 3_000);
    const seen: number[] = [];
    let preloadAt: number | undefined;
    for (let t = 0; t <= 35_000; t += 500) {
      if (preloadAt === undefined && r.shouldPreload(t)) preloadAt = t;
      if (r.tick(t)) seen.push(t);
    }
    expect(preloadAt).toBe(7_000);
    expect(seen).toEqual([10_000, 20_000, 30_000]);
    expect(r.sceneIndex).toBe(0);
    expect(r.next).toEqual(['c5', 'c6', 'c7', 'c8']);
  });

  it('windows opened at different times and aligned to the clock show the same screen and swap together', () => {
    const early = new Rotation(group, 4, 1_000);
    early.alignTo(1_000);
    const late = new Rotation(group, 4, 23_500);
    late.alignTo(23_500);
    // Not aligned, a window opened at 23.5 s would start at screen 1 while the other shows 3.
    for (let t = 1_000; t < 23_500; t += 500) early.tick(t);
    expect(late.sceneIndex).toBe(early.sceneIndex);
    expect(late.nextSwapAt).toBe(30_000);
    for (let t = 23_500; t <= 60_000; t += 500) {
      expect(early.tick(t)).toBe(late.tick(t));
      expect(late.current).toEqual(early.current);
    }
  });

  it('holds on a screen while any reason to pause remains, then gives the rest of the dwell', () => {
    const r = new Rotation(group, 4, 0, 3_000);
    r.pause('alarm:c2', 4_000);
    r.pause('pinned', 5_000);
    expect(r.tick(60_000)).toBe(false);
    expect(r.shouldPreload(60_000)).toBe(false);
    r.resume('alarm:c2', 61_000);
    expect(r.tick(62_000)).toBe(false);
    r.resume('pinned', 62_000);
    expect(r.nextSwapAt).toBe(68_000);
    expect(r.tick(67_999)).toBe(false);
    expect(r.tick(68_000)).toBe(true);
    expect(r.current).toEqual(['c5', 'c6', 'c7', 'c8']);
  });

  it('does not race through screens after the wall slept', () => {
    const r = new Rotation(group, 4, 0, 3_000);
    expect(r.tick(500_000)).toBe(true);
    expect(r.tick(500_001)).toBe(false);
    expect(r.sceneIndex).toBe(1);
  });

  it('never rotates a group that fits one screen, and keeps a floor on the dwell', () => {
    const r = new Rotation({ ...group, cameraIds: ['a', 'b'], dwellSeconds: 1 }, 4, 0);
    expect(r.next).toBeUndefined();
    expect(r.tick(1e9)).toBe(false);
    expect(r.dwellMs).toBe(5_000);
  });
});

describe('rotation holds', () => {
  const group = { id: 'g', name: 'g', cameraIds: ['a', 'b', 'c', 'd'], dwellSeconds: 10 };

  it('holds for exactly the reasons given, and counts the swaps a hold kept from happening', () => {
    const r = new Rotation(group, 2, 0);
    r.holdFor(new Set(['alarm:1', 'linkage']), 1_000);
    expect([...r.pauseReasons].sort()).toEqual(['alarm:1', 'linkage']);
    r.tick(9_999);
    expect(r.heldSwaps).toBe(0);
    r.tick(10_000);
    expect(r.heldSwaps).toBe(1);
    expect(r.sceneIndex).toBe(0);
    r.tick(20_000);
    expect(r.heldSwaps).toBe(2);
    r.holdFor(new Set(['linkage']), 21_000);
    expect(r.pauseReasons).toEqual(['linkage']);
    r.holdFor(new Set(), 22_000);
    expect(r.paused).toBe(false);
    expect(r.heldSwaps).toBe(2);
  });
});
