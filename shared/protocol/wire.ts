import { z } from 'zod';
import { wellFormedText } from './text';

/**
 * The socket.io conversation on namespace `/wall`, typed for both ends, with a runtime schema for
 * every message: neither end trusts the other's shapes (the hub checks what a client asks, the
 * gateway what a hub answers).
 */
export const WALL_NAMESPACE = '/wall';

/**
 * 2: a wall that starts fresh (lastSeq 0), or is older or further behind than the hub replays,
 * gets the live state at a seq S in `snapshot` messages, then the events after S. A wall that
 * says no protocol is taken for 1 and gets a replay from the oldest event the hub keeps.
 */
export const PROTOCOL_VERSION = 2;

/** The city the hub serves, told in its welcome. */
export interface CityInfo {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly bounds: { west: number; south: number; east: number; north: number };
  /** Where the city's days begin, minutes east of UTC (absent: 480, Asia/Shanghai). */
  readonly utcOffsetMinutes?: number;
}

export interface HelloRequest {
  readonly lastSeq: number;
  /** This PC's name on a wall of several PCs. */
  readonly node?: string;
  /** The wall this PC belongs to: wall bus messages reach the PCs of the same wall. */
  readonly wall?: string;
  /** The protocol this wall speaks (absent: 1, before snapshots). */
  readonly protocol?: number;
}

/** What a hub wants the wall to show about itself; the wall words it in the person's language. */
export interface HubNotice {
  readonly kind:
    | 'damaged-lines'
    | 'missing-seqs'
    | 'log-unopenable'
    | 'log-lost-end'
    | 'write-failing'
    | 'history-rebuilt'
    | 'history-unavailable'
    | 'checkpoint-set-aside'
    | 'text';
  readonly count?: number;
  /** A file the notice is about (where the damaged original was kept, the new log). */
  readonly path?: string;
  readonly detail?: string;
}

export interface HelloReply {
  readonly city: CityInfo;
  /** The newest seq the hub has on disk when it answered. */
  readonly headSeq: number;
  /** This run of the hub (changes at every start). */
  readonly hubId: string;
  /**
   * The log's identity, kept across restarts. A wall that held events of another log id starts
   * over: the same seq in another log is another event.
   */
  readonly logId?: string;
  /** Problems the hub wants the wall to show (e.g. log lines it had to set aside). */
  readonly notices?: readonly HubNotice[];
  /** The protocol the hub speaks (absent: 1). */
  readonly protocol?: number;
  /** The oldest seq the hub can replay or fetch; older ones are only in its snapshot. */
  readonly keptFrom?: number;
  /** A snapshot at `seq` follows in `parts` `snapshot` messages, then the events after `seq`. */
  readonly snapshot?: { readonly seq: number; readonly parts: number };
  /** How long a closed case stays in the live state after its last step (the wall forgets it too). */
  readonly closedKeptMs?: number;
}

export interface FetchRequest {
  readonly from: number;
  readonly to: number;
}

export interface FetchReply {
  /** Raw envelopes in seq order. */
  readonly events: readonly unknown[];
  readonly headSeq: number;
  /**
   * The answer covers [from, through]: a seq in it that is absent is lost for good. Below `to`
   * when the reply's size bound was reached (ask again for the rest); beyond `to` when the log has
   * a hole there. Absent from older hubs: then the answer covers [from, to] once headSeq ≥ to.
   */
  readonly through?: number;
  /**
   * Why nothing was served: too many fetches at once (ask again later), a malformed request, or
   * seqs older than the hub keeps (say hello again: the answer is a snapshot).
   */
  readonly refused?: 'busy' | 'bad-request' | 'too-old';
}

/** The most a single fetch returns; the client asks again for the rest. */
export const MAX_FETCH = 5_000;

/** The most bytes of events a single fetch reply holds. */
export const MAX_FETCH_BYTES = 1024 * 1024;

/** The most events in one `events` message; a longer batch is refused unread. */
export const MAX_BATCH = 10_000;

const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const shortText = (max: number) => wellFormedText(max);

export const helloRequestSchema = z.object({
  lastSeq: seq,
  node: shortText(64).optional(),
  wall: shortText(64).optional(),
  protocol: z.number().int().min(1).max(1_000).optional(),
});

export const fetchRequestSchema = z.object({ from: seq, to: seq });

const finite = z.number().finite();
/** Minutes east of UTC, as far as the world's time zones reach. */
export const utcOffsetMinutesSchema = z
  .number()
  .int()
  .min(-14 * 60)
  .max(14 * 60);

export const cityInfoSchema = z.object({
  utcOffsetMinutes: utcOffsetMinutesSchema.optional(),
  id: shortText(64),
  name: shortText(100),
  nameEn: shortText(100),
  bounds: z
    .object({
      west: finite.min(-180).max(180),
      south: finite.min(-90).max(90),
      east: finite.min(-180).max(180),
      north: finite.min(-90).max(90),
    })
    .refine(
      (b) => b.west < b.east && b.south < b.north,
      'bounds must have west < east and south < north',
    ),
});

const noticeSchema = z.union([
  shortText(300).transform((detail): HubNotice => ({ kind: 'text', detail })),
  z.object({
    kind: z.enum([
      'damaged-lines',
      'missing-seqs',
      'log-unopenable',
      'log-lost-end',
      'write-failing',
      'history-rebuilt',
      'history-unavailable',
      'checkpoint-set-aside',
      'text',
    ]),
    count: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    path: shortText(500).optional(),
    detail: shortText(300).optional(),
  }),
]);

export const helloReplySchema = z.object({
  city: cityInfoSchema,
  headSeq: seq,
  hubId: shortText(64),
  logId: shortText(64).optional(),
  notices: z.array(noticeSchema).max(20).optional(),
  protocol: z.number().int().min(1).max(1_000).optional(),
  keptFrom: seq.optional(),
  snapshot: z.object({ seq, parts: z.number().int().min(1).max(10_000) }).optional(),
  closedKeptMs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

export const fetchReplySchema = z.object({
  events: z.array(z.unknown()).max(MAX_FETCH),
  headSeq: seq,
  through: seq.optional(),
  refused: z.enum(['busy', 'bad-request', 'too-old']).optional(),
});

export interface ServerToClient {
  events: (batch: readonly unknown[]) => void;
  /** Part of the live state at a seq (protocol 2; see `shared/protocol/snapshot.ts`). */
  snapshot: (part: unknown) => void;
  /** A wall bus message from another PC of the same wall. */
  bus: (message: unknown) => void;
}

export interface ClientToServer {
  hello: (request: HelloRequest, reply: (answer: HelloReply) => void) => void;
  fetch: (request: FetchRequest, reply: (answer: FetchReply) => void) => void;
  /** A wall bus message for the other PCs of this wall (not echoed back). */
  bus: (message: unknown) => void;
}
