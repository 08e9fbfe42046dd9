import { describe, expect, it } from 'vitest';
import { ReloadBackoff } from './reloadBackoff';
import { WindowRecovery } from './windowRecovery';

describe('WindowRecovery', () => {
  it('does not crash a window that answers again within the grace', () => {
    const recovery = new WindowRecovery(new ReloadBackoff(), 15_000);
    recovery.unresponsive(0);
    recovery.responsive();
    expect(recovery.stillHung(15_000)).toBe(false);
  });

  it('crashes a window hung for the whole grace; its reload backs off', () => {
    const recovery = new WindowRecovery(new ReloadBackoff(1_000, 60_000), 15_000);
    recovery.unresponsive(0);
    expect(recovery.stillHung(10_000)).toBe(false);
    expect(recovery.stillHung(15_000)).toBe(true);
    // Crashed, so its renderer is gone: reloaded after the backoff, which grows if it hangs again.
    expect(recovery.gone(15_000)).toBe(1_000);
    expect(recovery.stillHung(16_000)).toBe(false);
    recovery.unresponsive(20_000);
    expect(recovery.stillHung(35_000)).toBe(true);
    expect(recovery.gone(35_000)).toBe(2_000);
  });

  it('counts the grace from the first "unresponsive", not the last', () => {
    const recovery = new WindowRecovery(new ReloadBackoff(), 15_000);
    recovery.unresponsive(0);
    recovery.unresponsive(10_000);
    expect(recovery.stillHung(15_000)).toBe(true);
  });

  it('reloads a crashed renderer after the backoff', () => {
    const recovery = new WindowRecovery(new ReloadBackoff(1_000, 60_000), 15_000);
    expect(recovery.gone(0)).toBe(1_000);
    expect(recovery.gone(100)).toBe(2_000);
  });
});
