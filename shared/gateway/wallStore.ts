import { emptyCounters } from '../domain/kpi';
import {
  CaseStore,
  DEFAULT_UTC_OFFSET_MINUTES,
  type CaseStoreOptions,
  type CaseStoreSnapshot,
} from '../domain/caseStore';
import type { CaseState } from '../domain/lifecycle';
import type { Envelope } from '../protocol/envelope';
import type { CityInfo } from '../protocol/wire';
import { countRejection, emptyDiagnostics, type Diagnostics } from './diagnostics';
import { createCoalescer, defaultScheduler, type FrameScheduler } from './frameScheduler';

export type ConnectionState =
  'connecting' | 'connected' | 'reconnecting' | 'filling-gap' | 'offline';

/** A line of the live ticker: an applied event, newest first. */
export interface TickerEntry {
  readonly seq: number;
  /** When it happened (the event's own time, not when it reached us). */
  readonly at: number;
  readonly type: Envelope['type'];
  readonly id: string;
  readonly category?: string;
}

/** Everything a window needs to start showing the wall at once. */
export interface WallSnapshot {
  readonly lastSeq: number;
  /** Bumped whenever the store was replaced rather than continued (see `WallStore.epoch`). */
  readonly epoch: number;
  readonly closedKeptMs: number;
  readonly cases: CaseStoreSnapshot;
  readonly recent: readonly TickerEntry[];
  readonly connection: ConnectionState;
  readonly diagnostics: Diagnostics;
  readonly city?: CityInfo;
}

const RECENT = 60;

/** How long a closed case stays on the wall after its last step, unless the hub says otherwise. */
export const DEFAULT_CLOSED_KEPT_MS = 24 * 3_600_000;
/** Closed cases are let go once a minute, on the store's clock. */
const EVICT_EVERY_MS = 60_000;

/** The ticker event a case's state was reached by (the ticker of a snapshot, read from its cases). */
const EVENT_OF_STATE: Readonly<Record<CaseState, Envelope['type']>> = {
  reported: 'case.reported',
  registered: 'case.registered',
  voided: 'case.voided',
  dispatched: 'case.dispatched',
  handling: 'case.accepted',
  extended: 'case.extended',
  suspended: 'case.suspended',
  handled: 'case.handled',
  verified: 'case.verified',
  reworked: 'case.reworked',
  closed: 'case.closed',
};

/**
 * The wall's state outside React: the case store plus sequence, ticker, connection and
 * diagnostics. Listeners hear about changes at most once per frame, whatever the event rate.
 */
export class WallStore {
  readonly cases: CaseStore;
  lastSeq = 0;
  connection: ConnectionState = 'connecting';
  diagnostics: Diagnostics = emptyDiagnostics();
  city: CityInfo | undefined;
  /**
   * Changes when the store is replaced instead of continued (another log, the hub's snapshot):
   * a window mirroring it must take a new snapshot, since seqs alone no longer tell what it lacks.
   */
  epoch = 0;
  /** How long closed cases stay (the hub says in its welcome). */
  closedKeptMs = DEFAULT_CLOSED_KEPT_MS;
  /** Bumped on every change; views compare it instead of deep-comparing state. */
  version = 0;
  /** Whether this window's copy has its snapshot yet, and how often asking for it failed. */
  mirror: { ready: boolean; failures: number; lastError?: string } = { ready: true, failures: 0 };
  private recent: TickerEntry[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly applied = new Set<(envelope: Envelope) => void>();
  private readonly notify: () => void;

  constructor(options: CaseStoreOptions & { scheduler?: FrameScheduler } = {}) {
    this.cases = new CaseStore(options);
    this.notify = createCoalescer(() => {
      for (const listener of this.listeners) listener();
    }, options.scheduler ?? defaultScheduler());
  }

  /** Applies one validated envelope whose seq is the next one; refusals are counted, not thrown. */
  ingest(envelope: Envelope, now = Date.now()): boolean {
    this.lastSeq = envelope.seq;
    const result = this.cases.apply(envelope);
    if (!result.ok) {
      countRejection(this.diagnostics, result.reason, result.detail, now, envelope.seq);
      this.changed();
      return false;
    }
    this.diagnostics.applied += 1;
    for (const listener of this.applied) listener(envelope);
    if (envelope.type.startsWith('case.') || envelope.type.startsWith('alarm.')) {
      const payload = envelope.payload as {
        at: number;
        caseId?: string;
        alarmId?: string;
        category?: string;
        kind?: string;
      };
      const category =
        payload.category ?? this.cases.get(payload.caseId ?? '')?.category ?? payload.kind;
      this.recent.unshift({
        seq: envelope.seq,
        at: payload.at,
        type: envelope.type,
        id: payload.caseId ?? payload.alarmId ?? '',
        ...(category ? { category } : {}),
      });
      if (this.recent.length > RECENT * 2) this.recent.length = RECENT;
    }
    this.changed();
    return true;
  }

  /** Records a refusal of something that never became an envelope (bad JSON, bad shape). */
  reject(
    reason: Parameters<typeof countRejection>[1],
    detail: string,
    seq?: number,
    now = Date.now(),
  ): void {
    countRejection(this.diagnostics, reason, detail, now, seq);
    this.changed();
  }

  skipSeq(seq: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  setConnection(state: ConnectionState): void {
    if (this.connection === state) return;
    this.connection = state;
    this.changed();
  }

  setCity(city: CityInfo): void {
    this.city = city;
    this.cases.setBounds(city.bounds);
    this.cases.setUtcOffset(city.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES);
    this.changed();
  }

  tick(now: number): void {
    this.cases.tick(now);
    this.changed();
  }

  /**
   * The store's one clock: every second, cases whose deadline passed become overdue, whatever
   * views the window shows (a map-only or KPI-only window too). Views only read. Returns the stop.
   */
  startClock(
    everyMs = 1_000,
    timers: {
      setInterval: (fn: () => void, ms: number) => unknown;
      clearInterval: (handle: unknown) => void;
      now: () => number;
    } = {
      setInterval: (fn, ms) => setInterval(fn, ms),
      clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
      now: Date.now,
    },
  ): () => void {
    let lastEvict = timers.now();
    const step = () => {
      const before = this.cases.overdueCount;
      const now = timers.now();
      this.cases.tick(now);
      if (now - lastEvict >= EVICT_EVERY_MS) {
        lastEvict = now;
        // The wall holds open cases and recent closures only, whatever the length of the log.
        if (this.cases.evictClosedBefore(now - this.closedKeptMs) > 0) this.changed();
      }
      // Listeners hear of it when the overdue set changed; countdowns keep their own second.
      if (this.cases.overdueCount !== before) this.changed();
    };
    step();
    const handle = timers.setInterval(step, everyMs);
    return () => timers.clearInterval(handle);
  }

  recentEvents(limit = RECENT): readonly TickerEntry[] {
    return this.recent.slice(0, limit);
  }

  /** Counts a change now and tells listeners on the next frame. */
  changed(): void {
    this.version += 1;
    this.notify();
  }

  /**
   * Hears every applied event at once, for state kept incrementally beside the store (the
   * map's heat buffer); keep the listener cheap, it runs per event.
   */
  onApplied(listener: (envelope: Envelope) => void): () => void {
    this.applied.add(listener);
    return () => this.applied.delete(listener);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): WallSnapshot {
    return {
      lastSeq: this.lastSeq,
      epoch: this.epoch,
      closedKeptMs: this.closedKeptMs,
      cases: this.cases.snapshot(),
      recent: this.recentEvents(),
      connection: this.connection,
      diagnostics: structuredClone(this.diagnostics),
      ...(this.city ? { city: this.city } : {}),
    };
  }

  /** Forgets every case and the sequence (the hub's log was replaced). */
  clear(): void {
    this.lastSeq = 0;
    this.epoch += 1;
    this.cases.restore(
      { cases: [], counters: emptyCounters(), alarms: [], cameras: {} },
      Date.now(),
    );
    this.recent = [];
    this.changed();
  }

  /**
   * Takes the hub's live state at `seq` in place of everything held (a fresh wall, or one too
   * far behind to replay); the events after `seq` follow. The ticker starts from the cases'
   * latest steps.
   */
  restoreFromHub(snapshot: CaseStoreSnapshot, seq: number, now = Date.now()): void {
    this.lastSeq = seq;
    this.epoch += 1;
    this.cases.restore(snapshot, now);
    this.recent = [...snapshot.cases]
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .slice(0, RECENT)
      .map((c) => ({
        seq,
        at: c.updatedAt,
        type: EVENT_OF_STATE[c.state],
        id: c.id,
        category: c.category,
      }));
    this.diagnostics.snapshots += 1;
    this.changed();
  }

  restore(snapshot: WallSnapshot, now = Date.now()): void {
    this.lastSeq = snapshot.lastSeq;
    this.epoch = snapshot.epoch;
    this.closedKeptMs = snapshot.closedKeptMs;
    this.cases.restore(snapshot.cases, now);
    this.recent = [...snapshot.recent];
    this.connection = snapshot.connection;
    this.diagnostics = structuredClone(snapshot.diagnostics);
    this.city = snapshot.city;
    this.cases.setBounds(snapshot.city?.bounds);
    this.cases.setUtcOffset(snapshot.city?.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES);
    this.changed();
  }
}
