import { afterEach, describe, expect, it } from 'vitest';
import { Gateway } from '../../shared/gateway/gateway';
import { WallStore } from '../../shared/gateway/wallStore';
import { BUILTIN_PROFILES } from '../../shared/layout/builtinProfiles';
import { display } from '../../shared/layout/testDisplays';
import { Hub } from '../hub/hub';
import { tempDir, TEST_CITY } from '../hub/testSupport';
import { WallController } from './wallController';
import { WindowManager } from './windowManager';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One wall PC as main wires it: a gateway to the hub and a controller over (fake) windows. */
function wallPc(hubUrl: string, wall: string, node: string) {
  const manager = new WindowManager({
    open: () => ({
      contentsId: 0,
      setBounds: () => undefined,
      setView: () => undefined,
      send: () => undefined,
      close: () => undefined,
      isDestroyed: () => false,
    }),
  });
  const store = new WallStore({ scheduler: () => undefined });
  const gateway = new Gateway(store, { url: hubUrl, wall, node });
  const controller = new WallController(manager, BUILTIN_PROFILES, {
    node,
    toPeers: (m) => gateway.publishBus(m),
  });
  const heard: string[] = [];
  gateway.onBus((m) => {
    heard.push(m.kind);
    controller.relay(m, true);
  });
  controller.setDisplays([display(`${node}-screen`, 0, 0)]);
  gateway.start();
  cleanups.push(async () => gateway.stop());
  return { controller, store, heard };
}

async function startHub(): Promise<Hub> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const hub = await Hub.start({ city: TEST_CITY, dataDir: dir });
  cleanups.push(() => hub.close());
  return hub;
}

describe('a wall of several PCs', () => {
  it('a profile switch on one PC reaches the other PCs of its wall through the hub, and no other wall', async () => {
    const hub = await startHub();
    const a = wallPc(hub.url, 'hall-1', 'left');
    const b = wallPc(hub.url, 'hall-1', 'right');
    const c = wallPc(hub.url, 'hall-2', 'elsewhere');
    const end = Date.now() + 5_000;
    while ([a, b, c].some((pc) => pc.store.connection !== 'connected') && Date.now() < end)
      await sleep(10);

    a.controller.relay({ kind: 'profile', origin: 'left', profileId: 'emergency' });
    const until = Date.now() + 5_000;
    while (b.controller.activeProfile.id !== 'emergency' && Date.now() < until) await sleep(10);
    await sleep(100);

    expect(a.controller.activeProfile.id).toBe('emergency');
    expect(b.controller.activeProfile.id).toBe('emergency');
    expect(c.controller.activeProfile.id).toBe('duty');
    expect(a.heard).toEqual([]); // not echoed back to the sender
    expect(b.heard).toEqual(['profile']); // and not bounced on by the receiver
  });

  it('the hub refuses malformed bus messages', async () => {
    const hub = await startHub();
    const a = wallPc(hub.url, 'hall-1', 'left');
    const b = wallPc(hub.url, 'hall-1', 'right');
    while ([a, b].some((pc) => pc.store.connection !== 'connected')) await sleep(10);
    // A client that sends garbage straight onto the socket, past the gateway's typing.
    const gw = new Gateway(new WallStore({ scheduler: () => undefined }), {
      url: hub.url,
      wall: 'hall-1',
    });
    cleanups.push(async () => gw.stop());
    gw.start();
    await sleep(300);
    gw.publishBus({ kind: 'teleport', origin: 'x' } as never);
    await sleep(300);
    expect(b.heard).toEqual([]);
    expect(hub.diagnostics.rejectedByReason['bad-payload']).toBe(1);
  });
});
