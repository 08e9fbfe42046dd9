import { describe, expect, it } from 'vitest';
import type { BusMessage, WallBus } from '../bus/messages';
import { SharedBudget } from './sharedBudget';
import { PRIORITY } from './streamBudget';

/** The bus between windows of one PC: every message reaches every window, the sender's too. */
function memoryBus() {
  const listeners = new Set<(m: BusMessage) => void>();
  const make = (): WallBus => ({
    publish: (m) => [...listeners].forEach((l) => l(structuredClone(m))),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => undefined,
  });
  return make;
}

const tiles = (n: number, priority: number = PRIORITY.visible) =>
  Array.from({ length: n }, (_, i) => ({
    key: `t${String(i).padStart(2, '0')}`,
    host: 'media:80',
    priority,
  }));

describe('one player budget shared by the windows of a PC', () => {
  it('splits the budget between windows, and the most important tiles win across windows', () => {
    let now = 0;
    const bus = memoryBus();
    const timers: (() => void)[] = [];
    const options = (windowKey: string) => ({
      windowKey,
      limits: { maxPlayers: 12, maxPerHost: 12 },
      now: () => now,
      setInterval: (fn: () => void) => timers.push(fn),
      clearInterval: () => undefined,
    });
    const a = new SharedBudget(bus(), options('video-1'));
    const b = new SharedBudget(bus(), options('video-2'));
    let aGranted = a.request(tiles(9));
    a.onChange((g) => (aGranted = g));
    expect(aGranted.size).toBe(9);
    // B asks for 9 with one enlarged tile: together they may hold 12.
    const bGranted = b.request([
      ...tiles(8),
      { key: 'big', host: 'media:80', priority: PRIORITY.enlarged },
    ]);
    expect(aGranted.size + bGranted.size).toBe(12);
    expect(bGranted.has('big')).toBe(true);

    // B's window closes: A gets its nine back at once.
    b.close();
    expect(aGranted.size).toBe(9);

    // A window that goes silent (crashed) is forgotten after the timeout.
    const c = new SharedBudget(bus(), { ...options('video-3'), setInterval: () => undefined });
    c.request(tiles(12, PRIORITY.alarm));
    expect(aGranted.size).toBe(0);
    now = 11_000;
    timers.forEach((tick) => tick());
    expect(aGranted.size).toBe(9);
  });
});
