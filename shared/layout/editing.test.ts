import { describe, expect, it } from 'vitest';
import { DUTY } from './builtinProfiles';
import {
  addRegion,
  clampRect,
  moveBy,
  removeRegion,
  resizeBy,
  saveAs,
  setRegionRect,
  setRegionView,
  snapRect,
  surfacesOf,
} from './editing';
import { planWall } from './planWall';
import { checkProfile } from './profile';
import { display, wallOf } from './testDisplays';

describe('layout editing', () => {
  it('finds the wall and operator surfaces on the desktop', () => {
    const s = surfacesOf([...wallOf(3, 3), display('op', 0, 3240, 2048, 1152, { primary: true })]);
    expect(s).toEqual({
      wall: { x: 0, y: 0, width: 5760, height: 3240 },
      cols: 3,
      rows: 3,
      operator: { x: 0, y: 3240, width: 2048, height: 1152 },
    });
    expect(surfacesOf(wallOf(2, 2).filter((d) => d.id !== 'w00'))?.wall).toEqual({
      x: 0,
      y: 0,
      width: 3840,
      height: 2160,
    });
  });

  it('keeps moved and resized regions inside their surface', () => {
    expect(moveBy({ x: 0.5, y: 0.5, w: 0.4, h: 0.4 }, 0.3, -0.9)).toEqual({
      x: 0.6,
      y: 0,
      w: 0.4,
      h: 0.4,
    });
    expect(resizeBy({ x: 0.5, y: 0, w: 0.4, h: 0.4 }, 0.5, -1)).toEqual({
      x: 0.5,
      y: 0,
      w: 0.5,
      h: 0.02,
    });
    expect(clampRect({ x: -1, y: 2, w: 3, h: 0 })).toEqual({ x: 0, y: 0.98, w: 1, h: 0.02 });
  });

  it('snaps to panel edges and never below one panel', () => {
    expect(snapRect({ x: 0.3, y: 0.02, w: 0.4, h: 0.6 }, 3, 3)).toEqual({
      x: 1 / 3,
      y: 0,
      w: 1 / 3,
      h: 2 / 3,
    });
    expect(snapRect({ x: 0.9, y: 0.9, w: 0.05, h: 0.05 }, 4, 2)).toEqual({
      x: 0.75,
      y: 0.5,
      w: 0.25,
      h: 0.5,
    });
  });

  it('refuses a profile whose regions overlap unless one says it means to', () => {
    const overlapping = setRegionRect(DUTY, 'map', { x: 0.25, y: 0, w: 0.6, h: 1 });
    const refused = checkProfile(overlapping);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/map and video-right overlap/);
    const meant = {
      ...overlapping,
      regions: overlapping.regions.map((r) => (r.id === 'map' ? { ...r, overlap: true } : r)),
    };
    expect(checkProfile(meant).ok).toBe(true);
  });

  it('edits a profile into a new valid one that plans', () => {
    let p = saveAs(DUTY, 'my-duty', '我的值班', 'My duty');
    p = setRegionView(p, 'video-right', 'kpi');
    p = setRegionRect(p, 'map', { x: 0.25, y: 0, w: 0.5, h: 0.5 });
    p = addRegion(p, 'wall', 'cases');
    p = setRegionRect(p, 'region-6', { x: 0.25, y: 0.5, w: 0.5, h: 0.5 });
    p = removeRegion(p, 'kpi');
    const checked = checkProfile(p);
    expect(checked.ok).toBe(true);
    const plan = planWall(
      [...wallOf(2, 4), display('op', 0, 2160, 1920, 1080, { primary: true })],
      p,
    );
    expect(
      plan.windows
        .filter((w) => w.regionId === 'map')
        .map((w) => w.displayId)
        .sort(),
    ).toEqual(['w01', 'w02']);
    expect(
      plan.windows
        .filter((w) => w.regionId === 'region-6')
        .map((w) => w.displayId)
        .sort(),
    ).toEqual(['w11', 'w12']);
    expect(DUTY.regions.find((r) => r.id === 'video-right')?.view).toBe('video');
  });
});
