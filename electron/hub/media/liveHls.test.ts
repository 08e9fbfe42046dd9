import { describe, expect, it } from 'vitest';
import { liveWindow, livePlaylist } from './liveHls';

const durations = [1, 1, 1, 1];

describe('live HLS over a looping clip', () => {
  it('lists the last complete segments, numbered on an endless timeline', () => {
    const w = liveWindow(durations, 10_500, 0, 5);
    // By 10.5 s, segments 0…9 are complete.
    expect(w.segments.map((s) => s.index)).toEqual([5, 6, 7, 8, 9]);
    expect(w.segments.map((s) => s.clipSegment)).toEqual([1, 2, 3, 0, 1]);
    expect(w.mediaSequence).toBe(5);
    expect(w.segments[0]?.startMs).toBe(5_000);
  });

  it('marks each loop as a discontinuity and counts the ones scrolled away', () => {
    const w = liveWindow(durations, 10_500, 0, 5);
    expect(w.segments.map((s) => s.discontinuity)).toEqual([false, false, false, true, false]);
    expect(w.discontinuitySequence).toBe(1);
    // One loop later the first listed segment's discontinuity number has grown by one.
    expect(liveWindow(durations, 14_500, 0, 5).discontinuitySequence).toBe(2);
  });

  it('never lets a player see the timeline go back between reloads', () => {
    let lastSeq = -1;
    let lastCc = -1;
    for (let t = 3_000; t < 60_000; t += 333) {
      const w = liveWindow([1, 1.2, 0.8, 1], t, 1_234, 4);
      expect(w.mediaSequence).toBeGreaterThanOrEqual(lastSeq);
      expect(w.discontinuitySequence).toBeGreaterThanOrEqual(lastCc);
      // Consecutive segments start where the one before ended.
      for (let i = 1; i < w.segments.length; i += 1) {
        const a = w.segments[i - 1];
        const b = w.segments[i];
        expect(b?.startMs).toBeCloseTo((a?.startMs ?? 0) + (a?.duration ?? 0) * 1000, 6);
      }
      expect(
        (w.segments.at(-1)?.startMs ?? 0) + (w.segments.at(-1)?.duration ?? 0) * 1000,
      ).toBeLessThanOrEqual(t);
      lastSeq = w.mediaSequence;
      lastCc = w.discontinuitySequence;
    }
  });

  it('writes a playlist hls.js can follow: map, sequence numbers, program date-time', () => {
    const text = livePlaylist(liveWindow(durations, 10_500, 0, 5), 'init.mp4', (i) => `${i}.m4s`);
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:5\n');
    expect(text).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:1\n');
    expect(text).toContain(
      '#EXT-X-PROGRAM-DATE-TIME:1970-01-01T00:00:05.000Z\n#EXTINF:1.000,\n5.m4s',
    );
    expect(text).toMatch(
      /#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI="init.mp4"\n#EXT-X-PROGRAM-DATE-TIME:[^\n]+\n#EXTINF:1.000,\n8.m4s/,
    );
    expect(text).not.toContain('ENDLIST');
  });
});
