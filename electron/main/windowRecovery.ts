import { ReloadBackoff } from './reloadBackoff';

/**
 * What to do with a window whose renderer crashed or hung. A crash is reloaded after a backoff.
 * A hang is given a grace period first: a wall window busy for a few seconds (a big city pack
 * uploading, a GPU reset) often answers again, and crashing it on the first "unresponsive" threw
 * that work away. Only a window still hung when the grace ends is crashed and reloaded.
 */
export class WindowRecovery {
  private hungSince: number | undefined;

  constructor(
    private readonly backoff = new ReloadBackoff(),
    readonly graceMs = 15_000,
  ) {}

  /** The renderer process is gone: the delay before reloading it. */
  gone(now: number): number {
    this.hungSince = undefined;
    return this.backoff.next(now);
  }

  /** The window stopped answering: look again (`stillHung`) after `graceMs`. */
  unresponsive(now: number): void {
    this.hungSince ??= now;
  }

  /** It answers again: nothing to do. */
  responsive(): void {
    this.hungSince = undefined;
  }

  /**
   * At a look after the grace: true when the window has been hung all along. Then crash it: its
   * `render-process-gone` comes next, and `gone` gives the reload's delay.
   */
  stillHung(now: number): boolean {
    return this.hungSince !== undefined && now - this.hungSince >= this.graceMs;
  }
}
