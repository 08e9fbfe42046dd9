import type { PayloadOf, Position, WallEvent } from '../protocol/events';
import type { ApplyResult } from './caseStore';
import { graver, type IncidentLevel, type IncidentType } from './incidentKinds';
import { planStep } from './responsePlans';

export interface Casualties {
  readonly dead: number;
  readonly injured: number;
  readonly trapped: number;
}

/** One line of an incident's timeline, as the incident view lists it. */
export interface IncidentEntry {
  readonly at: number;
  readonly kind: 'declared' | 'updated' | 'escalated' | 'step' | 'closed';
  readonly level?: IncidentLevel;
  readonly stepId?: string;
  readonly by?: string;
  readonly note?: string;
}

/** One incident as the wall knows it. Plain data, so it crosses IPC and snapshots unchanged. */
export interface IncidentRecord {
  readonly id: string;
  readonly type: IncidentType;
  level: IncidentLevel;
  readonly declaredLevel: IncidentLevel;
  readonly title: string;
  readonly position: Position;
  readonly address?: string;
  readonly buildingId?: string;
  floor?: number;
  radiusMetres: number;
  casualties: Casualties;
  description?: string;
  caseIds: string[];
  readonly declaredAt: number;
  updatedAt: number;
  closedAt?: number;
  /** Plan step id → when it was done and by whom. */
  steps: Record<string, { readonly at: number; readonly by?: string }>;
  timeline: IncidentEntry[];
}

/** A unit (team, vehicle) the platform tracks, where it last was. */
export interface UnitRecord {
  readonly id: string;
  readonly kind?: string;
  readonly name?: string;
  readonly position: Position;
  readonly at: number;
  readonly incidentId?: string;
}

/** Timeline lines kept per incident (the oldest go first; the declaration stays). */
const TIMELINE_KEPT = 200;
/** Units kept; beyond that the longest silent go. */
const UNITS_KEPT = 20_000;

const NO_CASUALTIES: Casualties = { dead: 0, injured: 0, trapped: 0 };

/**
 * The open and lately closed incidents and the tracked units. Impossible steps (an update of an
 * unknown or closed incident, an "escalation" that is not graver, a plan step the type's plan
 * lacks or that was done already) are refused with a reason, as the case lifecycle refuses its.
 */
export class IncidentBook {
  private readonly incidents = new Map<string, IncidentRecord>();
  private readonly units = new Map<string, UnitRecord>();

  apply(event: WallEvent): ApplyResult {
    switch (event.type) {
      case 'incident.declared':
        return this.declare(event.payload);
      case 'incident.updated':
      case 'incident.escalated':
      case 'incident.step':
      case 'incident.closed':
        return this.change(event);
      case 'unit.position':
        return this.moveUnit(event.payload);
      default:
        return { ok: false, reason: 'unknown-type', detail: event.type };
    }
  }

  private declare(p: PayloadOf<'incident.declared'>): ApplyResult {
    if (this.incidents.has(p.incidentId)) return refuse(`${p.incidentId}: declared already`);
    const { incidentId, at, casualties, caseIds, ...rest } = p;
    this.incidents.set(incidentId, {
      ...rest,
      id: incidentId,
      declaredLevel: p.level,
      casualties: casualties ?? NO_CASUALTIES,
      caseIds: [...(caseIds ?? [])],
      declaredAt: at,
      updatedAt: at,
      steps: {},
      timeline: [{ at, kind: 'declared', level: p.level }],
    });
    return { ok: true };
  }

  private change(
    event: Extract<
      WallEvent,
      { type: 'incident.updated' | 'incident.escalated' | 'incident.step' | 'incident.closed' }
    >,
  ): ApplyResult {
    const p = event.payload;
    const record = this.incidents.get(p.incidentId);
    if (!record) return refuse(`unknown incident ${p.incidentId}`);
    if (record.closedAt !== undefined) return refuse(`${p.incidentId}: closed already`);
    let entry: IncidentEntry;
    switch (event.type) {
      case 'incident.updated': {
        const u = event.payload;
        if (u.level !== undefined) record.level = u.level;
        if (u.casualties) record.casualties = u.casualties;
        if (u.description !== undefined) record.description = u.description;
        if (u.radiusMetres !== undefined) record.radiusMetres = u.radiusMetres;
        if (u.floor !== undefined) record.floor = u.floor;
        if (u.caseIds)
          record.caseIds = [...new Set([...record.caseIds, ...u.caseIds])].slice(0, 50);
        entry = { at: u.at, kind: 'updated', ...(u.level ? { level: u.level } : {}) };
        break;
      }
      case 'incident.escalated': {
        const e = event.payload;
        if (!graver(e.level, record.level))
          return refuse(`${p.incidentId}: level ${e.level} is not graver than ${record.level}`);
        record.level = e.level;
        entry = {
          at: e.at,
          kind: 'escalated',
          level: e.level,
          ...(e.reason ? { note: e.reason } : {}),
        };
        break;
      }
      case 'incident.step': {
        const s = event.payload;
        if (!planStep(record.type, s.stepId))
          return refuse(`${p.incidentId}: the ${record.type} plan has no step ${s.stepId}`);
        if (record.steps[s.stepId]) return refuse(`${p.incidentId}: step ${s.stepId} done already`);
        record.steps[s.stepId] = { at: s.at, ...(s.by ? { by: s.by } : {}) };
        entry = {
          at: s.at,
          kind: 'step',
          stepId: s.stepId,
          ...(s.by ? { by: s.by } : {}),
          ...(s.note ? { note: s.note } : {}),
        };
        break;
      }
      default: {
        const c = event.payload as PayloadOf<'incident.closed'>;
        record.closedAt = c.at;
        entry = { at: c.at, kind: 'closed', ...(c.reason ? { note: c.reason } : {}) };
        // Units sent to it are free again.
        for (const unit of this.units.values())
          if (unit.incidentId === record.id) {
            const { incidentId: _i, ...free } = unit;
            this.units.set(unit.id, free);
          }
      }
    }
    record.updatedAt = Math.max(record.updatedAt, p.at);
    record.timeline.push(entry);
    if (record.timeline.length > TIMELINE_KEPT) record.timeline.splice(1, 1);
    return { ok: true };
  }

  private moveUnit(p: PayloadOf<'unit.position'>): ApplyResult {
    if (p.incidentId !== undefined) {
      const incident = this.incidents.get(p.incidentId);
      if (!incident || incident.closedAt !== undefined)
        return refuse(`unit ${p.unitId}: no open incident ${p.incidentId}`);
    }
    this.units.delete(p.unitId);
    this.units.set(p.unitId, {
      id: p.unitId,
      position: { lon: p.position.lon, lat: p.position.lat },
      at: p.at,
      ...(p.kind ? { kind: p.kind } : {}),
      ...(p.name ? { name: p.name } : {}),
      ...(p.incidentId ? { incidentId: p.incidentId } : {}),
    });
    // Map order is insertion order: the first is the one silent longest.
    for (const id of this.units.keys()) {
      if (this.units.size <= UNITS_KEPT) break;
      this.units.delete(id);
    }
    return { ok: true };
  }

  get(id: string): IncidentRecord | undefined {
    return this.incidents.get(id);
  }

  /** Open incidents, gravest first, then the latest declared. */
  open(): IncidentRecord[] {
    return [...this.incidents.values()]
      .filter((i) => i.closedAt === undefined)
      .sort((a, b) => a.level - b.level || b.declaredAt - a.declaredAt);
  }

  /**
   * The incident a view focuses on: the one picked (by the URL or the wall bus) while it is
   * known, and open unless `closedToo`, else the gravest open one.
   */
  focus(picked?: string, closedToo = false): IncidentRecord | undefined {
    const chosen = picked ? this.incidents.get(picked) : undefined;
    if (chosen && (closedToo || chosen.closedAt === undefined)) return chosen;
    return this.open()[0];
  }

  all(): IterableIterator<IncidentRecord> {
    return this.incidents.values();
  }

  allUnits(): IterableIterator<UnitRecord> {
    return this.units.values();
  }

  /** Forgets incidents closed before `before` and units silent since before it. */
  evictBefore(before: number): void {
    for (const record of this.incidents.values())
      if (record.closedAt !== undefined && record.closedAt < before)
        this.incidents.delete(record.id);
    for (const unit of this.units.values())
      if (unit.at < before && unit.incidentId === undefined) this.units.delete(unit.id);
  }

  snapshot(): { incidents: IncidentRecord[]; units: UnitRecord[] } {
    return {
      incidents: [...this.incidents.values()].map(copyIncident),
      units: [...this.units.values()].map((u) => ({ ...u })),
    };
  }

  restore(incidents: readonly IncidentRecord[] = [], units: readonly UnitRecord[] = []): void {
    this.incidents.clear();
    this.units.clear();
    for (const i of incidents) this.incidents.set(i.id, copyIncident(i));
    for (const u of units) this.units.set(u.id, { ...u });
  }
}

function copyIncident(i: IncidentRecord): IncidentRecord {
  return {
    ...i,
    casualties: { ...i.casualties },
    caseIds: [...i.caseIds],
    steps: { ...i.steps },
    timeline: [...i.timeline],
  };
}

function refuse(detail: string): ApplyResult {
  return { ok: false, reason: 'illegal-transition', detail };
}
