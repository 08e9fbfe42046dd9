import { z } from 'zod';
import { INCIDENT_LEVELS, INCIDENT_TYPES } from '../domain/incidentKinds';
import { WARNING_CERTAINTIES, WARNING_SEVERITIES, WARNING_URGENCIES } from '../domain/warningKinds';
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

export const CASE_SOURCES = [
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

/** Photos a report or a handling carries (上报照片, 处置照片): http(s) URLs on the platform's servers. */
export const MAX_CASE_PHOTOS = 9;
/** An http(s) URL with no spaces, at most 1,000 characters: what a photo may be. */
export function isPhotoUrl(url: string): boolean {
  return url.length <= 1000 && /^https?:\/\/\S+$/i.test(url);
}
export const photoListSchema = z
  .array(wellFormedText(1000, 1).refine(isPhotoUrl, 'a photo is an http(s) URL'))
  .max(MAX_CASE_PHOTOS);

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
  photos: photoListSchema.optional(),
};

const caseReported = z.object({ ...caseRef, ...caseReportFields });

const withReason = z.object({ ...caseRef, reason: text(500).optional() });
const plain = z.object(caseRef);

const alarmLevel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/** Level I (gravest) to IV. */
export const incidentLevelSchema = z.union(INCIDENT_LEVELS.map((l) => z.literal(l)));
export const casualtiesSchema = z.object({
  dead: z.number().int().min(0).max(100_000),
  injured: z.number().int().min(0).max(100_000),
  trapped: z.number().int().min(0).max(100_000),
});
/** The danger / evacuation radius, metres. */
const radiusMetres = z.number().finite().min(1).max(50_000);
/** A storey: negative below ground (B1 is -1), no storey 0. */
export const floorSchema = z
  .number()
  .int()
  .min(-10)
  .max(300)
  .refine((f) => f !== 0, 'floors count 1, 2, … above ground and -1, -2, … below');
const linkedCases = z.array(id).max(50);
const incidentRef = { incidentId: id, at };

/** What an incident's declaration says (a snapshot's incident record has it too). */
export const incidentDeclaredFields = {
  type: z.enum(INCIDENT_TYPES),
  level: incidentLevelSchema,
  title: text(120),
  position: positionSchema,
  address: text(200).optional(),
  buildingId: id.optional(),
  floor: floorSchema.optional(),
  radiusMetres,
  casualties: casualtiesSchema.optional(),
  description: text(1000).optional(),
  caseIds: linkedCases.optional(),
};

/** Points a warning's areas may have in all: a county outline fits once the hub thinned it. */
export const MAX_WARNING_POINTS = 2_000;
/** A CAP identifier: unique per sender, and often a long URN. */
const warningId = wellFormedText(200, 1);
/** A ring as flat `[lon, lat, lon, lat, …]`, closed, at least a triangle. */
const flatRing = z
  .array(z.number().finite())
  .min(8)
  .max(MAX_WARNING_POINTS * 2)
  .refine((r) => r.length % 2 === 0, 'a ring is pairs of lon, lat')
  .refine(
    (r) => r.every((v, k) => (k % 2 === 0 ? Math.abs(v) <= 180 : Math.abs(v) <= 90)),
    'a ring point outside lon ±180, lat ±90',
  );
const warningArea = z.object({
  description: text(500),
  polygons: z.array(flatRing).max(50),
  circles: z
    .array(z.object({ centre: positionSchema, radiusMetres: z.number().finite().min(0).max(2e6) }))
    .max(50),
});
/** What a warning says in one language (CAP's `info` blocks, one per language). */
const warningText = z.object({
  language: text(35),
  event: text(200),
  headline: text(300).optional(),
  description: text(2000).optional(),
  instruction: text(2000).optional(),
  senderName: text(200).optional(),
});

/** What a warning's issue says (a snapshot's warning record has it too). */
export const warningIssuedFields = {
  sender: text(200),
  /** `exercise` warnings are drawn marked as such; tests, drafts and system messages never come. */
  status: z.enum(['actual', 'exercise']),
  /** The warnings this one replaces (a CAP Update's `references`). */
  replaces: z.array(warningId).max(50),
  severity: z.enum(WARNING_SEVERITIES),
  urgency: z.enum(WARNING_URGENCIES),
  certainty: z.enum(WARNING_CERTAINTIES),
  onset: at.optional(),
  expires: at,
  texts: z.array(warningText).min(1).max(4),
  areas: z.array(warningArea).min(1).max(20),
};

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
  'case.handled': z.object({ ...caseRef, photos: photoListSchema.optional() }),
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
    name: text(64).optional(),
    /** The incident the unit is sent to, while it is. */
    incidentId: id.optional(),
  }),
  'incident.declared': z.object({ ...incidentRef, ...incidentDeclaredFields }),
  'incident.updated': z.object({
    ...incidentRef,
    level: incidentLevelSchema.optional(),
    casualties: casualtiesSchema.optional(),
    description: text(1000).optional(),
    radiusMetres: radiusMetres.optional(),
    floor: floorSchema.optional(),
    caseIds: linkedCases.optional(),
  }),
  'incident.escalated': z.object({
    ...incidentRef,
    level: incidentLevelSchema,
    reason: text(500).optional(),
  }),
  'incident.step': z.object({
    ...incidentRef,
    stepId: id,
    by: text(64).optional(),
    note: text(500).optional(),
  }),
  'incident.closed': z.object({ ...incidentRef, reason: text(500).optional() }),
  'camera.status': z.object({ cameraId: id, at, online: z.boolean() }),
  /** A public warning in force until `expires` (a CAP 1.2 Alert or Update, read by the hub). */
  'warning.issued': z.object({ warningId, at, ...warningIssuedFields }),
  /** A CAP Cancel: the warnings it names are no longer in force. */
  'warning.cancelled': z.object({
    warningId,
    at,
    cancels: z.array(warningId).min(1).max(50),
    note: text(500).optional(),
  }),
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
