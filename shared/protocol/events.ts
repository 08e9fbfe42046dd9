import { z } from 'zod';
import { wellFormedText } from './text';

/**
 * Runtime schemas of every event the hub sends on namespace `/wall`. Strings and arrays are
 * bounded so that a valid event is always small; anything larger is rejected before it is read.
 */
const id = wellFormedText(64, 1);
/** Epoch milliseconds between 2000 and 2100: catches seconds-for-milliseconds and garbage. */
const at = z.number().finite().min(946_684_800_000).max(4_102_444_800_000);
const text = (max: number) => wellFormedText(max);

export const positionSchema = z.object({
  lon: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90),
});
export type Position = z.infer<typeof positionSchema>;

const CASE_SOURCES = [
  'inspector',
  'grid-worker',
  'camera',
  'hotline',
  'iot',
  'drone',
  'media',
] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

const caseRef = { caseId: id, at };

/** What a report says about a case, beside its id and time (a snapshot's case record has it too). */
export const caseReportFields = {
  category: wellFormedText(96, 1),
  urgent: z.boolean(),
  position: positionSchema,
  source: z.enum(CASE_SOURCES),
  address: text(200).optional(),
  description: text(1000).optional(),
  district: text(64).optional(),
  street: text(64).optional(),
  grid: text(64).optional(),
};

const caseReported = z.object({ ...caseRef, ...caseReportFields });

const withReason = z.object({ ...caseRef, reason: text(500).optional() });
const plain = z.object(caseRef);

const alarmLevel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/** One schema per event type, keyed by the envelope's `type`. */
export const EVENT_SCHEMAS = {
  'case.reported': caseReported,
  'case.registered': plain,
  'case.voided': withReason,
  'case.dispatched': z.object({ ...caseRef, department: text(100) }),
  'case.accepted': plain,
  'case.extended': z.object({ ...caseRef, hours: z.number().positive().max(720) }),
  'case.suspended': withReason,
  'case.resumed': plain,
  'case.handled': plain,
  'case.verified': plain,
  'case.reworked': withReason,
  'case.closed': plain,
  'alarm.raised': z.object({
    alarmId: id,
    at,
    level: alarmLevel,
    kind: text(64),
    message: text(500),
    position: positionSchema.optional(),
    caseId: id.optional(),
    cameraId: id.optional(),
  }),
  'alarm.acknowledged': z.object({ alarmId: id, at, by: text(64).optional() }),
  'alarm.cleared': z.object({ alarmId: id, at }),
  'unit.position': z.object({
    unitId: id,
    at,
    position: positionSchema,
    kind: text(32).optional(),
  }),
  'camera.status': z.object({ cameraId: id, at, online: z.boolean() }),
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

export type PayloadOf<T extends EventType> = z.infer<(typeof EVENT_SCHEMAS)[T]>;

/** A validated event: the type and its payload, discriminated on `type`. */
export type WallEvent = {
  [T in EventType]: { readonly type: T; readonly payload: PayloadOf<T> };
}[EventType];

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMAS, value);
}
