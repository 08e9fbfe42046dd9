import { describe, expect, it } from 'vitest';
import { allocate, PRIORITY } from './streamBudget';

describe('stream budget', () => {
  it('gives players by priority within the wall-wide and per-host limits', () => {
    const demands = [
      ...Array.from({ length: 16 }, (_, i) => ({
        key: `v${String(i).padStart(2, '0')}`,
        host: i < 12 ? 'a:80' : 'b:80',
        priority: PRIORITY.visible,
      })),
      { key: 'p1', host: 'a:80', priority: PRIORITY.preload },
      { key: 'p2', host: 'b:80', priority: PRIORITY.preload },
      { key: 'big', host: 'a:80', priority: PRIORITY.enlarged },
    ];
    const granted = allocate(demands, { maxPlayers: 17, maxPerHost: 10 });
    expect(granted.size).toBe(15);
    expect(granted.has('big')).toBe(true);
    // Host a: big + 9 visible; host b: its 4 visible + one preload; p1 is over a's limit.
    expect([...granted].filter((k) => k.startsWith('v')).length).toBe(13);
    expect(granted.has('p2')).toBe(true);
    expect(granted.has('p1')).toBe(false);
    expect(granted.has('v10')).toBe(false);
  });

  it('is the same whatever order the demands arrive in', () => {
    const demands = Array.from({ length: 30 }, (_, i) => ({
      key: `k${i}`,
      host: `h${i % 3}`,
      priority: i % 4,
    }));
    const a = allocate(demands, { maxPlayers: 12, maxPerHost: 5 });
    const b = allocate([...demands].reverse(), { maxPlayers: 12, maxPerHost: 5 });
    expect(a.size).toBe(12);
    expect([...a].sort()).toEqual([...b].sort());
  });
});
