import type { RejectReason } from '../protocol/envelope';
import type { HubNotice } from '../protocol/wire';

/** Ways a hub was seen to misbehave; the gateway reconnects with backoff after each. */
export type HubFaultKind =
  | 'bad-hello'
  | 'no-hello'
  | 'implausible-seq'
  | 'unservable-gap'
  | 'bad-fetch-reply'
  | 'bad-snapshot';

/** What the wall has taken in and refused, for the diagnostics panel and the tests. */
export interface Diagnostics {
  applied: number;
  rejected: number;
  duplicates: number;
  gapsDetected: number;
  gapsFilled: number;
  reconnects: number;
  /** Times the wall took the hub's live state instead of a replay (fresh, or too far behind). */
  snapshots: number;
  /** Seqs the hub no longer had when asked (a damaged hub log): skipped, never waited on forever. */
  lost: number;
  rejectedByReason: Partial<Record<RejectReason, number>>;
  /** What the hub says about itself (a damaged log it repaired), shown on the wall. */
  hubNotices: HubNotice[];
  /** Times the hub broke the protocol (a malformed welcome, a seq out of all proportion). */
  hubFaults: number;
  lastHubFault?: { kind: HubFaultKind; detail: string; at: number };
  /** The last few rejections with their detail, newest first. */
  lastRejections: { seq?: number; reason: RejectReason; detail: string; at: number }[];
}

export function emptyDiagnostics(): Diagnostics {
  return {
    applied: 0,
    rejected: 0,
    duplicates: 0,
    gapsDetected: 0,
    gapsFilled: 0,
    reconnects: 0,
    snapshots: 0,
    lost: 0,
    rejectedByReason: {},
    hubNotices: [],
    hubFaults: 0,
    lastRejections: [],
  };
}

const KEEP_REJECTIONS = 20;

export function countRejection(
  d: Diagnostics,
  reason: RejectReason,
  detail: string,
  at: number,
  seq?: number,
): void {
  d.rejected += 1;
  d.rejectedByReason[reason] = (d.rejectedByReason[reason] ?? 0) + 1;
  d.lastRejections.unshift({ reason, detail, at, ...(seq !== undefined ? { seq } : {}) });
  if (d.lastRejections.length > KEEP_REJECTIONS) d.lastRejections.length = KEEP_REJECTIONS;
}
