import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { CASE_COLUMNS, type CaseRow } from '../../electron/hub/history/caseRow';
import type {
  AggregateRow,
  HistoryPosition,
  HistoryStore,
} from '../../electron/hub/history/historyStore';
import {
  aggregateSql,
  countersAt,
  createTableSql,
  type SqlDialect,
} from '../../electron/hub/history/historySql';

/**
 * The same history in SQLite (`better-sqlite3` 12.11.x), behind the same interface, for the
 * benchmark's comparison only: the package is compiled at install time (its prebuilt binaries
 * come from GitHub, which an offline install cannot reach) and against one runtime's ABI (Node's
 * or Electron's), so it is not a dependency. Loaded only where it is installed.
 */
interface Statement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  raw(on: boolean): Statement;
}
interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(text: string): unknown;
  transaction<T extends (...args: never[]) => unknown>(fn: T): T;
  close(): void;
}

const require = createRequire(import.meta.url);

export function sqliteAvailable(): boolean {
  try {
    require.resolve('better-sqlite3');
    return true;
  } catch {
    return false;
  }
}

const SQLITE: SqlDialect = {
  types: { text: 'TEXT', int: 'INTEGER', bool: 'INTEGER', real: 'REAL' },
  // Integer operands: SQLite's division is already whole (the times here are all positive).
  intDiv: (a, b) => `((${a}) / ${b})`,
};

export async function openSqliteHistory(path: string): Promise<HistoryStore> {
  const open = require('better-sqlite3') as new (path: string) => Database;
  const db = new open(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(createTableSql(SQLITE, 'cases'));
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)');
  // A row store needs an index to find a period's rows; DuckDB's min/max per block does this.
  db.exec('CREATE INDEX IF NOT EXISTS cases_reported ON cases (reported_at)');
  const insert = db.prepare(
    `INSERT OR REPLACE INTO cases VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})`,
  );
  const setMeta = db.prepare('INSERT OR REPLACE INTO meta VALUES (?, ?)');
  const write = db.transaction((rows: readonly CaseRow[], position: HistoryPosition) => {
    for (const row of rows)
      insert.run(
        ...CASE_COLUMNS.map((c) => {
          const v = row[c.key];
          return typeof v === 'boolean' ? (v ? 1 : 0) : v;
        }),
      );
    setMeta.run('seq', String(position.seq));
    setMeta.run('logId', position.logId);
  });
  return {
    engine: 'sqlite',
    position: async () => {
      const meta = new Map(
        (db.prepare('SELECT key, value FROM meta').raw(true).all() as [string, string][]).map(
          ([k, v]) => [k, v],
        ),
      );
      return { seq: Number(meta.get('seq') ?? 0), logId: meta.get('logId') ?? '' };
    },
    write: async (rows, position) => void write(rows, position),
    clear: async () => db.exec('DELETE FROM cases; DELETE FROM meta;'),
    aggregate: async (spec): Promise<AggregateRow[]> => {
      const { sql, params } = aggregateSql(SQLITE, spec);
      const groups = spec.groupBy.length;
      return (
        db
          .prepare(sql)
          .raw(true)
          .all(...params) as unknown[][]
      ).map((row) => ({
        groups: row.slice(0, groups) as (string | number | null)[],
        counters: countersAt(row, groups),
      }));
    },
    count: async () =>
      Number((db.prepare('SELECT count(*) FROM cases').raw(true).all()[0] as number[])[0]),
    sizeOnDisk: async () => {
      const sizes = await Promise.all(
        ['', '-wal'].map((s) =>
          stat(path + s).then(
            (x) => x.size,
            () => 0,
          ),
        ),
      );
      return sizes.reduce((a, b) => a + b, 0);
    },
    close: async () => db.close(),
  };
}
