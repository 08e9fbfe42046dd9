import type { CaseRow } from './caseRow';
import type { AggregateSpec, Counters } from './historySql';

export interface AggregateRow {
  /** The group values in `groupBy` order (a day as its day number, an hour as 0–23). */
  readonly groups: readonly (string | number | null)[];
  readonly counters: Counters;
}

/** Where the rows stand: complete up to `seq` of the log called `logId`. */
export interface HistoryPosition {
  readonly seq: number;
  readonly logId: string;
}

/**
 * The case history as the hub needs it, whatever database stands behind it (the embedded one
 * today, a platform's own later): rows written with the seq they stand at, in one transaction,
 * and aggregates over a period.
 */
export interface HistoryStore {
  readonly engine: string;
  position(): Promise<HistoryPosition>;
  /** Replaces these cases' rows and records `position`, all or nothing. */
  write(rows: readonly CaseRow[], position: HistoryPosition): Promise<void>;
  /** Forgets every row (the log it followed is gone: it is rebuilt from the new one). */
  clear(): Promise<void>;
  aggregate(spec: AggregateSpec): Promise<AggregateRow[]>;
  count(): Promise<number>;
  /** Bytes on disk, for the status and the benchmark. */
  sizeOnDisk(): Promise<number>;
  close(): Promise<void>;
}
