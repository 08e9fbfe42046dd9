import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from '../../shared/layout/builtinProfiles';
import type { WindowPlan } from '../../shared/layout/displays';
import { display, wallOf } from '../../shared/layout/testDisplays';
import { WallController } from './wallController';
import { WindowManager, type WindowHandle } from './windowManager';

/** Fake windows that remember what was done to them. */
function fakeWindows() {
  const events: string[] = [];
  const open = new Map<
    string,
    { plan: WindowPlan; received: { channel: string; payload: unknown }[] }
  >();
  let ids = 0;
  const manager = new WindowManager({
    open(plan, onClosed): WindowHandle {
      const record = { plan, received: [] as { channel: string; payload: unknown }[] };
      open.set(plan.key, record);
      events.push(`open ${plan.regionId}`);
      let destroyed = false;
      void onClosed;
      return {
        contentsId: ++ids,
        setBounds: () => events.push(`move ${plan.key}`),
        setView: (view) => events.push(`view ${plan.key} ${view}`),
        send: (channel, payload) => record.received.push({ channel, payload }),
        close: () => {
          destroyed = true;
          open.delete(plan.key);
          events.push(`close ${plan.key}`);
        },
        isDestroyed: () => destroyed,
      };
    },
  });
  return { manager, events, open };
}

const hall = [...wallOf(3, 3), display('op', 0, 3240, 2048, 1152, { primary: true })];

describe('WallController', () => {
  it('plans the active profile onto the displays and replans on a hot-plug', () => {
    const { manager, open } = fakeWindows();
    const wall = new WallController(manager, BUILTIN_PROFILES);
    wall.setDisplays(hall);
    expect(open.size).toBe(11);
    wall.setDisplays(hall.filter((d) => d.id !== 'w22'));
    expect(open.size).toBe(10);
    expect(wall.profileList().warnings).toContain('wall panel row 3, column 3 missing');
  });

  it('a profile switch changes views in place where windows keep their place, and reopens only the rest', () => {
    const { manager, events } = fakeWindows();
    const wall = new WallController(manager, BUILTIN_PROFILES);
    wall.setDisplays(hall);
    events.length = 0;
    wall.relay({ kind: 'profile', origin: 'w1', profileId: 'emergency' });
    expect(wall.activeProfile.id).toBe('emergency');
    // Nine wall panels keep their bounds: their views change in place. The operator screen's
    // two regions change shape, so those two windows are replaced.
    expect(events.filter((e) => e.startsWith('view w'))).toHaveLength(9);
    expect(events.filter((e) => e.startsWith('open'))).toHaveLength(2);
    expect(events.filter((e) => e.startsWith('close'))).toHaveLength(2);
    expect(events.filter((e) => e.startsWith('close w') || e.startsWith('move'))).toEqual([]);
  });

  it('relays bus messages to every window and ignores unknown profiles', () => {
    const { manager, open } = fakeWindows();
    const wall = new WallController(manager, BUILTIN_PROFILES);
    wall.setDisplays(hall);
    wall.relay({ kind: 'selection', origin: 'x', selection: { type: 'case', id: 'C1' } });
    for (const w of open.values())
      expect(w.received.some((r) => r.channel === 'wall:bus')).toBe(true);
    expect(wall.setProfile('nope')).toBe(false);
    expect(wall.profileAt(1)).toBe('briefing');
  });

  it("keeps a window's video demand on this PC: every window hears it, no peer does", () => {
    const { manager, open } = fakeWindows();
    const peers: string[] = [];
    const wall = new WallController(manager, BUILTIN_PROFILES, {
      toPeers: (m) => peers.push(m.kind),
    });
    wall.setDisplays(hall);
    wall.relay({ kind: 'video.demand', origin: 'v1', demands: [] });
    wall.relay({ kind: 'selection', origin: 'v1', selection: null });
    expect(peers).toEqual(['selection']);
    for (const w of open.values())
      expect(w.received.filter((r) => r.channel === 'wall:bus')).toHaveLength(2);
  });
});
