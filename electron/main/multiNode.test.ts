import { afterEach, describe, expect, it } from 'vitest';
import { Gateway } from '../../shared/gateway/gateway';
import { WallStore } from '../../shared/gateway/wallStore';
import { BUILTIN_PROFILES } from '../../shared/layout/builtinProfiles';
import { display } from '../../shared/layout/testDisplays';
import { Hub } from '../hub/hub';
import { tempDir, TEST_CITY, until } from '../hub/testSupport';
import { WallController } from './wallController';
import { WindowManager } from './windowManager';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

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
    const d = wallPc(hub.url, 'hall-2', 'elsewhere-too');
    const pcs = [a, b, c, d];
    await until(() => pcs.every((pc) => pc.store.connection === 'connected'), 5_000, 'four PCs');

    a.controller.relay({ kind: 'profile', origin: 'left', profileId: 'emergency' });
    await until(() => b.controller.activeProfile.id === 'emergency', 5_000, 'the switch on b');
    // Probes sent after b heard the switch: each reaches its PC after anything the hub sent it
    // for the switch (one socket, in order), so their arrival proves the absences below.
    b.controller.relay({ kind: 'scene.capture', origin: 'right', requestId: 'probe' });
    d.controller.relay({ kind: 'scene.capture', origin: 'elsewhere-too', requestId: 'probe' });
    await until(
      () => a.heard.includes('scene.capture') && c.heard.includes('scene.capture'),
      5_000,
      'the probes',
    );

    expect(a.controller.activeProfile.id).toBe('emergency');
    expect(b.controller.activeProfile.id).toBe('emergency');
    expect(c.controller.activeProfile.id).toBe('duty');
    expect(a.heard).toEqual(['scene.capture']); // the switch was not echoed back to the sender
    expect(b.heard).toEqual(['profile']); // and not bounced on by the receiver
    expect(c.heard).toEqual(['scene.capture']); // and never reached the other wall
  });

  it('the hub refuses malformed bus messages', async () => {
    const hub = await startHub();
    const a = wallPc(hub.url, 'hall-1', 'left');
    const b = wallPc(hub.url, 'hall-1', 'right');
    await until(() => [a, b].every((pc) => pc.store.connection === 'connected'), 5_000, 'two PCs');
    // A client that sends garbage straight onto the socket, past the gateway's typing.
    const raw = new WallStore({ scheduler: () => undefined });
    const gw = new Gateway(raw, { url: hub.url, wall: 'hall-1' });
    cleanups.push(async () => gw.stop());
    gw.start();
    await until(() => raw.connection === 'connected', 5_000, 'the raw client');
    gw.publishBus({ kind: 'teleport', origin: 'x' } as never);
    await until(() => hub.diagnostics.rejectedByReason['bad-payload'] === 1, 5_000, 'the refusal');
    // Refused at the hub, so never forwarded: b cannot hear it later either.
    expect(b.heard).toEqual([]);
    expect(hub.diagnostics.rejectedByReason['bad-payload']).toBe(1);
  });
});
