/**
 * The socket.io conversation on namespace `/wall`, typed for both ends. The hub never trusts
 * these shapes either: every argument a client sends is checked before use.
 */
export const WALL_NAMESPACE = '/wall';

/** The city the hub serves, told in its welcome. */
export interface CityInfo {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly bounds: { west: number; south: number; east: number; north: number };
}

export interface HelloRequest {
  readonly lastSeq: number;
  /** This PC's name on a wall of several PCs. */
  readonly node?: string;
  /** The wall this PC belongs to: wall bus messages reach the PCs of the same wall. */
  readonly wall?: string;
}

export interface HelloReply {
  readonly city: CityInfo;
  /** The newest seq the hub has logged when it answered. */
  readonly headSeq: number;
  readonly hubId: string;
  /** Problems the hub wants the wall to show (e.g. log lines it had to set aside). */
  readonly notices?: readonly string[];
}

export interface FetchRequest {
  readonly from: number;
  readonly to: number;
}

export interface FetchReply {
  /** Raw envelopes in seq order; a seq in [from, to] that is absent is lost for good. */
  readonly events: readonly unknown[];
  readonly headSeq: number;
}

/** The most a single fetch returns; the client asks again for the rest. */
export const MAX_FETCH = 5_000;

export interface ServerToClient {
  events: (batch: readonly unknown[]) => void;
  /** A wall bus message from another PC of the same wall. */
  bus: (message: unknown) => void;
}

export interface ClientToServer {
  hello: (request: HelloRequest, reply: (answer: HelloReply) => void) => void;
  fetch: (request: FetchRequest, reply: (answer: FetchReply) => void) => void;
  /** A wall bus message for the other PCs of this wall (not echoed back). */
  bus: (message: unknown) => void;
}
