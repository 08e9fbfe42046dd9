import type { CaseSource, Position, WallEvent } from '../protocol/events';
import type { RejectReason } from '../protocol/envelope';
import { findCategory } from './categories';
import { DEFAULT_DEADLINES, deadlineMs, hoursToMs, type DeadlineTable } from './deadlines';
import { IncidentBook, type IncidentRecord, type UnitRecord } from './incidentBook';
import { WarningBook, type WarningRecord } from './warningBook';
import { emptyCounters, kpiView, type KpiCounters, type KpiView } from './kpi';
import {
  CASE_STATES,
  CLOCK_RUNNING_STATES,
  TERMINAL_STATES,
  transition,
  type CaseAction,
  type CaseState,
} from './lifecycle';
import { MinHeap } from './minHeap';

/** One case as the wall knows it. Plain data, so it crosses IPC and snapshots unchanged. */
export interface CaseRecord {
  readonly id: string;
  readonly category: string;
  readonly classId: string;
  readonly urgent: boolean;
  readonly position: Position;
  readonly source: CaseSource;
  readonly address?: string;
  readonly description?: string;
  readonly district?: string;
  readonly street?: string;
  readonly grid?: string;
  /** 上报照片: what the reporter sent. */
  readonly photos?: readonly string[];
  /** 处置照片: what the handler sent when done. */
  handledPhotos?: readonly string[];
  state: CaseState;
  reportedAt: number;
  registeredAt?: number;
  dispatchedAt?: number;
  dueAt?: number;
  handledAt?: number;
  closedAt?: number;
  department?: string;
  extensions: number;
  reworks: number;
  handledOnTime?: boolean;
  updatedAt: number;
}

export interface Bounds {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

/** How many let-go alarm ids are remembered for a late `alarm.cleared`. */
const ALARMS_LET_GO_KEPT = 100_000;

/** Where a city's days begin when nobody says: UTC+8, Asia/Shanghai (China keeps no DST). */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

export interface CaseStoreOptions {
  readonly deadlines?: DeadlineTable;
  /** Cases reported outside these bounds are rejected as outside the city. */
  readonly bounds?: Bounds;
  /** Where the city's days begin: minutes east of UTC (default 480, Asia/Shanghai). */
  readonly utcOffsetMinutes?: number;
}

export type ApplyResult =
  | { readonly ok: true; readonly caseId?: string }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail: string };

export interface AlarmRecord {
  readonly id: string;
  readonly level: 1 | 2 | 3 | 4;
  readonly kind: string;
  readonly message: string;
  readonly raisedAt: number;
  readonly position?: Position;
  readonly caseId?: string;
  readonly cameraId?: string;
  acknowledged: boolean;
  /** When it was acknowledged: an acknowledged alarm leaves the live state like a closed case. */
  acknowledgedAt?: number;
}

export interface CaseStoreSnapshot {
  readonly cases: readonly CaseRecord[];
  readonly counters: KpiCounters;
  /** The counters of the cases reported on each local day (days since 1970-01-01). */
  readonly days?: Readonly<Record<number, KpiCounters>>;
  readonly alarms: readonly AlarmRecord[];
  readonly cameras: Readonly<Record<string, boolean>>;
  /** Where the days of `days` begin (absent: the store's own setting stays). */
  readonly utcOffsetMinutes?: number;
  /** Open and lately closed incidents, and the tracked units (absent from older hubs). */
  readonly incidents?: readonly IncidentRecord[];
  readonly units?: readonly UnitRecord[];
  /** Public warnings (CAP) in force and lately ended (absent from older hubs). */
  readonly warnings?: readonly WarningRecord[];
}

const ACTION_OF: Readonly<Record<string, CaseAction>> = {
  'case.reported': 'report',
  'case.registered': 'register',
  'case.voided': 'void',
  'case.dispatched': 'dispatch',
  'case.accepted': 'accept',
  'case.extended': 'extend',
  'case.suspended': 'suspend',
  'case.resumed': 'resume',
  'case.handled': 'handle',
  'case.verified': 'verify',
  'case.reworked': 'rework',
  'case.closed': 'close',
};

/**
 * The authoritative case state: applies validated events through the lifecycle state machine,
 * keeps counts by state and KPI counters incrementally, and keeps a deadline index so that
 * `tick(now)` finds newly overdue cases without looking at the others.
 */
export class CaseStore {
  private readonly cases = new Map<string, CaseRecord>();
  private readonly byState = new Map<CaseState, number>(CASE_STATES.map((s) => [s, 0]));
  private counters = emptyCounters();
  /** The same counters per local day a case was reported on (today's figures, 日盘点). */
  private readonly days = new Map<number, { counters: KpiCounters; overdueNeverHandled: number }>();
  private offsetMs: number;
  private readonly deadlineIndex = new MinHeap<{ id: string; dueAt: number }>();
  private readonly overdueIds = new Set<string>();
  private overdueNeverHandled = 0;
  private readonly alarms = new Map<string, AlarmRecord>();
  /** Acknowledged alarms let go (newest kept, bounded), so that a late clear of one is accepted. */
  private readonly alarmsLetGo = new Set<string>();
  private readonly cameras = new Map<string, boolean>();
  /** Emergencies and the units sent to them, beside the cases. */
  readonly incidents = new IncidentBook();
  /** Public warnings (CAP alerts) the city is under. */
  readonly warnings = new WarningBook();
  private readonly deadlines: DeadlineTable;
  private bounds: Bounds | undefined;
  private lastTick = 0;

  constructor(options: CaseStoreOptions = {}) {
    this.deadlines = options.deadlines ?? DEFAULT_DEADLINES;
    this.bounds = options.bounds;
    this.offsetMs = (options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES) * 60_000;
  }

  /** The local day (days since 1970-01-01) a moment falls on. */
  dayOf(at: number): number {
    return Math.floor((at + this.offsetMs) / 86_400_000);
  }

  /** The moment local day `day` begins (epoch ms). */
  dayStart(day: number): number {
    return day * 86_400_000 - this.offsetMs;
  }

  /**
   * Moves the city's midnight (the hub told another offset): each day's figures are counted
   * again from the cases, with the latest handling's duration (the step-by-step sum of earlier
   * handlings is not kept per case). Nothing is done when the offset is already this one.
   */
  setUtcOffset(minutes: number): void {
    const offsetMs = minutes * 60_000;
    if (offsetMs === this.offsetMs) return;
    this.offsetMs = offsetMs;
    this.days.clear();
    for (const record of this.cases.values()) {
      const entry = this.dayEntry(record.reportedAt);
      addCounters(entry.counters, caseCounters(record));
      if (this.overdueIds.has(record.id) && record.handledAt === undefined)
        entry.overdueNeverHandled += 1;
    }
  }

  private dayEntry(reportedAt: number): { counters: KpiCounters; overdueNeverHandled: number } {
    const day = this.dayOf(reportedAt);
    let entry = this.days.get(day);
    if (!entry) {
      entry = { counters: emptyCounters(), overdueNeverHandled: 0 };
      this.days.set(day, entry);
    }
    return entry;
  }

  apply(event: WallEvent): ApplyResult {
    switch (event.type) {
      case 'alarm.raised': {
        const p = event.payload;
        this.alarms.set(p.alarmId, {
          id: p.alarmId,
          level: p.level,
          kind: p.kind,
          message: p.message,
          raisedAt: p.at,
          acknowledged: false,
          ...(p.position ? { position: p.position } : {}),
          ...(p.caseId ? { caseId: p.caseId } : {}),
          ...(p.cameraId ? { cameraId: p.cameraId } : {}),
        });
        return { ok: true };
      }
      case 'alarm.acknowledged': {
        const alarm = this.alarms.get(event.payload.alarmId);
        if (!alarm)
          return {
            ok: false,
            reason: 'illegal-transition',
            detail: `unknown alarm ${event.payload.alarmId}`,
          };
        alarm.acknowledged = true;
        alarm.acknowledgedAt = event.payload.at;
        return { ok: true };
      }
      case 'alarm.cleared':
        // One acknowledged long ago has left the live state already: clearing it is no fault.
        if (this.alarmsLetGo.delete(event.payload.alarmId)) return { ok: true };
        if (!this.alarms.delete(event.payload.alarmId)) {
          return {
            ok: false,
            reason: 'illegal-transition',
            detail: `unknown alarm ${event.payload.alarmId}`,
          };
        }
        return { ok: true };
      case 'camera.status':
        this.cameras.set(event.payload.cameraId, event.payload.online);
        return { ok: true };
      case 'unit.position':
      case 'incident.declared':
      case 'incident.updated':
      case 'incident.escalated':
      case 'incident.step':
      case 'incident.closed':
        return this.incidents.apply(event);
      case 'warning.issued':
      case 'warning.cancelled':
        return this.warnings.apply(event);
      default:
        return this.applyCase(event);
    }
  }

  private applyCase(event: WallEvent): ApplyResult {
    const action = ACTION_OF[event.type];
    const payload = event.payload as { caseId: string; at: number };
    if (!action) return { ok: false, reason: 'unknown-type', detail: event.type };
    const existing = this.cases.get(payload.caseId);
    const step = transition(existing?.state, action);
    if (!step.ok)
      return {
        ok: false,
        reason: 'illegal-transition',
        detail: `${payload.caseId}: ${step.reason}`,
      };

    if (event.type === 'case.reported') {
      const p = event.payload;
      const category = findCategory(p.category);
      if (!category)
        return { ok: false, reason: 'unknown-category', detail: `${p.caseId}: ${p.category}` };
      if (this.bounds && !inside(this.bounds, p.position)) {
        return {
          ok: false,
          reason: 'outside-city',
          detail: `${p.caseId}: ${p.position.lon},${p.position.lat}`,
        };
      }
      const { caseId, at, category: _c, position, ...rest } = p;
      const record: CaseRecord = {
        ...rest,
        id: caseId,
        category: category.id,
        classId: category.classId,
        position: { lon: position.lon, lat: position.lat },
        state: 'reported',
        reportedAt: at,
        extensions: 0,
        reworks: 0,
        updatedAt: at,
      };
      this.cases.set(caseId, record);
      this.bump('reported', 1);
      this.counters.reported += 1;
      this.dayEntry(at).counters.reported += 1;
      return { ok: true, caseId };
    }

    const record = existing as CaseRecord;
    const at = payload.at;
    const from = record.state;
    this.leaveState(record, step.to);
    record.state = step.to;
    record.updatedAt = at;
    // What this step adds, added to the all-time counters and to those of the case's day.
    const c = emptyCounters();
    switch (event.type) {
      case 'case.registered':
        record.registeredAt = at;
        c.registered += 1;
        c.intakeMsTotal += Math.max(0, at - record.reportedAt);
        break;
      case 'case.voided':
        c.voided += 1;
        break;
      case 'case.dispatched':
        if (record.dispatchedAt === undefined) c.dispatched += 1;
        record.dispatchedAt = at;
        record.department = event.payload.department;
        record.dueAt = at + deadlineMs(this.deadlines, record.category, record.urgent);
        this.deadlineIndex.push(record.dueAt, { id: record.id, dueAt: record.dueAt });
        break;
      case 'case.extended':
        if (record.extensions === 0) c.extended += 1;
        record.extensions += 1;
        record.dueAt = (record.dueAt ?? at) + hoursToMs(event.payload.hours);
        this.deadlineIndex.push(record.dueAt, { id: record.id, dueAt: record.dueAt });
        // More time can put the deadline back in the future: then the case is no longer overdue.
        if (record.dueAt > this.lastTick) this.markNotOverdue(record);
        break;
      case 'case.resumed':
        if (record.dueAt !== undefined)
          this.deadlineIndex.push(record.dueAt, { id: record.id, dueAt: record.dueAt });
        break;
      case 'case.handled': {
        const onTime = record.dueAt === undefined || at <= record.dueAt;
        if (record.handledAt === undefined) c.handled += 1;
        else if (record.handledOnTime) c.handledOnTime -= 1;
        if (onTime) c.handledOnTime += 1;
        record.handledAt = at;
        if (event.payload.photos?.length) record.handledPhotos = event.payload.photos;
        record.handledOnTime = onTime;
        if (record.dispatchedAt !== undefined) {
          c.handlingMsTotal += Math.max(0, at - record.dispatchedAt);
          c.handlingSamples += 1;
        }
        break;
      }
      case 'case.reworked':
        if (record.reworks === 0) c.reworked += 1;
        record.reworks += 1;
        break;
      case 'case.closed':
        record.closedAt = at;
        c.closed += 1;
        if (record.dueAt === undefined || at <= record.dueAt) c.closedOnTime += 1;
        break;
      default:
        break;
    }
    addCounters(this.counters, c);
    addCounters(this.dayEntry(record.reportedAt).counters, c);
    this.bump(from, -1);
    this.bump(step.to, 1);
    // A case that becomes due while the store is between ticks is caught at once.
    if (this.lastTick > 0) this.tick(this.lastTick);
    return { ok: true, caseId: record.id };
  }

  /** A case whose clock stops (handled, suspended) is no longer overdue. */
  private leaveState(record: CaseRecord, to: CaseState): void {
    if (!CLOCK_RUNNING_STATES.has(to)) this.markNotOverdue(record);
  }

  private markNotOverdue(record: CaseRecord): void {
    if (!this.overdueIds.delete(record.id)) return;
    if (record.handledAt === undefined) {
      this.overdueNeverHandled -= 1;
      this.dayEntry(record.reportedAt).overdueNeverHandled -= 1;
    }
  }

  /** Moves the clock to `now`: cases whose deadline passed become overdue. */
  tick(now: number): void {
    this.lastTick = Math.max(this.lastTick, now);
    for (;;) {
      const key = this.deadlineIndex.peekKey();
      if (key === undefined || key > now) break;
      const entry = this.deadlineIndex.pop() as { id: string; dueAt: number };
      const record = this.cases.get(entry.id);
      if (!record || record.dueAt !== entry.dueAt || !CLOCK_RUNNING_STATES.has(record.state))
        continue;
      if (this.overdueIds.has(record.id)) continue;
      this.overdueIds.add(record.id);
      if (record.handledAt === undefined) {
        this.overdueNeverHandled += 1;
        this.dayEntry(record.reportedAt).overdueNeverHandled += 1;
      }
    }
  }

  /**
   * Forgets a closed or voided case (it takes no more steps); its counters stay. Returns whether
   * it was forgotten: an open case is kept, since its next step would be refused.
   */
  evict(id: string): boolean {
    const record = this.cases.get(id);
    if (!record || !TERMINAL_STATES.has(record.state)) return false;
    this.cases.delete(id);
    this.bump(record.state, -1);
    return true;
  }

  /**
   * Forgets the closed and voided cases that took their last step before `before` (the live
   * store keeps recent ones for the board; the history database keeps them all), and the alarms
   * acknowledged before it. Returns how many cases.
   */
  evictClosedBefore(before: number): number {
    this.incidents.evictBefore(before);
    this.warnings.evictBefore(before);
    // Acknowledged alarms too: a year of them would otherwise travel in every wall's snapshot.
    for (const alarm of this.alarms.values())
      if (alarm.acknowledged && (alarm.acknowledgedAt ?? alarm.raisedAt) < before) {
        this.alarms.delete(alarm.id);
        this.alarmsLetGo.add(alarm.id);
      }
    for (const id of this.alarmsLetGo) {
      if (this.alarmsLetGo.size <= ALARMS_LET_GO_KEPT) break;
      this.alarmsLetGo.delete(id);
    }
    let evicted = 0;
    for (const record of this.cases.values())
      if (record.updatedAt < before && TERMINAL_STATES.has(record.state)) {
        this.cases.delete(record.id);
        this.bump(record.state, -1);
        evicted += 1;
      }
    return evicted;
  }

  /** The city's extent, once the hub has told it; reports outside it are refused. */
  setBounds(bounds: Bounds | undefined): void {
    this.bounds = bounds;
  }

  get(id: string): CaseRecord | undefined {
    return this.cases.get(id);
  }

  get size(): number {
    return this.cases.size;
  }

  countByState(): Record<CaseState, number> {
    return Object.fromEntries(this.byState) as Record<CaseState, number>;
  }

  kpis(): KpiView {
    return kpiView(this.counters, this.overdueIds.size, this.overdueNeverHandled);
  }

  /**
   * The figures of the cases reported on local day `day` (`dayOf`), with what happened to them
   * since; overdue is every open case past its deadline now, whenever it was reported.
   */
  kpisOfDay(day: number): KpiView {
    const entry = this.days.get(day);
    return kpiView(
      entry?.counters ?? emptyCounters(),
      this.overdueIds.size,
      entry?.overdueNeverHandled ?? 0,
    );
  }

  /** How many open cases are past their deadline now. */
  get overdueCount(): number {
    return this.overdueIds.size;
  }

  isOverdue(id: string): boolean {
    return this.overdueIds.has(id);
  }

  /**
   * The `limit` open cases with a running clock whose deadline comes first (overdue ones lead).
   * A single pass keeping the best few: the board asks for this every frame.
   */
  dueSoon(limit: number): CaseRecord[] {
    const best: CaseRecord[] = [];
    for (const record of this.cases.values()) {
      if (record.dueAt === undefined || !CLOCK_RUNNING_STATES.has(record.state)) continue;
      if (
        best.length === limit &&
        record.dueAt >= ((best[limit - 1] as CaseRecord).dueAt as number)
      )
        continue;
      let i = best.length === limit ? limit - 1 : best.length;
      best[i] = record;
      while (i > 0 && ((best[i - 1] as CaseRecord).dueAt as number) > record.dueAt) {
        best[i] = best[i - 1] as CaseRecord;
        best[i - 1] = record;
        i -= 1;
      }
    }
    return best;
  }

  /** A camera is online until the platform says otherwise. */
  cameraOnline(id: string): boolean {
    return this.cameras.get(id) ?? true;
  }

  activeAlarms(): AlarmRecord[] {
    return [...this.alarms.values()];
  }

  allCases(): IterableIterator<CaseRecord> {
    return this.cases.values();
  }

  snapshot(): CaseStoreSnapshot {
    const days = [...this.days];
    return {
      cases: [...this.cases.values()].map((c) => ({ ...c })),
      counters: { ...this.counters },
      days: Object.fromEntries(days.map(([day, e]) => [day, { ...e.counters }])),
      alarms: [...this.alarms.values()].map((a) => ({ ...a })),
      cameras: Object.fromEntries(this.cameras),
      utcOffsetMinutes: this.offsetMs / 60_000,
      ...this.incidents.snapshot(),
      warnings: this.warnings.snapshot(),
    };
  }

  /** Replaces the whole state with a snapshot (a window that starts late, a restored hub). */
  restore(snapshot: CaseStoreSnapshot, now: number): void {
    this.cases.clear();
    this.deadlineIndex.clear();
    this.overdueIds.clear();
    this.overdueNeverHandled = 0;
    for (const state of CASE_STATES) this.byState.set(state, 0);
    for (const c of snapshot.cases) {
      const record = { ...c };
      this.cases.set(record.id, record);
      this.bump(record.state, 1);
      if (record.dueAt !== undefined && CLOCK_RUNNING_STATES.has(record.state)) {
        this.deadlineIndex.push(record.dueAt, { id: record.id, dueAt: record.dueAt });
      }
    }
    this.counters = { ...snapshot.counters };
    // The days were counted at the snapshot's offset; counting them again from the cases is not
    // possible once closed cases have left the store.
    if (snapshot.utcOffsetMinutes !== undefined) this.offsetMs = snapshot.utcOffsetMinutes * 60_000;
    this.days.clear();
    // Overdue cases are counted again by the tick below.
    for (const [day, counters] of Object.entries(snapshot.days ?? {}))
      this.days.set(Number(day), { counters: { ...counters }, overdueNeverHandled: 0 });
    this.alarms.clear();
    for (const a of snapshot.alarms) this.alarms.set(a.id, { ...a });
    this.cameras.clear();
    for (const [id, online] of Object.entries(snapshot.cameras)) this.cameras.set(id, online);
    this.incidents.restore(snapshot.incidents, snapshot.units);
    this.warnings.restore(snapshot.warnings);
    this.lastTick = 0;
    this.tick(now);
  }

  private bump(state: CaseState, delta: number): void {
    this.byState.set(state, (this.byState.get(state) ?? 0) + delta);
  }
}

function inside(b: Bounds, p: Position): boolean {
  return p.lon >= b.west && p.lon <= b.east && p.lat >= b.south && p.lat <= b.north;
}

function addCounters(into: KpiCounters, add: Readonly<KpiCounters>): void {
  for (const key of Object.keys(add) as (keyof KpiCounters)[]) into[key] += add[key];
}

/** What one case adds to the counters, read from its record (the history counts the same way). */
function caseCounters(r: Readonly<CaseRecord>): KpiCounters {
  const handled = r.handledAt !== undefined;
  const handledAfterDispatch = handled && r.dispatchedAt !== undefined;
  return {
    reported: 1,
    registered: r.registeredAt === undefined ? 0 : 1,
    voided: r.state === 'voided' ? 1 : 0,
    dispatched: r.dispatchedAt === undefined ? 0 : 1,
    handled: handled ? 1 : 0,
    handledOnTime: r.handledOnTime ? 1 : 0,
    closed: r.closedAt === undefined ? 0 : 1,
    closedOnTime:
      r.closedAt !== undefined && (r.dueAt === undefined || r.closedAt <= r.dueAt) ? 1 : 0,
    reworked: r.reworks > 0 ? 1 : 0,
    extended: r.extensions > 0 ? 1 : 0,
    intakeMsTotal: r.registeredAt === undefined ? 0 : Math.max(0, r.registeredAt - r.reportedAt),
    handlingMsTotal: handledAfterDispatch
      ? Math.max(0, (r.handledAt as number) - (r.dispatchedAt as number))
      : 0,
    handlingSamples: handledAfterDispatch ? 1 : 0,
  };
}
