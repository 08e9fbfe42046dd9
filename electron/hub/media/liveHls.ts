/**
 * A live HLS playlist over a looping clip: the clip repeats forever on a timeline that starts at
 * a fixed date (shifted per camera), so every request at the same moment sees the same
 * segments, media sequence numbers keep growing across hub restarts, and each loop is marked as
 * a discontinuity (the clip's timestamps start again). Pure: the time is an argument.
 */
export interface LiveSegment {
  /** Position in the endless stream; also the media sequence number. */
  readonly index: number;
  /** Which of the clip's segments this is. */
  readonly clipSegment: number;
  readonly duration: number;
  /** Wall-clock start, for EXT-X-PROGRAM-DATE-TIME (how players measure delay behind live). */
  readonly startMs: number;
  readonly discontinuity: boolean;
}

export interface LiveWindow {
  readonly mediaSequence: number;
  readonly discontinuitySequence: number;
  readonly targetDuration: number;
  readonly segments: readonly LiveSegment[];
}

/** The segments published by `nowMs`: the last `size` complete ones. */
export function liveWindow(
  durations: readonly number[],
  nowMs: number,
  offsetMs: number,
  size = 5,
): LiveWindow {
  const n = durations.length;
  const starts: number[] = [];
  let total = 0;
  for (const d of durations) {
    starts.push(total);
    total += d * 1000;
  }
  const t = nowMs - offsetMs;
  const loop = Math.floor(t / total);
  const within = t - loop * total;
  let complete = 0;
  while (
    complete < n &&
    (starts[complete] as number) + (durations[complete] as number) * 1000 <= within
  )
    complete += 1;
  const last = loop * n + complete - 1;
  const first = Math.max(0, last - size + 1);
  const segments: LiveSegment[] = [];
  for (let index = first; index <= last; index += 1) {
    const clipSegment = index % n;
    segments.push({
      index,
      clipSegment,
      duration: durations[clipSegment] as number,
      startMs: offsetMs + Math.floor(index / n) * total + (starts[clipSegment] as number),
      discontinuity: clipSegment === 0 && index !== first,
    });
  }
  return {
    mediaSequence: first,
    discontinuitySequence: Math.floor(first / n),
    targetDuration: Math.ceil(Math.max(...durations)),
    segments,
  };
}

/** The playlist text; `uri(index)` names a segment, `init` is the fMP4 initialisation segment. */
export function livePlaylist(
  window: LiveWindow,
  init: string,
  uri: (index: number) => string,
): string {
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${window.targetDuration}`,
    `#EXT-X-MEDIA-SEQUENCE:${window.mediaSequence}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${window.discontinuitySequence}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-MAP:URI="${init}"`,
  ];
  for (const s of window.segments) {
    if (s.discontinuity) lines.push('#EXT-X-DISCONTINUITY', `#EXT-X-MAP:URI="${init}"`);
    lines.push(
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(s.startMs).toISOString()}`,
      `#EXTINF:${s.duration.toFixed(3)},`,
      uri(s.index),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A stable per-camera number (FNV-1a), so each camera gets its clip and its place in it. */
export function cameraHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
