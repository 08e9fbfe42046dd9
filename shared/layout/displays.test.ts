import { describe, expect, it } from 'vitest';
import { diffPlans } from './displays';
import { display, fullScreenPlans } from './testDisplays';

describe('plan diff', () => {
  it('a hot-plug opens and closes only what changed, and moves what stays', () => {
    const before = new Map(
      fullScreenPlans([display('1', 0, 0), display('2', 1920, 0)]).map((p) => [p.key, p]),
    );
    const after = fullScreenPlans([display('1', 0, 0, 2560, 1440), display('3', 0, 1440)]);
    const diff = diffPlans(before, after);
    expect(diff.open.map((p) => p.key)).toEqual(['display-3']);
    expect(diff.update.map((p) => p.key)).toEqual(['display-1']);
    expect(diff.close).toEqual(['display-2']);
    expect(diffPlans(new Map(after.map((p) => [p.key, p])), after)).toEqual({
      open: [],
      update: [],
      close: [],
    });
  });

  it('a change of view or parameters alone updates the window in place', () => {
    const cases = fullScreenPlans([display('1', 0, 0)]);
    const map = fullScreenPlans([display('1', 0, 0)], 'map');
    const diff = diffPlans(new Map(cases.map((p) => [p.key, p])), map);
    expect(diff).toEqual({ open: [], update: map, close: [] });
  });
});
