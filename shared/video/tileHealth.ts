/**
 * The health of one video tile, decided from what the player reports: is time advancing, is the
 * playlist still growing, did loading fail. Pure and clock-driven so every rule is tested without
 * a browser. A tile must never look live while it is not: a frozen picture is shown as stalled.
 */
/**
 * Every state a tile can be in, the one list the tiles, their labels and the README share:
 * idle (no stream in the slot), connecting, playing, stalled, offline, error, paused (hidden).
 */
export const TILE_STATES = [
  'idle',
  'connecting',
  'playing',
  'stalled',
  'offline',
  'error',
  'paused',
] as const;
export type TileState = (typeof TILE_STATES)[number];

export type HealthAction =
  | { readonly kind: 'none' }
  /** Throw the player away and load the stream again at `at` (ms). */
  | { readonly kind: 'restart'; readonly at: number }
  | { readonly kind: 'recoverMedia' }
  | { readonly kind: 'seekLive' };

export interface HealthOptions {
  /** Playback time standing still this long while it should run: stalled. */
  readonly stallMs?: number;
  /** A live playlist that stopped growing for this long: the source stalled. */
  readonly staleMs?: number;
  /** Nothing played this long after a (re)start: offline. */
  readonly connectTimeoutMs?: number;
  /** Backoff between reconnects of an offline stream: short, a camera back must be seen at once. */
  readonly offlineBackoffMs?: readonly number[];
  readonly errorBackoffMs?: readonly number[];
}

const NONE: HealthAction = { kind: 'none' };

export class TileHealth {
  private current: TileState = 'idle';
  private changedAt = 0;
  private startedAt = 0;
  private lastTime = Number.NaN;
  private lastAdvanceAt = 0;
  private lastPlaylistGrowthAt = 0;
  private everPlayed = false;
  private failures = 0;
  private mediaFailureAt = -Infinity;
  private mediaProblemAt = -Infinity;
  private mediaProblem = '';
  private seekedAt = -Infinity;
  private restartAt: number | undefined;
  private readonly stallMs: number;
  private readonly staleMs: number;
  private readonly connectTimeoutMs: number;
  private readonly offlineBackoff: readonly number[];
  private readonly errorBackoff: readonly number[];
  /** Why the tile is in its state, for the diagnostics line (e.g. "HTTP 404"). */
  reason = '';

  constructor(options: HealthOptions = {}) {
    this.stallMs = options.stallMs ?? 2_500;
    this.staleMs = options.staleMs ?? 4_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 8_000;
    this.offlineBackoff = options.offlineBackoffMs ?? [500, 1_000, 2_000, 3_000];
    this.errorBackoff = options.errorBackoffMs ?? [2_000, 5_000, 10_000, 20_000];
  }

  get state(): TileState {
    return this.current;
  }

  get since(): number {
    return this.changedAt;
  }

  /** When a scheduled restart is due, if one is. */
  get pendingRestart(): number | undefined {
    return this.restartAt;
  }

  /** A source was set or the player was (re)created. */
  start(now: number): void {
    this.startedAt = now;
    this.lastAdvanceAt = now;
    this.lastPlaylistGrowthAt = now;
    this.lastTime = Number.NaN;
    this.restartAt = undefined;
    if (this.current !== 'offline' && this.current !== 'error') this.set('connecting', now, '');
  }

  stop(now: number): void {
    this.restartAt = undefined;
    this.failures = 0;
    this.everPlayed = false;
    this.set('idle', now, '');
  }

  pause(now: number): void {
    this.restartAt = undefined;
    this.set('paused', now, '');
  }

  /** The playlist was (re)loaded; `grew` when it had segments the last load did not. */
  playlist(now: number, grew: boolean): void {
    if (grew) this.lastPlaylistGrowthAt = now;
    if (this.current === 'offline') this.set('connecting', now, '');
  }

  /** Loading the playlist or a segment failed; `fatal` when the player gave up on its own. */
  networkFailure(now: number, fatal: boolean, reason: string): HealthAction {
    if (this.current === 'idle' || this.current === 'paused') return NONE;
    this.set('offline', now, reason);
    return fatal ? this.scheduleRestart(now, this.offlineBackoff) : NONE;
  }

  /** The stream arrived but cannot be played (bad segment, codec). One recovery, then error. */
  mediaFailure(now: number, fatal: boolean, reason: string): HealthAction {
    if (this.current === 'idle' || this.current === 'paused' || !fatal) return NONE;
    if (now - this.mediaFailureAt > 10_000) {
      this.mediaFailureAt = now;
      return { kind: 'recoverMedia' };
    }
    this.set('error', now, reason);
    return this.scheduleRestart(now, this.errorBackoff);
  }

  /**
   * A segment could not be used (the player skips it and goes on). Alone it changes nothing; a
   * tile that then shows no picture is broken, not offline, and says why.
   */
  mediaProblemSeen(now: number, reason: string): void {
    this.mediaProblemAt = now;
    this.mediaProblem = reason;
  }

  /** The content is not a stream at all (unparsable playlist, no playable codec). */
  fatalError(now: number, reason: string): HealthAction {
    if (this.current === 'idle' || this.current === 'paused') return NONE;
    this.set('error', now, reason);
    return this.scheduleRestart(now, this.errorBackoff);
  }

  /** A periodic look at the video element's clock; returns what the tile should do about it. */
  sample(now: number, currentTime: number): HealthAction {
    if (this.current === 'idle' || this.current === 'paused') return NONE;
    if (this.restartAt !== undefined) {
      if (now < this.restartAt) return NONE;
      const at = this.restartAt;
      this.restartAt = undefined;
      return { kind: 'restart', at };
    }
    const advanced = Number.isFinite(this.lastTime) && currentTime > this.lastTime + 0.01;
    this.lastTime = currentTime;
    if (advanced) {
      this.lastAdvanceAt = now;
      this.everPlayed = true;
      if (this.current !== 'playing') this.set('playing', now, '');
      if (now - this.changedAt > 10_000) this.failures = 0;
      return NONE;
    }
    if (this.current === 'offline' || this.current === 'error') return NONE;
    const brokenMedia = now - this.mediaProblemAt < 10_000;
    if (this.current === 'connecting') {
      if (now - this.startedAt < this.connectTimeoutMs) return NONE;
      if (brokenMedia) return this.fatalError(now, this.mediaProblem);
      this.set('offline', now, this.everPlayed ? 'no new video' : 'no video arrived');
      return this.scheduleRestart(now, this.offlineBackoff);
    }
    const stuckFor = now - this.lastAdvanceAt;
    if (stuckFor < this.stallMs) return NONE;
    if (brokenMedia) return this.fatalError(now, this.mediaProblem);
    const sourceStale = now - this.lastPlaylistGrowthAt >= this.staleMs;
    this.set('stalled', now, sourceStale ? 'stream not advancing' : 'playback stuck');
    // A source that stopped is waited for: the player keeps asking for the playlist.
    if (sourceStale || stuckFor < this.stallMs + 2_000) return NONE;
    // The stream moves on but this player does not: jump to the live edge, then start over.
    if (stuckFor > this.stallMs + 8_000) return this.scheduleRestart(now, this.offlineBackoff);
    if (now - this.seekedAt > 4_000) {
      this.seekedAt = now;
      return { kind: 'seekLive' };
    }
    return NONE;
  }

  private scheduleRestart(now: number, ladder: readonly number[]): HealthAction {
    const delay = ladder[Math.min(this.failures, ladder.length - 1)] ?? 1_000;
    this.failures += 1;
    this.restartAt = now + delay;
    return NONE;
  }

  private set(state: TileState, now: number, reason: string): void {
    if (state !== this.current) this.changedAt = now;
    this.current = state;
    this.reason = reason;
  }
}
