import { describe, expect, it } from 'vitest';
import type { WallSnapshot } from '../../shared/gateway/wallStore';
import { DUTY } from '../../shared/layout/builtinProfiles';
import { registerInvokeHandlers, type InvokeHandlers, type InvokeSender } from './ipcRouter';

function setup() {
  const routes = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const languages: string[] = [];
  const bus: string[] = [];
  const saved: string[] = [];
  const refused: string[] = [];
  const handlers: InvokeHandlers = {
    'wall:snapshot': () => ({ lastSeq: 7 }) as unknown as WallSnapshot,
    'wall:window-info': (sender) => ({
      windowId: String(sender.contentsId),
      displayLabel: 'd',
      view: 'cases',
      language: 'zh-CN',
      hub: 'embedded',
      warnings: [],
    }),
    'wall:set-language': (_s, language) => {
      languages.push(language);
    },
    'wall:bus': (_s, message) => {
      bus.push(message.kind);
    },
    'wall:profiles': () => ({ active: 'duty', profiles: [], warnings: [] }),
    'wall:displays': () => [],
    'wall:print-pdf': () => new Uint8Array([0x25, 0x50, 0x44, 0x46]),
    'wall:scenes': () => ({ book: { version: 1, scenes: [] }, warnings: [] }),
    'wall:save-scenes': (_s, book) => ({ book, warnings: [] }),
    'wall:save-profile': (_s, profile) => {
      saved.push(profile.id);
      return { active: 'duty', profiles: [profile], warnings: [] };
    },
  };
  registerInvokeHandlers(
    { handle: (c, l) => routes.set(c, l) },
    handlers,
    (e) => e as InvokeSender,
    (why) => refused.push(why),
  );
  const call = (channel: string, sender: Partial<InvokeSender>, ...args: unknown[]) =>
    (routes.get(channel) as (e: unknown, ...a: unknown[]) => Promise<unknown>)(
      { frameUrl: 'app://wall/index.html', isMainFrame: true, contentsId: 3, ...sender },
      ...args,
    );
  return { routes, call, languages, refused, bus, saved };
}

describe('IPC router', () => {
  it('registers every channel of the contract', () => {
    expect([...setup().routes.keys()].sort()).toEqual([
      'wall:bus',
      'wall:displays',
      'wall:print-pdf',
      'wall:profiles',
      'wall:save-profile',
      'wall:save-scenes',
      'wall:scenes',
      'wall:set-language',
      'wall:snapshot',
      'wall:window-info',
    ]);
  });

  it('answers the app’s own main frame', async () => {
    const { call, languages } = setup();
    await expect(call('wall:snapshot', {})).resolves.toEqual({ lastSeq: 7 });
    await call('wall:set-language', {}, 'en');
    expect(languages).toEqual(['en']);
  });

  it('refuses other origins and sub-frames', async () => {
    const { call, refused } = setup();
    await expect(call('wall:snapshot', { frameUrl: 'https://evil.example/' })).rejects.toThrow(
      /untrusted/,
    );
    await expect(call('wall:snapshot', { isMainFrame: false })).rejects.toThrow(/untrusted/);
    expect(refused).toHaveLength(2);
  });

  it('saves only profiles that validate', async () => {
    const { call, saved } = setup();
    await call('wall:save-profile', {}, { ...DUTY, id: 'mine' });
    await expect(call('wall:save-profile', {}, { ...DUTY, id: 'Bad Id!' })).rejects.toThrow(
      /bad arguments/,
    );
    await expect(call('wall:save-profile', {}, { ...DUTY, regions: [] })).rejects.toThrow(
      /bad arguments/,
    );
    expect(saved).toEqual(['mine']);
  });

  it('validates bus messages before relaying them', async () => {
    const { call, bus } = setup();
    await call('wall:bus', {}, { kind: 'profile', origin: 'w', profileId: 'duty' });
    await expect(call('wall:bus', {}, { kind: 'profile', origin: 'w' })).rejects.toThrow(
      /bad arguments/,
    );
    await expect(call('wall:bus', {}, { kind: 'teleport', origin: 'w' })).rejects.toThrow(
      /bad arguments/,
    );
    expect(bus).toEqual(['profile']);
  });

  it('validates arguments before the handler sees them', async () => {
    const { call, languages } = setup();
    await expect(call('wall:set-language', {}, 'klingon')).rejects.toThrow(/bad arguments/);
    await expect(call('wall:snapshot', {}, 'extra')).rejects.toThrow(/bad arguments/);
    expect(languages).toEqual([]);
  });
});
