import { describe, expect, it } from 'vitest';
import { cameraAlarms, planScreen, planShare, sameAlarms, type ScreenState } from './screenPlanner';
import { PRIORITY } from './streamBudget';

const base: ScreenState = {
  cells: 4,
  scene: { ids: ['c1', 'c2', 'c3', 'c4'], next: ['c5', 'c6', 'c7', 'c8'] },
  pinned: [],
  manual: {},
  alarms: new Map(),
};

describe('planScreen', () => {
  it('shows the rotation screen, visible priority, preloads the next, holds for nothing', () => {
    const plan = planScreen(base);
    expect(plan.slots.map((s) => s.cameraId)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(plan.slots.every((s) => s.priority === PRIORITY.visible)).toBe(true);
    expect(plan.preload).toEqual(['c5', 'c6', 'c7', 'c8']);
    expect([...plan.holdReasons]).toEqual([]);
  });

  it('puts pinned cameras first without showing them twice, and holds for the linkage', () => {
    const plan = planScreen({ ...base, pinned: ['c3', 'p1'] });
    expect(plan.slots.map((s) => s.cameraId)).toEqual(['c3', 'p1', 'c1', 'c2']);
    expect(plan.slots[0]?.priority).toBe(PRIORITY.pinned);
    expect([...plan.holdReasons]).toEqual(['linkage']);
  });

  it('hand-placed cameras win their slot; slots past the split are ignored', () => {
    const plan = planScreen({ ...base, manual: { 1: 'm1', 9: 'm9' } });
    expect(plan.slots.map((s) => s.cameraId)).toEqual(['c1', 'm1', 'c3', 'c4']);
    expect(plan.holdReasons.has('manual')).toBe(true);
  });

  it('an alarm on screen raises its tile and holds the rotation; one off screen does not', () => {
    const alarms = new Map([
      ['c2', { id: 'A1', text: '占道经营' }],
      ['c9', { id: 'A2', text: 'elsewhere' }],
    ]);
    const plan = planScreen({ ...base, alarms });
    expect(plan.slots[1]?.priority).toBe(PRIORITY.alarm);
    expect([...plan.holdReasons]).toEqual(['alarm:A1']);
  });

  it('an enlarged tile takes the top priority, the covered ones none, nothing preloads, and the rotation holds', () => {
    const plan = planScreen({ ...base, enlarged: 2 });
    expect(plan.slots.map((s) => s.priority)).toEqual([0, 0, PRIORITY.enlarged, 0]);
    expect([...plan.holdReasons]).toEqual(['enlarged']);
    expect(plan.preload).toEqual([]);
  });

  it('leaves slots empty when there are fewer cameras than tiles', () => {
    const plan = planScreen({ ...base, cells: 6 });
    expect(plan.slots.map((s) => s.cameraId)).toEqual([
      'c1',
      'c2',
      'c3',
      'c4',
      undefined,
      undefined,
    ]);
  });
});

describe('planShare: a split spread over the panels of a region', () => {
  const cams = (from: number, n: number) => Array.from({ length: n }, (_, i) => `c${from + i}`);
  const region: ScreenState = {
    ...base,
    scene: { ids: cams(1, 12), next: cams(13, 12) },
  };

  it('each of three panels shows its own four cameras, never the same ones', () => {
    const shown = [0, 1, 2].map((index) =>
      planShare(region, { index, count: 3 }).slots.map((s) => s.cameraId),
    );
    expect(shown).toEqual([cams(1, 4), cams(5, 4), cams(9, 4)]);
    expect(planShare(region, { index: 2, count: 3 }).preload).toEqual(cams(21, 4));
  });

  it('pinned cameras go first in the region, not once per panel', () => {
    const pinned = { ...region, pinned: ['p1', 'p2'] };
    const first = planShare(pinned, { index: 0, count: 3 }).slots.map((s) => s.cameraId);
    const second = planShare(pinned, { index: 1, count: 3 }).slots.map((s) => s.cameraId);
    expect(first).toEqual(['p1', 'p2', 'c1', 'c2']);
    expect(second).toEqual(cams(3, 4));
  });

  it('hand placing and enlarging stay in their window; an alarm anywhere holds every panel', () => {
    const state = { ...region, manual: { 0: 'm1' }, enlarged: 1 };
    const plan = planShare(state, { index: 1, count: 3 });
    expect(plan.slots.map((s) => s.cameraId)).toEqual(['m1', 'c6', 'c7', 'c8']);
    expect(plan.slots.map((s) => s.priority)).toEqual([0, PRIORITY.enlarged, 0, 0]);
    const alarmed = { ...region, alarms: new Map([['c10', { id: 'a1', text: 'smoke' }]]) };
    expect([...planShare(alarmed, { index: 0, count: 3 }).holdReasons]).toEqual(['alarm:a1']);
  });
});

describe('camera alarms', () => {
  const alarms = [
    { id: 'A1', cameraId: 'c1', acknowledged: false, message: 'one' },
    { id: 'A2', cameraId: 'c2', acknowledged: true, message: 'acked by the platform' },
    { id: 'A3', acknowledged: false, message: 'no camera' },
    { id: 'A4', cameraId: 'c3', acknowledged: false, message: 'acked on this wall' },
  ];

  it('keeps the unacknowledged ones on cameras', () => {
    expect([...cameraAlarms(alarms, new Set(['A4']))]).toEqual([['c1', { id: 'A1', text: 'one' }]]);
  });

  it('compares by content, so the view keeps the old map when nothing changed', () => {
    const a = cameraAlarms(alarms, new Set());
    expect(sameAlarms(a, cameraAlarms(alarms, new Set()))).toBe(true);
    expect(sameAlarms(a, cameraAlarms(alarms, new Set(['A1'])))).toBe(false);
  });
});
