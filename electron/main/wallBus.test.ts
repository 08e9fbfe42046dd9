import { describe, expect, it } from 'vitest';
import { BridgeBus } from '../../shared/bus/bridgeBus';
import { BroadcastBus, type ChannelLike } from '../../shared/bus/broadcastBus';
import type { BusMessage, WallBus } from '../../shared/bus/messages';
import { BUILTIN_PROFILES } from '../../shared/layout/builtinProfiles';
import { display } from '../../shared/layout/testDisplays';
import { until } from '../hub/testSupport';
import { registerInvokeHandlers, type InvokeHandlers, type InvokeSender } from './ipcRouter';
import { WallController } from './wallController';
import { WindowManager } from './windowManager';

const MESSAGES: BusMessage[] = [
  { kind: 'selection', origin: 'A', selection: { type: 'case', id: '441202202611230001' } },
  { kind: 'focus', origin: 'A', position: { lon: 112.47, lat: 23.05 }, zoom: 15 },
  { kind: 'scene.capture', origin: 'A', requestId: 'r1' },
  { kind: 'map.style', origin: 'A', layers: ['buildings', 'heat'], heat: 'week' },
  { kind: 'profile', origin: 'A', profileId: 'duty' },
  { kind: 'selection', origin: 'A', selection: null },
];

/** Browser preview: pages on one BroadcastChannel name. */
function broadcastPath(): { a: WallBus; b: WallBus; close: () => void } {
  const name = `citywall-test-${Math.random()}`;
  const a = new BroadcastBus(new BroadcastChannel(name) as unknown as ChannelLike);
  const b = new BroadcastBus(new BroadcastChannel(name) as unknown as ChannelLike);
  return { a, b, close: () => [a, b].forEach((bus) => bus.close()) };
}

/** Electron: each window's bus invokes main through the IPC router; main's controller relays to all windows. */
function electronPath(): { a: WallBus; b: WallBus; close: () => void } {
  const inboxes = new Map<number, Set<(m: unknown) => void>>();
  let ids = 0;
  const manager = new WindowManager({
    open() {
      const id = ++ids;
      inboxes.set(id, new Set());
      return {
        contentsId: id,
        setBounds: () => undefined,
        setView: () => undefined,
        send: (channel, payload) => {
          if (channel === 'wall:bus') for (const l of inboxes.get(id) ?? []) l(payload);
        },
        close: () => undefined,
        isDestroyed: () => false,
      };
    },
  });
  const wall = new WallController(manager, BUILTIN_PROFILES);
  wall.setDisplays([
    display('op', 0, 0, 1920, 1080, { primary: true }),
    display('wall', 1920, 0, 3840, 2160),
  ]);
  const routes = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const handlers = {
    'wall:bus': (_s: InvokeSender, m: BusMessage) => wall.relay(m),
  } as unknown as InvokeHandlers;
  registerInvokeHandlers(
    { handle: (c, l) => routes.set(c, l) },
    handlers,
    (e) => e as InvokeSender,
  );
  const busFor = (contentsId: number) =>
    new BridgeBus({
      publishBus: async (m) => {
        await (routes.get('wall:bus') as (e: unknown, ...a: unknown[]) => Promise<void>)(
          { frameUrl: 'app://wall/index.html', isMainFrame: true, contentsId },
          m,
        );
      },
      onBus: (listener) => {
        inboxes.get(contentsId)?.add(listener);
        return () => inboxes.get(contentsId)?.delete(listener);
      },
    });
  const a = busFor(1);
  const b = busFor(2);
  return { a, b, close: () => [a, b].forEach((bus) => bus.close()) };
}

async function run(path: { a: WallBus; b: WallBus; close: () => void }) {
  const got = { a: [] as BusMessage[], b: [] as BusMessage[] };
  path.a.subscribe((m) => got.a.push(m));
  path.b.subscribe((m) => got.b.push(m));
  for (const m of MESSAGES) path.a.publish(m);
  await until(
    () => got.a.length >= MESSAGES.length && got.b.length >= MESSAGES.length,
    5_000,
    'every message at both ends',
  );
  path.close();
  return got;
}

describe('wall bus', () => {
  it('delivers the same messages, in the same order, through main (Electron) and BroadcastChannel (preview)', async () => {
    const viaMain = await run(electronPath());
    const viaChannel = await run(broadcastPath());
    expect(viaMain.b).toEqual(MESSAGES);
    expect(viaMain.a).toEqual(MESSAGES);
    expect(viaChannel).toEqual(viaMain);
  });

  it('drops malformed messages at the receiving end', async () => {
    const name = `citywall-test-${Math.random()}`;
    const raw = new BroadcastChannel(name);
    const bus = new BroadcastBus(new BroadcastChannel(name) as unknown as ChannelLike);
    const got: BusMessage[] = [];
    bus.subscribe((m) => got.push(m));
    raw.postMessage({ kind: 'profile', origin: 'x' });
    raw.postMessage('garbage');
    raw.postMessage({ kind: 'map.style', origin: 'x', heat: 'sometime' });
    raw.postMessage({ kind: 'scene.capture', origin: 'x', requestId: 'ok' });
    // Messages on one channel arrive in order: once the good one is in, the bad ones were seen.
    await until(() => got.length === 1 && bus.refusedCount === 3, 5_000, 'the four messages');
    expect(got).toEqual([{ kind: 'scene.capture', origin: 'x', requestId: 'ok' }]);
    expect(bus.refusedCount).toBe(3);
    raw.close();
    bus.close();
  });
});
