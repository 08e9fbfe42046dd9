import { describe, expect, it } from 'vitest';
import { MemoryRecycle } from './memoryRecycle';

const MB = 1024;

describe('renderer memory recycling', () => {
  it('reloads a renderer past the limit, then not again until the interval has passed', () => {
    const recycle = new MemoryRecycle({ limitMb: 1_000, minIntervalMs: 600_000 });
    expect(recycle.check(900 * MB, 0)).toBe(false);
    expect(recycle.check(1_200 * MB, 1_000)).toBe(true);
    // Still big a minute later (it is loading again): left alone.
    expect(recycle.check(1_300 * MB, 61_000)).toBe(false);
    expect(recycle.check(1_300 * MB, 601_000)).toBe(true);
    expect(recycle.count).toBe(2);
  });

  it('ignores a sample it cannot read', () => {
    const recycle = new MemoryRecycle();
    expect(recycle.check(Number.NaN, 0)).toBe(false);
    expect(recycle.check(Number.POSITIVE_INFINITY, 0)).toBe(false);
  });
});
