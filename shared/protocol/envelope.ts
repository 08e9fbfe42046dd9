import { z } from 'zod';
import { zodProblem } from './zodProblem';
import { EVENT_SCHEMAS, isEventType, type WallEvent } from './events';
import { exceedsJsonSize } from './jsonSize';

/** The protocol version this build speaks. A hub that sends another is rejected, not guessed at. */
const PROTOCOL_VERSION = 1;

/** Events larger than this are rejected unread: a valid event is a few hundred bytes. */
export const MAX_EVENT_BYTES = 64 * 1024;

/**
 * `{v, seq, ts, type, payload}` as it travels; `seq` strictly increases per hub. `ref` is the
 * platform's own id of an event pushed to the hub's ingest API: kept in the log, so a retried
 * push is recognised as the same event after a restart too.
 */
export type Envelope = WallEvent & {
  readonly v: 1;
  readonly seq: number;
  readonly ts: number;
  readonly ref?: string;
};

/** The longest platform event id the ingest API takes. */
export const MAX_REF_LENGTH = 128;

const envelopeShape = z.object({
  v: z.number(),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  ts: z.number().finite().nonnegative(),
  type: z.string().max(64),
  payload: z.unknown(),
  ref: z.string().min(1).max(MAX_REF_LENGTH).optional(),
});

/** Why an event was refused: counted by reason in the diagnostics. */
export type RejectReason =
  | 'malformed-json'
  | 'too-large'
  | 'bad-envelope'
  | 'unsupported-version'
  | 'unknown-type'
  | 'bad-payload'
  | 'unknown-category'
  | 'outside-city'
  | 'illegal-transition';

export type Rejection = { readonly reason: RejectReason; readonly detail: string };

export type DecodeResult =
  | { readonly ok: true; readonly envelope: Envelope }
  | ({ readonly ok: false; readonly seq?: number } & Rejection);

/**
 * Validates one raw item from the wire: a JSON string or an already-parsed value. Never
 * throws; a rejection says why, and carries the seq when one could be read so that the
 * gateway can still keep its sequence moving past an event it refuses to apply.
 */
export function decodeEnvelope(raw: unknown): DecodeResult {
  let value = raw;
  if (typeof raw === 'string') {
    if (raw.length > MAX_EVENT_BYTES)
      return { ok: false, reason: 'too-large', detail: `${raw.length} bytes` };
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return {
        ok: false,
        reason: 'malformed-json',
        detail: String((error as Error).message).slice(0, 200),
      };
    }
  } else if (exceedsJsonSize(raw, MAX_EVENT_BYTES)) {
    return {
      ok: false,
      reason: 'too-large',
      detail: `over ${MAX_EVENT_BYTES} bytes`,
      ...seqOf(raw),
    };
  }
  const shape = envelopeShape.safeParse(value);
  if (!shape.success)
    return { ok: false, reason: 'bad-envelope', detail: zodProblem(shape.error), ...seqOf(value) };
  const { v, seq, ts, type, payload, ref } = shape.data;
  if (v !== PROTOCOL_VERSION)
    return { ok: false, seq, reason: 'unsupported-version', detail: `v=${v}` };
  if (!isEventType(type)) return { ok: false, seq, reason: 'unknown-type', detail: type };
  const parsed = EVENT_SCHEMAS[type].safeParse(payload);
  if (!parsed.success)
    return {
      ok: false,
      seq,
      reason: 'bad-payload',
      detail: `${type}: ${zodProblem(parsed.error)}`,
    };
  return {
    ok: true,
    envelope: { v: 1, seq, ts, type, payload: parsed.data, ...(ref ? { ref } : {}) } as Envelope,
  };
}

function seqOf(value: unknown): { seq?: number } {
  if (typeof value === 'object' && value !== null && 'seq' in value) {
    const seq = (value as { seq: unknown }).seq;
    if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1) return { seq };
  }
  return {};
}

/** Builds a valid envelope (used by the hub, which assigns seq and ts). */
export function makeEnvelope(seq: number, ts: number, event: WallEvent, ref?: string): Envelope {
  return { v: 1, seq, ts, ...event, ...(ref ? { ref } : {}) } as Envelope;
}

export type EventResult =
  { readonly ok: true; readonly event: WallEvent } | ({ readonly ok: false } & Rejection);

/** Validates `{type, payload}` before the hub gives it a seq: a source's bad event never enters the log. */
export function validateEvent(raw: unknown): EventResult {
  if (typeof raw !== 'object' || raw === null)
    return { ok: false, reason: 'bad-envelope', detail: 'not an object' };
  const { type, payload } = raw as { type?: unknown; payload?: unknown };
  if (typeof type !== 'string' || !isEventType(type))
    return { ok: false, reason: 'unknown-type', detail: String(type).slice(0, 64) };
  if (exceedsJsonSize(payload, MAX_EVENT_BYTES))
    return { ok: false, reason: 'too-large', detail: type };
  const parsed = EVENT_SCHEMAS[type].safeParse(payload);
  if (!parsed.success)
    return { ok: false, reason: 'bad-payload', detail: `${type}: ${zodProblem(parsed.error)}` };
  return { ok: true, event: { type, payload: parsed.data } as WallEvent };
}
