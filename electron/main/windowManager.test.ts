import { describe, expect, it } from 'vitest';
import type { DisplayInfo, Rect, WindowPlan } from '../../shared/layout/displays';
import { fullScreenPlans as planBoardWindows } from '../../shared/layout/testDisplays';
import { WindowManager, type WindowFactory, type WindowHandle } from './windowManager';

const display = (id: string, x: number, width = 1920): DisplayInfo => ({
  id,
  label: id,
  bounds: { x, y: 0, width, height: 1080 },
  workArea: { x, y: 0, width, height: 1080 },
  scaleFactor: 1,
  rotation: 0,
});

/** A stand-in for BrowserWindow that records what was done to it. */
function fakeFactory() {
  const log: string[] = [];
  const closers = new Map<string, () => void>();
  let ids = 0;
  const factory: WindowFactory = {
    open(plan: WindowPlan, onClosed) {
      const id = ++ids;
      let destroyed = false;
      log.push(`open ${plan.key}`);
      closers.set(plan.key, () => {
        destroyed = true;
        onClosed();
      });
      const handle: WindowHandle = {
        contentsId: id,
        setBounds: (b: Rect) => log.push(`move ${plan.key} ${b.x},${b.y} ${b.width}x${b.height}`),
        setView: (v) => log.push(`view ${plan.key} ${v}`),
        send: (channel) => log.push(`send ${plan.key} ${channel}`),
        close: () => {
          destroyed = true;
          log.push(`close ${plan.key}`);
        },
        isDestroyed: () => destroyed,
      };
      return handle;
    },
  };
  return { factory, log, closers };
}

describe('WindowManager', () => {
  it('applies hot-plugs as a difference: the window that stays is moved, not reopened', () => {
    const { factory, log } = fakeFactory();
    const manager = new WindowManager(factory);
    expect(manager.apply(planBoardWindows([display('a', 0), display('b', 1920)]))).toEqual({
      opened: 2,
      updated: 0,
      closed: 0,
    });
    expect(manager.apply(planBoardWindows([display('a', 0, 2560)]))).toEqual({
      opened: 0,
      updated: 1,
      closed: 1,
    });
    expect(log).toEqual([
      'open display-a',
      'open display-b',
      'close display-b',
      'move display-a 0,0 2560x1080',
    ]);
    expect(manager.size).toBe(1);
  });

  it('broadcasts to live windows only and forgets windows the user closed', () => {
    const { factory, log, closers } = fakeFactory();
    const manager = new WindowManager(factory);
    manager.apply(planBoardWindows([display('a', 0), display('b', 1920)]));
    closers.get('display-b')?.();
    manager.broadcast('wall:language', 'en');
    expect(log.filter((l) => l.startsWith('send'))).toEqual(['send display-a wall:language']);
    expect(manager.size).toBe(1);
    expect(manager.planFor(1)?.key).toBe('display-a');
  });
});
