import { findCategory } from './categories';
import type { CaseRecord } from './caseStore';
import type { IncidentBook, IncidentRecord } from './incidentBook';
import type { IncidentType } from './incidentKinds';
import { TERMINAL_STATES } from './lifecycle';

/** How a raised case is named where an incident id goes (the wall bus, the follow state). */
const RAISED_PREFIX = 'case:';

/** The cordon drawn around a raised case: a street's width either way, until someone says more. */
const RAISED_RADIUS_METRES = 100;

/** The focus id that stands for a case raised by the coordinator. */
export function raisedFocusId(caseId: string): string {
  return `${RAISED_PREFIX}${caseId}`;
}

/** The case a focus id raises, if it is one. */
export function raisedCaseOf(focusId: string | undefined): string | undefined {
  return focusId?.startsWith(RAISED_PREFIX) ? focusId.slice(RAISED_PREFIX.length) : undefined;
}

/** Emergency categories that have a plan of their own; any other case takes the general plan. */
const TYPE_OF_CATEGORY: Readonly<Record<string, IncidentType>> = {
  'event/emergency/waterlogging': 'waterlogging',
  'event/emergency/road-collapse': 'road-collapse',
  'event/emergency/gas-leak': 'gas-leak',
};

/** Made once per case record and step, so views that compare by identity see one object. */
const made = new WeakMap<
  CaseRecord,
  { readonly updatedAt: number; readonly incident: IncidentRecord }
>();

/**
 * A case the coordinator raised to the emergency focus, as the incident views read an incident:
 * level IV (一般) until the platform declares one, its category's plan where it has one, a
 * 100 m cordon, open while the case is. A wall action: nothing is written to the platform, and
 * the views say it is a raised case (the id begins with `case:`).
 */
export function caseAsIncident(record: CaseRecord): IncidentRecord {
  const cached = made.get(record);
  if (cached?.updatedAt === record.updatedAt) return cached.incident;
  const category = findCategory(record.category);
  const closed = TERMINAL_STATES.has(record.state);
  const incident: IncidentRecord = {
    id: raisedFocusId(record.id),
    type: TYPE_OF_CATEGORY[record.category] ?? 'other',
    level: 4,
    declaredLevel: 4,
    title: record.description ?? category?.zh ?? record.category,
    position: record.position,
    ...(record.address || record.street
      ? { address: [record.street, record.address].filter(Boolean).join(' ') }
      : {}),
    radiusMetres: RAISED_RADIUS_METRES,
    casualties: { dead: 0, injured: 0, trapped: 0 },
    caseIds: [record.id],
    declaredAt: record.reportedAt,
    updatedAt: record.updatedAt,
    ...(closed ? { closedAt: record.closedAt ?? record.updatedAt } : {}),
    steps: {},
    timeline: [{ at: record.reportedAt, kind: 'declared', level: 4 }],
  };
  made.set(record, { updatedAt: record.updatedAt, incident });
  return incident;
}

/**
 * What the emergency views focus on: a raised case while the store has it, else the incident
 * the URL or the wall bus picked (see `IncidentBook.focus`), else the gravest open one.
 */
export function emergencyFocus(
  store: { readonly incidents: IncidentBook; get(caseId: string): CaseRecord | undefined },
  picked: string | undefined,
  closedToo = false,
): IncidentRecord | undefined {
  const caseId = raisedCaseOf(picked);
  const record = caseId !== undefined ? store.get(caseId) : undefined;
  if (record) {
    const incident = caseAsIncident(record);
    if (closedToo || incident.closedAt === undefined) return incident;
  }
  return store.incidents.focus(caseId === undefined ? picked : undefined, closedToo);
}
