import { describe, expect, it } from 'vitest';
import { TileHealth } from './tileHealth';

/** Samples the clock every 250 ms, as the tile does, with video time from `time(t)`. */
function run(health: TileHealth, from: number, to: number, time: (t: number) => number) {
  const actions: { t: number; kind: string }[] = [];
  for (let t = from; t <= to; t += 250) {
    const action = health.sample(t, time(t));
    if (action.kind !== 'none') actions.push({ t, kind: action.kind });
  }
  return actions;
}

describe('tile health', () => {
  it('goes connecting → playing when time advances', () => {
    const h = new TileHealth();
    h.start(0);
    expect(h.state).toBe('connecting');
    run(h, 0, 2_000, (t) => (t < 1_000 ? 0 : (t - 1_000) / 1_000));
    expect(h.state).toBe('playing');
  });

  it('calls a frozen picture stalled, and says the source stopped when the playlist does', () => {
    const h = new TileHealth();
    h.start(0);
    run(h, 0, 5_000, (t) => t / 1_000);
    // The playlist last grew at 5 s; video time stops there too.
    h.playlist(5_000, true);
    run(h, 5_250, 7_250, () => 5);
    expect(h.state).toBe('playing');
    const actions = run(h, 7_750, 12_000, () => 5);
    expect(h.state).toBe('stalled');
    expect(h.reason).toBe('stream not advancing');
    expect(actions).toEqual([]);
    // The stream moves again: so does the tile.
    h.playlist(12_000, true);
    run(h, 12_250, 13_000, (t) => 5 + (t - 12_000) / 1_000);
    expect(h.state).toBe('playing');
  });

  it('jumps to live when the stream moves but the player is stuck, then starts over', () => {
    const h = new TileHealth();
    h.start(0);
    run(h, 0, 3_000, (t) => t / 1_000);
    const actions: { t: number; kind: string }[] = [];
    for (let t = 3_250; t <= 20_000; t += 250) {
      h.playlist(t, t % 1_000 === 0);
      const a = h.sample(t, 3);
      if (a.kind !== 'none') actions.push({ t, kind: a.kind });
    }
    expect(h.reason).toBe('playback stuck');
    expect(actions[0]).toEqual({ t: 7_500, kind: 'seekLive' });
    expect(actions.some((a) => a.kind === 'restart')).toBe(true);
  });

  it('goes offline at once on a failed load and retries quickly, with a capped backoff', () => {
    const h = new TileHealth();
    h.start(0);
    const restarts: number[] = [];
    let t = 0;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      h.networkFailure(t, true, 'HTTP 404');
      expect(h.state).toBe('offline');
      for (;;) {
        t += 250;
        const action = h.sample(t, 0);
        if (action.kind === 'restart') {
          restarts.push(t);
          h.start(t);
          break;
        }
      }
    }
    const gaps = restarts.map((r, i) => r - (i === 0 ? 0 : (restarts[i - 1] as number)));
    expect(gaps).toEqual([500, 1_000, 2_000, 3_000, 3_000, 3_000]);
    expect(h.state).toBe('offline');
    // The stream comes back: the playlist loads, then video plays.
    h.playlist(t + 100, true);
    expect(h.state).toBe('connecting');
    run(h, t + 250, t + 1_500, (x) => (x - t) / 1_000);
    expect(h.state).toBe('playing');
  });

  it('tries one media recovery, then calls the stream broken', () => {
    const h = new TileHealth();
    h.start(0);
    expect(h.mediaFailure(1_000, true, 'fragParsingError').kind).toBe('recoverMedia');
    expect(h.state).toBe('connecting');
    expect(h.mediaFailure(2_000, true, 'fragParsingError').kind).toBe('none');
    expect(h.state).toBe('error');
    expect(h.pendingRestart).toBe(4_000);
  });

  it('calls a stream whose segments cannot be used broken, not offline', () => {
    const h = new TileHealth({ connectTimeoutMs: 8_000 });
    h.start(0);
    for (let t = 1_000; t < 8_000; t += 1_000) h.mediaProblemSeen(t, 'fragParsingError');
    run(h, 0, 8_000, () => 0);
    expect(h.state).toBe('error');
    expect(h.reason).toBe('fragParsingError');
  });

  it('gives up on a stream that never delivers a picture', () => {
    const h = new TileHealth({ connectTimeoutMs: 8_000 });
    h.start(0);
    run(h, 0, 8_000, () => 0);
    expect(h.state).toBe('offline');
    expect(h.reason).toBe('no video arrived');
  });

  it('ignores the clock while paused by the budget', () => {
    const h = new TileHealth();
    h.start(0);
    run(h, 0, 2_000, (t) => t / 1_000);
    h.pause(2_000);
    expect(run(h, 2_250, 60_000, () => 2)).toEqual([]);
    expect(h.state).toBe('paused');
  });
});
