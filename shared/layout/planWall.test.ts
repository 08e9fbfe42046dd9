import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, DUTY, EMERGENCY } from './builtinProfiles';
import type { DisplayInfo, Rect, WindowPlan } from './displays';
import { displayName, planWall } from './planWall';
import type { Profile } from './profile';
import { display, MAP_AND_KPI, wallOf } from './testDisplays';

const inside = (w: Rect, d: Rect) =>
  w.x >= d.x && w.y >= d.y && w.x + w.width <= d.x + d.width && w.y + w.height <= d.y + d.height;
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The invariants every plan must keep, checked on every configuration below. */
function checkPlan(displays: readonly DisplayInfo[], windows: readonly WindowPlan[]): void {
  for (const w of windows) {
    const d = displays.find((x) => x.id === w.displayId);
    expect(d, `${w.key} on a present display`).toBeDefined();
    expect(inside(w.bounds, (d as DisplayInfo).bounds), `${w.key} inside its display`).toBe(true);
  }
  for (const a of windows)
    for (const b of windows)
      if (a !== b && a.displayId === b.displayId)
        expect(overlaps(a.bounds, b.bounds), `${a.key} / ${b.key}`).toBe(false);
}

const byRegion = (windows: readonly WindowPlan[]) => {
  const out: Record<string, string[]> = {};
  for (const w of windows) (out[w.regionId] ??= []).push(w.displayId);
  return out;
};

const operator1440 = display('op', 0, 3240, 2048, 1152, {
  scaleFactor: 1.25,
  label: 'operator',
  primary: true,
});

describe('planWall over real configurations', () => {
  it('one laptop: the operator regions share the wall, nothing lost', () => {
    const displays = [display('laptop', 0, 0, 1920, 1080, { primary: true })];
    const { windows, warnings } = planWall(displays, DUTY);
    checkPlan(displays, windows);
    expect(Object.keys(byRegion(windows)).sort()).toEqual([
      'cases',
      'kpi',
      'map',
      'video-left',
      'video-right',
    ]);
    expect(warnings).toContain('no operator screen: operator regions share the wall');
  });

  it('a 3×3 wall of nine displays plus a 1440p operator at 125 %: one panel column each for video, map, video', () => {
    const displays = [...wallOf(3, 3), operator1440];
    const { windows, warnings } = planWall(displays, DUTY);
    checkPlan(displays, windows);
    expect(warnings).toEqual([]);
    const regions = byRegion(windows);
    expect(regions['video-left']?.sort()).toEqual(['w00', 'w10', 'w20']);
    expect(regions.map?.sort()).toEqual(['w01', 'w11', 'w21']);
    expect(regions['video-right']?.sort()).toEqual(['w02', 'w12', 'w22']);
    expect(regions.cases).toEqual(['op']);
    // Each map window knows its part of the whole map: 1920 wide, 3240 high in all.
    expect(
      windows
        .filter((w) => w.regionId === 'map')
        .map((w) => w.params.part)
        .sort(),
    ).toEqual(['0,0,1920,3240', '0,1080,1920,3240', '0,2160,1920,3240']);
  });

  it('a 4K wall driven as one display, split 2×2 by a profile', () => {
    const quad = (id: string, x: number, y: number) => ({
      id,
      view: 'map' as const,
      target: { kind: 'wall' as const, rect: { x, y, w: 0.5, h: 0.5 } },
    });
    const profile: Profile = {
      version: 1,
      id: 'quad',
      name: { zh: '四分', en: 'Quad' },
      regions: [quad('a', 0, 0), quad('b', 0.5, 0), quad('c', 0, 0.5), quad('d', 0.5, 0.5)],
    };
    const displays = [display('4k', 0, 0, 3840, 2160)];
    const { windows } = planWall(displays, profile);
    checkPlan(displays, windows);
    expect(windows.map((w) => w.bounds)).toEqual([
      { x: 0, y: 0, width: 1920, height: 1080 },
      { x: 1920, y: 0, width: 1920, height: 1080 },
      { x: 0, y: 1080, width: 1920, height: 1080 },
      { x: 1920, y: 1080, width: 1920, height: 1080 },
    ]);
  });

  it('4K at 150 % beside 1080p at 100 %: the 4K is the wall, the 1080p the operator screen', () => {
    const displays = [
      display('4k', 0, 0, 2560, 1440, { scaleFactor: 1.5, primary: true }),
      display('hd', 2560, 0),
    ];
    const { windows } = planWall(displays, MAP_AND_KPI);
    checkPlan(displays, windows);
    expect(byRegion(windows)).toEqual({ map: ['4k'], kpi: ['4k'], cases: ['hd'] });
  });

  it('a display left of and above the primary (negative origins)', () => {
    const displays = [
      display('main', 0, 0, 1920, 1080, { primary: true }),
      display('left', -2560, -360, 2560, 1440),
    ];
    const { windows } = planWall(displays, DUTY);
    checkPlan(displays, windows);
    expect(windows.find((w) => w.regionId === 'map')?.bounds.x).toBeLessThan(0);
  });

  it('a portrait panel beside a landscape primary of equal area: the primary is the operator screen', () => {
    const displays = [
      display('portrait', 0, 0, 1080, 1920, { rotation: 90 }),
      display('land', 1080, 0, 1920, 1080, { primary: true }),
    ];
    const { windows } = planWall(displays, EMERGENCY);
    checkPlan(displays, windows);
    expect(byRegion(windows)).toEqual({
      incident: ['portrait'],
      video: ['portrait'],
      map: ['land'],
      cases: ['land'],
    });
  });

  it('a panel removed mid-shift and returned: a hole, then the same plan as before', () => {
    const full = [...wallOf(3, 3), operator1440];
    const before = planWall(full, DUTY);
    const without = full.filter((d) => d.id !== 'w11');
    const during = planWall(without, DUTY);
    checkPlan(without, during.windows);
    expect(during.warnings).toContain('wall panel row 2, column 2 missing');
    expect(byRegion(during.windows).map?.sort()).toEqual(['w01', 'w21']);
    expect(planWall([...full].reverse(), DUTY)).toEqual(before);
  });

  it('a whole region whose panels are gone folds onto the operator screen, re-tiled', () => {
    const displays = [...wallOf(1, 3)].filter((d) => d.id !== 'w01').concat(operator1440);
    const { windows, warnings } = planWall(displays, DUTY);
    checkPlan(displays, windows);
    expect(warnings).toContain('region map has no panel left: moved to operator');
    expect(byRegion(windows).map).toEqual(['op']);
    expect(windows.filter((w) => w.displayId === 'op')).toHaveLength(3);
  });

  it('an operator monitor of the same model as the panels is not taken into the wall', () => {
    const displays = [...wallOf(2, 4), display('op', 0, 2160, 1920, 1080, { primary: true })];
    const { windows, warnings } = planWall(displays, DUTY);
    checkPlan(displays, windows);
    expect(warnings).toEqual([]);
    expect(byRegion(windows)).toMatchObject({ cases: ['op'], kpi: ['op'] });
  });

  it('two mirrored displays are planned once', () => {
    const displays = [display('a', 0, 0), display('b', 0, 0)];
    const { windows, warnings } = planWall(displays, MAP_AND_KPI);
    checkPlan(displays, windows);
    expect(new Set(windows.map((w) => w.displayId))).toEqual(new Set(['a']));
    expect(warnings).toContain('display Db mirrors another');
  });

  it('eight displays: a 4×2 wall with no operator screen gives its right column to the operator views', () => {
    const displays = wallOf(2, 4);
    const { windows } = planWall(displays, DUTY);
    checkPlan(displays, windows);
    expect(byRegion(windows)).toEqual({
      'video-left': ['w00', 'w10'],
      map: ['w01', 'w11'],
      'video-right': ['w02', 'w12'],
      cases: ['w03'],
      kpi: ['w13'],
    });
  });

  it('a user profile pinned to displays finds them again by label after the ids changed', () => {
    const profile: Profile = {
      version: 1,
      id: 'pinned',
      name: { zh: '固定', en: 'Pinned' },
      displays: [
        { key: 'left', id: '11', label: 'DELL U2720Q' },
        { key: 'right', id: '12', label: 'LG 27GL' },
      ],
      regions: [
        {
          id: 'm',
          view: 'map',
          target: { kind: 'display', display: 'left', rect: { x: 0, y: 0, w: 1, h: 1 } },
        },
        {
          id: 'c',
          view: 'cases',
          target: { kind: 'display', display: 'right', rect: { x: 0, y: 0, w: 1, h: 1 } },
        },
      ],
    };
    const displays = [
      display('901', 0, 0, 1920, 1080, { label: 'LG 27GL' }),
      display('902', 1920, 0, 1920, 1080, { label: 'DELL U2720Q' }),
    ];
    expect(byRegion(planWall(displays, profile).windows)).toEqual({ m: ['902'], c: ['901'] });
    const { windows, warnings } = planWall([displays[0] as DisplayInfo], profile);
    expect(warnings.some((w) => w.startsWith('display left missing'))).toBe(true);
    checkPlan([displays[0] as DisplayInfo], windows);
    expect(windows).toHaveLength(2);
  });

  it('a node sees only its own regions and the shared ones', () => {
    const profile: Profile = {
      ...DUTY,
      id: 'two-pcs',
      regions: DUTY.regions.map((r) =>
        r.target.kind === 'wall' ? { ...r, node: 'wall-pc' } : { ...r, node: 'desk-pc' },
      ),
    };
    const displays = [...wallOf(1, 3), operator1440];
    expect(Object.keys(byRegion(planWall(displays, profile, 'desk-pc').windows)).sort()).toEqual([
      'cases',
      'kpi',
    ]);
    expect(Object.keys(byRegion(planWall(displays, profile, 'wall-pc').windows)).sort()).toEqual([
      'map',
      'video-left',
      'video-right',
    ]);
  });

  it('bezel compensation counts the bezels into the spanned region', () => {
    const displays = wallOf(1, 2);
    const profile: Profile = {
      version: 1,
      id: 'span',
      name: { zh: '跨屏', en: 'Span' },
      bezel: { x: 12, y: 0 },
      regions: [
        { id: 'map', view: 'map', target: { kind: 'wall', rect: { x: 0, y: 0, w: 1, h: 1 } } },
      ],
    };
    const parts = planWall(displays, profile).windows.map((w) => w.params.part);
    expect(parts).toEqual(['0,0,3852,1080', '1932,0,3852,1080']);
  });
});

describe('display sets real halls have', () => {
  /** Region edges of the plan on the wall, in desktop x, left to right. */
  const edges = (windows: readonly WindowPlan[]) =>
    [...new Set(windows.flatMap((w) => [w.bounds.x, w.bounds.x + w.bounds.width]))].sort(
      (a, b) => a - b,
    );

  it('one display that is a 6×3 wall (Mosaic): region edges fall on the seams, not mid-panel', () => {
    const mosaic = display('mosaic', 0, 0, 11520, 3240, { label: 'NVIDIA Mosaic' });
    const displays = [mosaic, operator1440];
    const { windows, warnings } = planWall(displays, DUTY);
    checkPlan(displays, windows);
    expect(warnings).toEqual([]);
    const onWall = windows.filter((w) => w.displayId === 'mosaic');
    // Every window is one panel of the wall: 18 of them, edges on multiples of 1920 only.
    expect(onWall).toHaveLength(18);
    expect(onWall.every((w) => w.bounds.width === 1920 && w.bounds.height === 1080)).toBe(true);
    expect(edges(onWall).every((x) => x % 1920 === 0)).toBe(true);
    // The operator regions stay on the operator screen, not squeezed onto the wall.
    expect(byRegion(windows).cases).toEqual(['op']);
    // Today's mid-panel edges (2016, 6048, 8064) are gone: video, map, video on 1 + 4 + 1 panels.
    const map = windows.filter((w) => w.regionId === 'map');
    expect(edges(map)).toEqual([1920, 3840, 5760, 7680, 9600]);
    expect(new Set(windows.map((w) => w.key)).size).toBe(windows.length);
  });

  it('a declared grid with bezel correction cuts the one display where the user said', () => {
    const wall = display('wall', 0, 0, 3 * 1920 + 2 * 40, 2 * 1080 + 30, { label: 'Controller' });
    const profile: Profile = {
      ...MAP_AND_KPI,
      panels: { cols: 3, rows: 2 },
      bezel: { x: 40, y: 30 },
    };
    const { windows } = planWall([wall, operator1440], profile);
    checkPlan([wall, operator1440], windows);
    const xs = edges(windows.filter((w) => w.displayId === 'wall'));
    expect(xs).toEqual([0, 1920, 1960, 3880, 3920, 5840]);
    // The map's two columns are one picture: their parts leave the hidden 40 px out.
    expect(
      windows
        .filter((w) => w.regionId === 'map')
        .map((w) => w.params.part)
        .sort(),
    ).toEqual(['0,0,3880,2190', '0,1110,3880,2190', '1960,0,3880,2190', '1960,1110,3880,2190']);
  });

  it('a 4K monitor itself is one screen, not a 2×2 wall', () => {
    const { windows } = planWall([display('4k', 0, 0, 3840, 2160)], MAP_AND_KPI);
    expect(byRegion(windows).map).toEqual(['4k']);
  });

  it('a 4K monitor at 200 % beside a 1080p one is not a 2×1 wall (sizes compared in pixels)', () => {
    const fourK = display('4k', 0, 0, 1920, 1080, { scaleFactor: 2, label: '4K' });
    const hd = display('hd', 1920, 0, 1920, 1080, { label: 'HD', primary: true });
    const { windows, warnings } = planWall([fourK, hd], DUTY);
    checkPlan([fourK, hd], windows);
    expect(byRegion(windows).map).toEqual(['4k']);
    expect(byRegion(windows).cases).toEqual(['hd']);
    expect(warnings).toEqual([]);
  });

  it('panels 20 px apart are one wall, and every present display is used or said', () => {
    const gapped = [0, 1, 2].map((c) => display(`g${c}`, c * 1940, 0));
    const op = display('op', 0, 1200, 1920, 1080, { primary: true });
    const { windows, warnings } = planWall([...gapped, op], DUTY);
    checkPlan([...gapped, op], windows);
    expect(byRegion(windows)).toMatchObject({
      'video-left': ['g0'],
      map: ['g1'],
      'video-right': ['g2'],
      cases: ['op'],
    });
    expect(warnings).toEqual([]);
    // Too far apart for the default tolerance: still no display left dark without a word.
    const far = [0, 1].map((c) => display(`f${c}`, c * 2100, 0));
    const plan = planWall([...far, display('f2', 4200, 0, 1280, 1024), op], DUTY);
    for (const d of ['f0', 'f1', 'f2', 'op'])
      expect(
        plan.windows.some((w) => w.displayId === d) ||
          plan.warnings.some((w) => w.includes(`D${d}`) && w.includes('shows nothing')),
        d,
      ).toBe(true);
  });

  it('operator windows keep out of the taskbar; wall panels use their whole bounds', () => {
    const op = display('op', 0, 1080, 1920, 1080, {
      primary: true,
      workArea: { x: 0, y: 1080, width: 1920, height: 1040 },
    });
    const displays = [...wallOf(1, 3), op];
    const { windows } = planWall(displays, DUTY);
    const onOp = windows.filter((w) => w.displayId === 'op');
    expect(Math.max(...onOp.map((w) => w.bounds.y + w.bounds.height))).toBe(1080 + 1040);
    expect(windows.find((w) => w.regionId === 'map')?.bounds.height).toBe(1080);
  });

  it('displays that share a label are named by position', () => {
    const lgs = [0, 1, 2].map((c) => display(`${c}`, c * 1920, 0, 1920, 1080, { label: 'LG' }));
    const profile: Profile = {
      version: 1,
      id: 'pinned-lg',
      name: { zh: '固定', en: 'Pinned' },
      displays: [{ key: 'gone', id: 'x', label: 'Samsung' }],
      regions: [
        {
          id: 'c',
          view: 'cases',
          target: { kind: 'display', display: 'gone', rect: { x: 0, y: 0, w: 1, h: 1 } },
        },
      ],
    };
    const { warnings } = planWall(lgs, profile);
    expect(warnings.find((w) => w.startsWith('display gone missing'))).toMatch(
      /moved to LG \((1st|2nd|3rd) from the left\)/,
    );
    expect(displayName(lgs[1] as DisplayInfo, lgs)).toBe('LG (2nd from the left)');
    expect(displayName(display('x', 0, 0), lgs)).toBe('Dx');
  });
});

describe('planWall properties', () => {
  /** Random halls: a wall grid (holes allowed), operator screens anywhere, mixed sizes and scales. */
  const hall = fc
    .record({
      rows: fc.integer({ min: 1, max: 4 }),
      cols: fc.integer({ min: 1, max: 4 }),
      panel: fc.constantFrom([1920, 1080], [1080, 1920], [2560, 1440], [3840, 2160]),
      holes: fc.array(fc.nat(15), { maxLength: 3 }),
      operators: fc.array(
        fc.record({
          w: fc.constantFrom(1920, 2048, 1366),
          h: fc.constantFrom(1080, 1152, 768),
          x: fc.integer({ min: -8000, max: 8000 }),
          scale: fc.constantFrom(1, 1.25, 1.5),
        }),
        { maxLength: 3 },
      ),
      origin: fc.record({
        x: fc.integer({ min: -4000, max: 4000 }),
        y: fc.integer({ min: -2000, max: 2000 }),
      }),
    })
    .map(({ rows, cols, panel, holes, operators, origin }) => {
      const [w, h] = panel as [number, number];
      const wall = wallOf(rows, cols, w, h, origin.x, origin.y).filter(
        (_, i) => !holes.includes(i) || rows * cols === 1,
      );
      const ops = operators.map((o, i) =>
        display(`op${i}`, o.x, origin.y + rows * h + 100 + i * 2000, o.w, o.h, {
          scaleFactor: o.scale,
        }),
      );
      return [...wall, ...ops];
    });

  it('every window lies inside a present display, and windows of one display never overlap', () => {
    fc.assert(
      fc.property(hall, fc.constantFrom(...BUILTIN_PROFILES), (displays, profile) => {
        if (displays.length === 0) return;
        const { windows } = planWall(displays, profile);
        checkPlan(displays, windows);
        const shown = new Set(windows.map((w) => w.regionId));
        for (const region of profile.regions) expect(shown.has(region.id), region.id).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('replanning the same input, in any order, gives the same plan', () => {
    fc.assert(
      fc.property(hall, fc.constantFrom(...BUILTIN_PROFILES), (displays, profile) => {
        const first = planWall(displays, profile);
        expect(planWall(displays, profile)).toEqual(first);
        expect(planWall([...displays].reverse(), profile).windows).toEqual(first.windows);
      }),
      { numRuns: 200 },
    );
  });
});
