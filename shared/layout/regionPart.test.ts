import { describe, expect, it } from 'vitest';

import { planWall } from './planWall';
import { dealBlocks, panelRects, parseRegionPart, partIndex } from './regionPart';
import { display, MAP_AND_KPI, wallOf } from './testDisplays';

describe('region parts as the planner writes them', () => {
  it('every window of a region reads its part and its place; the places cover the region once', () => {
    const profile = { ...MAP_AND_KPI, bezel: { x: 20, y: 12 } };
    const { windows } = planWall([...wallOf(3, 3), display('op', 0, 3300)], profile);
    const kpi = windows.filter((w) => w.regionId === 'kpi').map((w) => parseRegionPart(w.params));
    expect(kpi.map((p) => p && `${p.x},${p.y} ${p.width}x${p.height}`)).toEqual([
      '0,0 1920x3264',
      '0,1092 1920x3264',
      '0,2184 1920x3264',
    ]);
    expect(kpi.map((p) => partIndex(p).index)).toEqual([0, 1, 2]);
    const map = windows.filter((w) => w.regionId === 'map').map((w) => parseRegionPart(w.params));
    expect(new Set(map.map((p) => partIndex(p).index)).size).toBe(6);
    expect(map.every((p) => p?.cols === 2 && p.rows === 3 && p.width === 3860)).toBe(true);
    // The panels of the KPI region as the view lays them out: the bezels between them.
    expect(panelRects(kpi[0], 1920, 1080).map((r) => r.y)).toEqual([0, 1092, 2184]);
  });

  it('a window that is its region, or a malformed part, is the whole region', () => {
    expect(parseRegionPart({})).toBeUndefined();
    for (const part of ['1,2,3', 'a,0,10,10', '0,0,0,10', '20,0,10,10', '-1,0,10,10'])
      expect(parseRegionPart({ part }), part).toBeUndefined();
    expect(parseRegionPart({ part: '0,0,100,100', cell: '5,0,2,1' })).toMatchObject({
      cols: 1,
      rows: 1,
    });
    expect(partIndex(undefined)).toEqual({ index: 0, count: 1 });
  });
});

describe('dealing blocks onto panels', () => {
  it('keeps the order, gives the earlier panels the larger share, leaves none out', () => {
    expect(dealBlocks(4, 1)).toEqual([[0, 1, 2, 3]]);
    expect(dealBlocks(4, 2)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(dealBlocks(4, 3)).toEqual([[0, 1], [2], [3]]);
    expect(dealBlocks(2, 4)).toEqual([[0], [1], [], []]);
  });
});
