import { randomUUID } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { decodeEnvelope, makeEnvelope, type Envelope } from '../../shared/protocol/envelope';
import type { WallEvent } from '../../shared/protocol/events';
import { SeqIndex } from './seqIndex';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { openLogFiles, type LogOpening, type LogProblem, type TailStart } from './logOpening';

export type { LogProblem, TailStart } from './logOpening';

export interface EventLogOptions {
  /** How many of the newest events stay in memory; older ones are read back from the file. */
  readonly windowSize?: number;
  readonly now?: () => number;
  /**
   * Flush every write batch to the disk (fdatasync) before its events are announced. On by
   * default: an event a wall has seen must survive a power cut. `bench:events` measures both.
   */
  readonly fsync?: boolean;
  /** Where to start a fresh log when the configured one cannot be opened (tests point it). */
  readonly fallbackDir?: string;
  /**
   * Read only the lines from here on (a checkpoint holds the state before them). Refused, and the
   * whole file read, when the line there is not this seq or the tail is damaged.
   */
  readonly tail?: TailStart;
}

/** What opening the log found: how much was good, and what was set aside or found missing. */
export interface EventLogReport {
  readonly loaded: number;
  readonly badLines: number;
  /** Where the damaged original was kept (never deleted), when there was damage. */
  readonly setAside?: string;
  /** Seqs missing between the first and the last event (deleted or torn middle lines). */
  readonly missing: number;
  /** The first few missing ranges, for the notice. */
  readonly holes: readonly { readonly from: number; readonly to: number }[];
  /** What was wrong beyond damaged lines: a log that could not be opened, or lost its end. */
  readonly problems: readonly LogProblem[];
  /** The file actually in use (differs from the configured one after a fallback). */
  readonly file: string;
  /** The first seq read at start: 1 after reading the whole file, later after a tail start. */
  readonly readFrom: number;
  /** Why the tail start asked for was not used, when it was not. */
  readonly tailRefused?: string;
}

/** A range answer: the events held in [from, through], and how far the answer covers. */
export interface RangeAnswer {
  readonly events: Envelope[];
  /**
   * Every seq in [from, through] that is not in `events` is not in this log. `through` is below
   * `to` when the byte budget ran out first, and beyond `to` when the log has a hole there.
   */
  readonly through: number;
}

const WRITE_RETRY_MS = 1_000;
const STATE_EVERY_MS = 2_000;

/**
 * The hub's ordered event log: an append-only JSON-lines file, plus the newest events in memory
 * and the byte offset of every line, indexed by seq (a damaged log can have holes), so an old
 * range is read back without scanning the file. Appends are written in batches, flushed to the
 * disk, and only then announced (`onDurable`): nothing a wall has seen can vanish in a power cut.
 * A damaged file is copied aside and its valid part kept; a file that cannot be opened at all is
 * left untouched and a fresh log starts beside it.
 */
export class EventLog {
  private readonly window: Envelope[] = [];
  private readonly index = new SeqIndex();
  private bytes = 0;
  private assigned: number;
  private queue: { envelope: Envelope; line: string }[] = [];
  private writing = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private stateTimer: NodeJS.Timeout | undefined;
  private readonly durableListeners = new Set<(envelopes: readonly Envelope[]) => void>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly windowSize: number;
  private readonly now: () => number;
  private readonly fsync: boolean;
  /** Batches written and the time spent flushing them to disk (for `bench:events`). */
  readonly writeStats = { batches: 0, events: 0, syncMs: 0 };
  /** Write failures since start (disk full, I/O error): the events wait in memory and are retried. */
  writeErrors = 0;
  lastWriteError: string | undefined;

  private constructor(
    private readonly opening: LogOpening,
    private readonly handle: FileHandle,
    /** Survives restarts; a wall that finds another id starts over instead of mixing logs. */
    readonly id: string,
    options: EventLogOptions,
  ) {
    this.windowSize = options.windowSize ?? 50_000;
    this.now = options.now ?? Date.now;
    this.fsync = options.fsync ?? true;
    this.assigned = 0;
  }

  static async open(
    file: string,
    options: EventLogOptions = {},
  ): Promise<{ log: EventLog; report: EventLogReport; entries: Envelope[] }> {
    const opening = await openLogFiles(file, options.fallbackDir, options.tail);
    const { scanned } = opening;
    const handle = await open(opening.file, 'a');
    const last = scanned.good.at(-1)?.envelope.seq ?? 0;
    const problems = [...opening.problems];
    const state = opening.state;
    let id = state?.logId;
    if (state && state.headSeq > last) {
      problems.push({
        kind: 'lost-end',
        detail: `the log ends at seq ${last} but had reached ${state.headSeq}; a new log identity makes every wall start over`,
      });
      id = undefined;
    }
    const log = new EventLog(opening, handle, id ?? randomUUID(), options);
    log.bytes = scanned.startOffset;
    for (const g of scanned.good) log.remember(g.envelope, Buffer.byteLength(g.line) + 1);
    log.assigned = last;
    await log.writeState();
    const report: EventLogReport = {
      loaded: scanned.good.length,
      badLines: scanned.badLines,
      ...(opening.setAside ? { setAside: opening.setAside } : {}),
      missing: scanned.missing,
      holes: scanned.holes,
      problems,
      file: opening.file,
      readFrom: scanned.good[0]?.envelope.seq ?? last + 1,
      ...(opening.tailRefused ? { tailRefused: opening.tailRefused } : {}),
    };
    return { log, report, entries: scanned.good.map((g) => g.envelope) };
  }

  /** The newest seq on disk: the most the hub may announce. */
  get headSeq(): number {
    return this.index.last;
  }

  /**
   * The oldest seq this run can read back (range, answer); older ones are in the file but not
   * indexed, since the hub started from a checkpoint (`readAll` still streams them).
   */
  get keptFrom(): number {
    return this.index.seqAt(0) ?? this.headSeq + 1;
  }

  /** The first line this run holds with a seq ≥ `seq` (where a restart may start reading). */
  lineAtOrAfter(seq: number): TailStart | undefined {
    const position = this.index.lowerBound(seq);
    const found = this.index.seqAt(position);
    return found === undefined
      ? undefined
      : { seq: found, offset: this.index.offsetAt(position) as number };
  }

  /**
   * Every event on disk from the first line, streamed in order (rebuilding the history database
   * after the hub started from a checkpoint); lines that no longer decode are skipped.
   */
  async *readAll(): AsyncGenerator<Envelope> {
    const end = this.bytes;
    if (end === 0) return;
    const lines = createInterface({
      input: createReadStream(this.opening.file, { encoding: 'utf8', start: 0, end: end - 1 }),
      crlfDelay: Infinity,
    });
    let last = 0;
    for await (const line of lines) {
      if (!line) continue;
      const decoded = decodeEnvelope(line);
      if (decoded.ok && decoded.envelope.seq > last) {
        last = decoded.envelope.seq;
        yield decoded.envelope;
      }
    }
  }

  /** Events given seqs but not yet on disk. */
  get pendingWrites(): number {
    return this.queue.length;
  }

  /**
   * Gives events the next seqs and queues them for the disk; returns their envelopes at once.
   * They are announced through `onDurable` once written and flushed. `refs[k]`, when given, is
   * the platform's id of `events[k]` (ingest), written with it.
   */
  append(events: readonly WallEvent[], refs?: readonly (string | undefined)[]): Envelope[] {
    const written: Envelope[] = [];
    const ts = this.now();
    for (const [k, event] of events.entries()) {
      this.assigned += 1;
      const envelope = makeEnvelope(this.assigned, ts, event, refs?.[k]);
      this.queue.push({ envelope, line: JSON.stringify(envelope) + '\n' });
      written.push(envelope);
    }
    if (written.length > 0) void this.drain();
    return written;
  }

  /** Hears every batch once it is on disk, in seq order. */
  onDurable(listener: (envelopes: readonly Envelope[]) => void): () => void {
    this.durableListeners.add(listener);
    return () => this.durableListeners.delete(listener);
  }

  /**
   * Events on disk with seq in [from, to], in order, from memory or from the file, at most
   * `maxBytes` of JSON lines (at least one event when any is held).
   */
  async range(from: number, to: number, maxBytes = Infinity): Promise<Envelope[]> {
    return (await this.answer(from, to, maxBytes)).events;
  }

  /** Like `range`, also saying how far the answer covers (see `RangeAnswer`). */
  async answer(from: number, to: number, maxBytes = Infinity): Promise<RangeAnswer> {
    const lo = this.index.lowerBound(Math.max(1, from));
    let hi = this.index.upperBound(Math.min(to, this.headSeq)); // exclusive
    if (hi <= lo) {
      // Nothing held in [from, to]: the answer covers up to the next event the log holds.
      const next = this.index.seqAt(lo);
      return {
        events: [],
        through: next !== undefined ? next - 1 : Math.max(Math.min(to, this.headSeq), from - 1),
      };
    }
    if (maxBytes !== Infinity) {
      let budget = maxBytes;
      for (let i = lo; i < hi; i += 1) {
        budget -= this.lineBytes(i);
        if (budget < 0 && i > lo) {
          hi = i;
          break;
        }
      }
    }
    // Up to the event after the answer (cut by bytes) or the end asked for, whichever is first.
    const next = this.index.seqAt(hi);
    const through = Math.min(to, next !== undefined ? next - 1 : this.headSeq);
    const firstSeq = this.index.seqAt(lo) as number;
    if (firstSeq >= (this.window[0]?.seq ?? Infinity)) {
      const lastSeq = this.index.seqAt(hi - 1) as number;
      const start = lowerBoundBySeq(this.window, firstSeq);
      return {
        events: this.window.slice(start, lowerBoundBySeq(this.window, lastSeq + 1)),
        through,
      };
    }
    return { events: await this.readLines(lo, hi), through };
  }

  /** The in-memory events on disk with seq in [from, upTo], or undefined when `from` is older than memory. */
  inMemoryRange(from: number, upTo: number): Envelope[] | undefined {
    const first = this.window[0]?.seq;
    if (first === undefined) return from > this.headSeq || this.index.length === 0 ? [] : undefined;
    if (from < first && this.index.lowerBound(from) < this.index.lowerBound(first))
      return undefined;
    return this.window.slice(
      lowerBoundBySeq(this.window, from),
      lowerBoundBySeq(this.window, upTo + 1),
    );
  }

  /** Resolves once every event appended so far is on disk. */
  async flush(): Promise<void> {
    if (this.queue.length === 0 && !this.writing) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.stateTimer);
    await this.writeState();
    await this.handle.close();
  }

  async sizeOnDisk(): Promise<number> {
    await this.flush();
    return (await this.handle.stat()).size;
  }

  /** Writes queued events in batches: write, flush to disk, then remember and announce. */
  private async drain(): Promise<void> {
    if (this.writing || this.closed) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.writeBatch(batch.map((b) => b.line).join(''));
        } catch (error) {
          this.writeErrors += 1;
          this.lastWriteError = String((error as Error).message ?? error).slice(0, 200);
          // Keep the events, in order, and try again later; a part-written batch is cut off first.
          this.queue = [...batch, ...this.queue];
          await this.handle.truncate(this.bytes).catch(() => undefined);
          clearTimeout(this.retryTimer);
          this.retryTimer = setTimeout(() => void this.drain(), WRITE_RETRY_MS);
          return;
        }
        for (const b of batch) this.remember(b.envelope, Buffer.byteLength(b.line));
        this.writeStats.batches += 1;
        this.writeStats.events += batch.length;
        const envelopes = batch.map((b) => b.envelope);
        for (const listener of this.durableListeners) listener(envelopes);
        this.scheduleState();
      }
    } finally {
      this.writing = false;
      if (this.queue.length === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private async writeBatch(text: string): Promise<void> {
    const buffer = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < buffer.length) {
      const { bytesWritten } = await this.handle.write(buffer, done, buffer.length - done, null);
      done += bytesWritten;
    }
    if (this.fsync) {
      const started = performance.now();
      await this.handle.datasync();
      this.writeStats.syncMs += performance.now() - started;
    }
  }

  private scheduleState(): void {
    if (this.stateTimer || this.closed) return;
    this.stateTimer = setTimeout(() => {
      this.stateTimer = undefined;
      void this.writeState();
    }, STATE_EVERY_MS);
    this.stateTimer.unref();
  }

  /** Records the log's identity and how far it is known to reach (written after the data). */
  private async writeState(): Promise<void> {
    await this.opening.saveState({ logId: this.id, headSeq: this.headSeq }).catch(() => undefined);
  }

  private lineBytes(position: number): number {
    const start = this.index.offsetAt(position) as number;
    const next = this.index.offsetAt(position + 1);
    return (next ?? this.bytes) - start;
  }

  private async readLines(lo: number, hi: number): Promise<Envelope[]> {
    const start = this.index.offsetAt(lo) as number;
    const end = this.index.offsetAt(hi) ?? this.bytes;
    const reader = await open(this.opening.file, 'r');
    try {
      const buffer = Buffer.alloc(end - start);
      await reader.read(buffer, 0, buffer.length, start);
      const events: Envelope[] = [];
      for (const line of buffer.toString('utf8').split('\n')) {
        if (!line) continue;
        // Checked again: the disk may have been damaged since the file was opened.
        const decoded = decodeEnvelope(line);
        if (decoded.ok) events.push(decoded.envelope);
      }
      return events;
    } finally {
      await reader.close();
    }
  }

  private remember(envelope: Envelope, lineBytes: number): void {
    this.index.push(envelope.seq, this.bytes);
    this.bytes += lineBytes;
    this.window.push(envelope);
    if (this.window.length > this.windowSize * 1.5)
      this.window.splice(0, this.window.length - this.windowSize);
  }
}

function lowerBoundBySeq(list: readonly Envelope[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Envelope).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
