import { describe, expect, it } from 'vitest';
import { diffPlans, planBoardWindows, type DisplayInfo } from './displays';

const display = (id: string, x: number, y: number, width = 1920, height = 1080): DisplayInfo => ({
  id,
  label: `D${id}`,
  bounds: { x, y, width, height },
  workArea: { x, y, width, height },
  scaleFactor: 1,
  rotation: 0,
});

describe('board windows', () => {
  it('opens one full-display window per display, in wall order, negative origins included', () => {
    const plans = planBoardWindows([
      display('2', 1920, 0),
      display('1', 0, 0),
      display('3', -1920, 0, 2560, 1440),
    ]);
    expect(plans.map((p) => p.displayId)).toEqual(['3', '1', '2']);
    expect(plans[0]?.bounds).toEqual({ x: -1920, y: 0, width: 2560, height: 1440 });
  });

  it('a hot-plug opens and closes only what changed, and moves what stays', () => {
    const before = new Map(
      planBoardWindows([display('1', 0, 0), display('2', 1920, 0)]).map((p) => [p.key, p]),
    );
    const after = planBoardWindows([display('1', 0, 0, 2560, 1440), display('3', 0, 1440)]);
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
});
