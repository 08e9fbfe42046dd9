import { describe, expect, it } from 'vitest';
import { ReloadBackoff } from './reloadBackoff';

describe('ReloadBackoff', () => {
  it('doubles while a window keeps failing, caps at a minute, and resets once it stayed up', () => {
    const backoff = new ReloadBackoff();
    const delays = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => backoff.next(i * 1_000));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(backoff.next(7_000 + 5 * 60_000 + 1)).toBe(1_000);
  });
});
