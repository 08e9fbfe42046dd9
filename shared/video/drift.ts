/**
 * Keeping a tile near live: a little behind is caught up by playing slightly faster, far behind
 * by a jump to the live edge. People act on what a tile shows, so 30 s of drift must not happen.
 */
export interface DriftDecision {
  readonly playbackRate: number;
  readonly jump: boolean;
}

export interface DriftOptions {
  /** Latency the player aims for, seconds behind the playlist's end. */
  readonly targetS: number;
  readonly segmentS: number;
  readonly catchUpRate?: number;
}

/**
 * `currentRate` gives the rule hysteresis: catching up starts a whole segment behind target and
 * goes on until nearly there, so the rate does not flip every sample (each flip can drop frames).
 */
export function driftDecision(
  latencyS: number,
  options: DriftOptions,
  currentRate = 1,
): DriftDecision {
  const { targetS, segmentS, catchUpRate = 1.15 } = options;
  if (!Number.isFinite(latencyS)) return { playbackRate: 1, jump: false };
  const over = latencyS - targetS;
  if (over > Math.max(3, 3 * segmentS)) return { playbackRate: 1, jump: true };
  const catchingUp = currentRate > 1;
  if (over > (catchingUp ? 0.2 : Math.max(1, segmentS)))
    return { playbackRate: catchUpRate, jump: false };
  return { playbackRate: 1, jump: false };
}

/** How far behind the playlist's end a tile plays: the hls.js `liveSyncDuration` it is given. */
export const LIVE_DELAY_S = 1.5;

/**
 * A tile's decision, aimed at the configured delay. hls.js raises its own `targetLatency` after
 * every stall (by a segment each time), so a rule that followed it let tiles sit 3 s behind live
 * for good after one stall; this one brings them back to LIVE_DELAY_S.
 */
export function tileDrift(latencyS: number, segmentS: number, currentRate: number): DriftDecision {
  return driftDecision(latencyS, { targetS: LIVE_DELAY_S, segmentS }, currentRate);
}
