import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { rename, stat } from 'node:fs/promises';
import { CASE_COLUMNS, type CaseRow } from './caseRow';
import type { AggregateRow, HistoryPosition, HistoryStore } from './historyStore';
import { aggregateSql, countersAt, createTableSql, type SqlDialect } from './historySql';

/**
 * The history in DuckDB (`@duckdb/node-api`): an N-API module whose binaries come inside its npm
 * packages, so it loads in Node and in Electron's main process without a rebuild. Columnar, so
 * a month's report over a year of rows reads only the columns it groups and counts.
 */
const DUCKDB: SqlDialect = {
  types: { text: 'VARCHAR', int: 'BIGINT', bool: 'BOOLEAN', real: 'DOUBLE' },
  intDiv: (a, b) => `((${a}) // ${b})`,
};

export interface OpenedHistory {
  readonly store: HistoryStore;
  /** Where a file that could not be opened was put before a fresh one was made. */
  readonly setAside?: string;
  readonly problem?: string;
}

export interface DuckdbOptions {
  /** DuckDB's own memory limit, e.g. "512MB" (its default is most of the machine's memory). */
  readonly memoryLimit?: string;
  readonly threads?: number;
}

/** Opens (or makes) the database at `path`; a file DuckDB cannot open is set aside, never lost. */
export async function openDuckdbHistory(
  path: string,
  options: DuckdbOptions = {},
): Promise<OpenedHistory> {
  const config = {
    memory_limit: options.memoryLimit ?? '512MB',
    threads: String(options.threads ?? 2),
  };
  try {
    return { store: await DuckdbHistory.open(path, config) };
  } catch (error) {
    // Another process holds the file (a second hub on the same folder): it is theirs, not damaged.
    if (/lock/i.test(String(error))) throw error;
    const setAside = `${path}.damaged-${Date.now()}`;
    await rename(path, setAside);
    // The write-ahead log belongs to the damaged file; it goes with it.
    await rename(`${path}.wal`, `${setAside}.wal`).catch(() => undefined);
    return {
      store: await DuckdbHistory.open(path, config),
      setAside,
      problem: error instanceof Error ? error.message : String(error),
    };
  }
}

class DuckdbHistory implements HistoryStore {
  readonly engine = 'duckdb';
  /** Writes run one after another; reads use their own connection and see committed rows. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    readonly path: string,
  ) {}

  static async open(path: string, config: Record<string, string>): Promise<DuckdbHistory> {
    const instance = await DuckDBInstance.create(path, config);
    try {
      const writer = await instance.connect();
      await writer.run(createTableSql(DUCKDB, 'cases'));
      // No key on the staging table: it only carries one write's rows into `cases`.
      await writer.run(createTableSql(DUCKDB, 'staging').replace(' PRIMARY KEY', ''));
      await writer.run('CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
      // Rows a killed hub had staged but not committed are written again from the log.
      await writer.run('DELETE FROM staging');
      const reader = await instance.connect();
      return new DuckdbHistory(instance, writer, reader, path);
    } catch (error) {
      instance.closeSync();
      throw error;
    }
  }

  async position(): Promise<HistoryPosition> {
    const result = await this.reader.runAndReadAll('SELECT key, value FROM meta');
    const meta = new Map(result.getRowsJS().map((r) => [String(r[0]), String(r[1])]));
    return { seq: Number(meta.get('seq') ?? 0), logId: meta.get('logId') ?? '' };
  }

  write(rows: readonly CaseRow[], position: HistoryPosition): Promise<void> {
    return this.serial(async () => {
      const appender = await this.writer.createAppender('staging');
      try {
        for (const row of rows) appendRow(appender, row);
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      await this.writer.run('BEGIN TRANSACTION');
      try {
        await this.writer.run('INSERT OR REPLACE INTO cases SELECT * FROM staging');
        await this.writer.run('DELETE FROM staging');
        await this.writer.run(
          "INSERT OR REPLACE INTO meta VALUES ('seq', $seq), ('logId', $logId)",
          { seq: String(position.seq), logId: position.logId },
        );
        await this.writer.run('COMMIT');
      } catch (error) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        await this.writer.run('DELETE FROM staging').catch(() => undefined);
        throw error;
      }
    });
  }

  clear(): Promise<void> {
    return this.serial(async () => {
      await this.writer.run('BEGIN TRANSACTION');
      await this.writer.run('DELETE FROM cases');
      await this.writer.run('DELETE FROM meta');
      await this.writer.run('COMMIT');
    });
  }

  async aggregate(spec: Parameters<HistoryStore['aggregate']>[0]): Promise<AggregateRow[]> {
    const { sql, params } = aggregateSql(DUCKDB, spec);
    const result = await this.reader.runAndReadAll(sql, params);
    const groups = spec.groupBy.length;
    return result.getRowsJS().map((row) => ({
      groups: row
        .slice(0, groups)
        .map((v) =>
          v === null ? null : typeof v === 'bigint' ? Number(v) : (v as string | number),
        ),
      counters: countersAt(row, groups),
    }));
  }

  async count(): Promise<number> {
    const result = await this.reader.runAndReadAll('SELECT count(*) FROM cases');
    return Number(result.getRowsJS()[0]?.[0] ?? 0);
  }

  async sizeOnDisk(): Promise<number> {
    const [db, wal] = await Promise.all([
      stat(this.path).then(
        (s) => s.size,
        () => 0,
      ),
      stat(`${this.path}.wal`).then(
        (s) => s.size,
        () => 0,
      ),
    ]);
    return db + wal;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.writer.run('CHECKPOINT').catch(() => undefined);
    this.reader.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function appendRow(appender: DuckDBAppender, row: CaseRow): void {
  for (const column of CASE_COLUMNS) {
    const value = row[column.key];
    if (value === null || value === undefined) {
      appender.appendNull();
      continue;
    }
    switch (column.kind) {
      case 'text':
        appender.appendVarchar(String(value));
        break;
      case 'int':
        appender.appendBigInt(BigInt(Math.trunc(Number(value))));
        break;
      case 'bool':
        appender.appendBoolean(Boolean(value));
        break;
      case 'real':
        appender.appendDouble(Number(value));
        break;
    }
  }
  appender.endRow();
}
