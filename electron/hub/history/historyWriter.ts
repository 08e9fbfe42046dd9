import { CaseStore, type CaseRecord } from '../../../shared/domain/caseStore';
import type { DeadlineTable } from '../../../shared/domain/deadlines';
import { TERMINAL_STATES } from '../../../shared/domain/lifecycle';
import type { Envelope } from '../../../shared/protocol/envelope';
import { caseRow, type CaseRow } from './caseRow';
import type { HistoryStore } from './historyStore';

export interface HistoryWriterOptions {
  readonly deadlines?: DeadlineTable;
  /** How long changed cases gather before one write (default 500 ms). */
  readonly flushMs?: number;
  /** A write starts at once when this many cases wait (default 20,000). */
  readonly maxPending?: number;
}

export interface HistoryWriterStats {
  /** The seq the database is complete up to. */
  seq: number;
  pending: number;
  writes: number;
  rowsWritten: number;
  errors: number;
  lastError?: string;
  /** Why the rows were written again from the log at start, if they were. */
  rebuilt?: string;
}

/**
 * Keeps the history database one step behind the log, never ahead of it: rows are made only
 * from events the log has on disk, as the hub's live state (which follows exactly the events
 * sent) holds each changed case, and written with the seq they stand at in one transaction. A hub killed at any point
 * restarts with rows that match a seq of the log, and writes what came after from the log.
 */
export class HistoryWriter {
  private readonly storeOptions: { deadlines?: DeadlineTable };
  private pending = new Map<string, CaseRow>();
  private pendingSeq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly flushMs: number;
  private readonly maxPending: number;
  readonly stats: HistoryWriterStats = { seq: 0, pending: 0, writes: 0, rowsWritten: 0, errors: 0 };

  constructor(
    readonly store: HistoryStore,
    private readonly logId: string,
    options: HistoryWriterOptions = {},
  ) {
    this.storeOptions = options.deadlines ? { deadlines: options.deadlines } : {};
    this.flushMs = options.flushMs ?? 500;
    this.maxPending = options.maxPending ?? 20_000;
  }

  /**
   * Brings the database up to the log at start. `cases` is the hub's store at the log's head
   * (everything in it is on disk), `tail` the events the hub read at start (all of the log, or
   * those after its checkpoint). When the database stands within the tail, the cases the tail
   * changed are written from the store; a database of another log, ahead of this one, older
   * than the tail, or older than `floor` (what it held when the checkpoint was taken: the store
   * may have let go of cases whose rows it had then) is cleared and written again from the whole
   * log, streamed (`readAll`).
   */
  async catchUp(
    cases: Pick<CaseStore, 'get'>,
    tail: readonly Envelope[],
    headSeq: number,
    readAll: () => AsyncIterable<Envelope>,
    floor = 0,
  ): Promise<void> {
    const at = await this.store.position();
    const tailFrom = tail[0]?.seq ?? headSeq + 1;
    const sameLog = at.logId === this.logId && at.seq <= headSeq;
    if (!sameLog || at.seq + 1 < tailFrom || at.seq < floor) {
      // A new database beside an empty log is no news; beside a log with events, it is.
      if (at.logId === '' && at.seq === 0) {
        if (headSeq > 0) this.stats.rebuilt = 'the database was missing or empty';
      } else
        this.stats.rebuilt =
          at.logId !== this.logId
            ? 'the log was replaced'
            : at.seq > headSeq
              ? 'the database was ahead of the log'
              : 'the database was older than the checkpoint';
      await this.store.clear();
      this.stats.seq = 0;
      await this.writeFromLog(readAll(), headSeq);
    } else {
      const changed = new Set<string>();
      for (const e of tail) if (e.seq > at.seq) addCaseId(changed, e);
      for (const id of changed) {
        const record = cases.get(id);
        if (record) this.pending.set(id, caseRow(record));
      }
      this.stats.seq = at.seq;
    }
    this.pendingSeq = headSeq;
    await this.flush();
  }

  /** Every case of the log through `headSeq`, by a store of its own, written as it goes. */
  private async writeFromLog(events: AsyncIterable<Envelope>, headSeq: number): Promise<void> {
    const replay = new CaseStore(this.storeOptions);
    for await (const e of events) {
      if (e.seq > headSeq) break;
      const applied = replay.apply(e);
      if (applied.ok && applied.caseId) {
        const record = replay.get(applied.caseId) as CaseRecord;
        this.pending.set(record.id, caseRow(record));
        if (TERMINAL_STATES.has(record.state)) replay.evict(record.id);
      }
      if (this.pending.size >= this.maxPending) {
        this.pendingSeq = e.seq;
        await this.flush();
      }
    }
  }

  /** A case the sent events changed, as the hub's live state holds it now. */
  changed(record: Readonly<CaseRecord>): void {
    if (!this.closed) this.pending.set(record.id, caseRow(record));
  }

  /** Everything sent through `seq` has been told (`changed`): write it soon. */
  sentThrough(seq: number): void {
    if (this.closed) return;
    this.pendingSeq = seq;
    this.stats.pending = this.pending.size;
    if (this.pending.size >= this.maxPending) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  /** Writes what waits, after any write under way; resolves when the database has it. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.writeOnce());
    return this.writing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.store.close();
  }

  private async writeOnce(): Promise<void> {
    if (this.pending.size === 0 && this.pendingSeq <= this.stats.seq) return;
    const rows = [...this.pending.values()];
    const seq = this.pendingSeq;
    this.pending = new Map();
    this.stats.pending = 0;
    try {
      await this.store.write(rows, { seq, logId: this.logId });
      this.stats.seq = seq;
      this.stats.writes += 1;
      this.stats.rowsWritten += rows.length;
    } catch (error) {
      // Keep the rows (unless newer ones came) and try again with the next write.
      for (const row of rows) if (!this.pending.has(row.id)) this.pending.set(row.id, row);
      this.stats.pending = this.pending.size;
      this.stats.errors += 1;
      this.stats.lastError = error instanceof Error ? error.message : String(error);
      if (!this.closed) this.timer ??= setTimeout(() => void this.flush(), this.flushMs * 4);
    }
  }
}

function addCaseId(ids: Set<string>, e: Envelope): void {
  if (!e.type.startsWith('case.')) return;
  const id = (e.payload as { caseId?: unknown }).caseId;
  if (typeof id === 'string') ids.add(id);
}
