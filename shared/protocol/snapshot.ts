import { z } from 'zod';
import type { CaseStoreSnapshot } from '../domain/caseStore';
import { CASE_STATES } from '../domain/lifecycle';
import {
  caseReportFields,
  casualtiesSchema,
  floorSchema,
  incidentDeclaredFields,
  incidentLevelSchema,
  photoListSchema,
  positionSchema,
  warningIssuedFields,
} from './events';
import { utcOffsetMinutesSchema } from './wire';
import { wellFormedText } from './text';

/**
 * The live state at one seq, as the hub sends it to a wall that starts fresh or is too far
 * behind to replay (protocol 2), and as the hub's checkpoint keeps it on disk: the cases the
 * live store holds (open ones and those closed lately), the counters, the alarms and the cameras.
 * Neither reader trusts the writer: every field is checked here.
 */

/** Cases per `snapshot` message; the hub sends as many messages as it needs. */
export const SNAPSHOT_PART_CASES = 2_000;

/** The most cases a snapshot may announce (a city's open cases are far fewer). */
const MAX_SNAPSHOT_CASES = 2_000_000;

const id = wellFormedText(64, 1);
const at = z.number().finite().min(0).max(4_102_444_800_000);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Handling ms totals: sums of durations, never negative. */
const total = z.number().finite().min(0);
const text = (max: number) => wellFormedText(max);

const caseRecordSchema = z.object({
  ...caseReportFields,
  id,
  classId: wellFormedText(96, 1),
  state: z.enum(CASE_STATES),
  reportedAt: at,
  registeredAt: at.optional(),
  dispatchedAt: at.optional(),
  dueAt: at.optional(),
  handledAt: at.optional(),
  closedAt: at.optional(),
  department: text(100).optional(),
  extensions: count,
  reworks: count,
  handledOnTime: z.boolean().optional(),
  handledPhotos: photoListSchema.optional(),
  updatedAt: at,
});

const countersSchema = z.object({
  reported: count,
  registered: count,
  voided: count,
  dispatched: count,
  handled: count,
  handledOnTime: count,
  closed: count,
  closedOnTime: count,
  reworked: count,
  extended: count,
  intakeMsTotal: total,
  handlingMsTotal: total,
  handlingSamples: count,
});

const alarmSchema = z.object({
  id,
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  kind: text(64),
  message: text(500),
  raisedAt: at,
  position: positionSchema.optional(),
  caseId: id.optional(),
  cameraId: id.optional(),
  acknowledged: z.boolean(),
  acknowledgedAt: at.optional(),
});

const incidentSchema = z.object({
  ...incidentDeclaredFields,
  id,
  declaredLevel: incidentLevelSchema,
  floor: floorSchema.optional(),
  casualties: casualtiesSchema,
  caseIds: z.array(id).max(50),
  declaredAt: at,
  updatedAt: at,
  closedAt: at.optional(),
  steps: z
    .record(id, z.object({ at, by: text(64).optional() }))
    .refine((s) => Object.keys(s).length <= 100, 'too many steps'),
  timeline: z
    .array(
      z.object({
        at,
        kind: z.enum(['declared', 'updated', 'escalated', 'step', 'closed']),
        level: incidentLevelSchema.optional(),
        stepId: id.optional(),
        by: text(64).optional(),
        note: text(500).optional(),
      }),
    )
    .max(200),
});

const unitSchema = z.object({
  id,
  kind: text(32).optional(),
  name: text(64).optional(),
  position: positionSchema,
  at,
  incidentId: id.optional(),
});

const warningSchema = z.object({
  ...warningIssuedFields,
  id: wellFormedText(200, 1),
  issuedAt: at,
  endedAt: at.optional(),
  endedBy: wellFormedText(200, 1).optional(),
});

/** Everything of a store's snapshot but its cases (sent once, in the first part). */
const storeStateSchema = z.object({
  counters: countersSchema,
  days: z
    .record(z.string().regex(/^\d{1,6}$/), countersSchema)
    .refine((days) => Object.keys(days).length <= 5_000, 'too many days')
    .optional(),
  alarms: z.array(alarmSchema).max(100_000),
  cameras: z.record(id, z.boolean()).refine((c) => Object.keys(c).length <= 1_000_000),
  utcOffsetMinutes: utcOffsetMinutesSchema.optional(),
  incidents: z.array(incidentSchema).max(10_000).optional(),
  units: z.array(unitSchema).max(20_000).optional(),
  warnings: z.array(warningSchema).max(1_000).optional(),
});

/** A whole store's snapshot (the checkpoint's). */
export const caseStoreSnapshotSchema = storeStateSchema.extend({
  cases: z.array(caseRecordSchema).max(MAX_SNAPSHOT_CASES),
});

/** One `snapshot` message: part `part` of `parts`; the first also carries the store's state. */
export interface SnapshotPart {
  readonly seq: number;
  readonly part: number;
  readonly parts: number;
  readonly cases: CaseStoreSnapshot['cases'];
  readonly state?: Omit<CaseStoreSnapshot, 'cases'>;
}

const snapshotPartSchema = z.object({
  seq: count,
  part: z.number().int().min(0),
  parts: z
    .number()
    .int()
    .min(1)
    .max(Math.ceil(MAX_SNAPSHOT_CASES / SNAPSHOT_PART_CASES) + 1),
  cases: z.array(caseRecordSchema).max(SNAPSHOT_PART_CASES),
  state: storeStateSchema.optional(),
});

/** Cuts a store's snapshot at `seq` into messages (always at least one, carrying the state). */
export function snapshotParts(seq: number, snapshot: CaseStoreSnapshot): SnapshotPart[] {
  const { cases, ...state } = snapshot;
  const parts = Math.max(1, Math.ceil(cases.length / SNAPSHOT_PART_CASES));
  const out: SnapshotPart[] = [];
  for (let part = 0; part < parts; part += 1)
    out.push({
      seq,
      part,
      parts,
      cases: cases.slice(part * SNAPSHOT_PART_CASES, (part + 1) * SNAPSHOT_PART_CASES),
      ...(part === 0 ? { state } : {}),
    });
  return out;
}

/**
 * Gathers a snapshot's messages in order. Returns the whole snapshot once the last part came,
 * `undefined` while more are due, or a reason when a part does not continue the ones before.
 */
export class SnapshotAssembler {
  private readonly cases: CaseStoreSnapshot['cases'][number][] = [];
  private state: Omit<CaseStoreSnapshot, 'cases'> | undefined;
  private next = 0;

  constructor(
    readonly seq: number,
    readonly parts: number,
  ) {}

  add(raw: unknown): { done: CaseStoreSnapshot } | { error: string } | undefined {
    const parsed = snapshotPartSchema.safeParse(raw);
    if (!parsed.success)
      return { error: `snapshot part: ${parsed.error.issues[0]?.message ?? 'malformed'}` };
    const part = parsed.data;
    if (part.seq !== this.seq || part.parts !== this.parts || part.part !== this.next)
      return {
        error: `snapshot part ${part.part}/${part.parts} at seq ${part.seq} where part ${this.next}/${this.parts} at seq ${this.seq} was due`,
      };
    if (part.part === 0) {
      if (!part.state) return { error: 'the first snapshot part has no state' };
      this.state = part.state as Omit<CaseStoreSnapshot, 'cases'>;
    }
    for (const c of part.cases) this.cases.push(c as CaseStoreSnapshot['cases'][number]);
    this.next += 1;
    if (this.next < this.parts) return undefined;
    return { done: { ...(this.state as Omit<CaseStoreSnapshot, 'cases'>), cases: this.cases } };
  }
}
