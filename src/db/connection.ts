import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database, Db } from './schema.js';
import type { Dialect } from './dialect.js';

// int8 (counts, sums) and numeric would otherwise arrive as strings.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export interface DatabaseOptions {
  /** postgres://… for PostgreSQL; otherwise SQLite in dataDir */
  databaseUrl?: string;
  dataDir?: string;
  /** SQLite file path; overrides dataDir */
  sqliteFile?: string;
  /** SQLite `synchronous`: NORMAL survives a process crash, FULL survives power loss */
  synchronous?: 'NORMAL' | 'FULL';
  poolSize?: number;
}

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** the SQLite file, when the dialect is sqlite */
  sqlitePath?: string;
  /** the raw better-sqlite3 connection, for online backup */
  sqlite?: SQLite.Database;
  databaseUrl?: string;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  if (isPostgresUrl(options.databaseUrl)) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // A dropped idle connection must not crash the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', databaseUrl: options.databaseUrl, close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? path.join(options.dataDir ?? 'data', 'ordo.db');
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -64000');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', sqlitePath: path.resolve(file), sqlite, close: () => db.destroy() };
}

/**
 * Kysely prepares every statement it runs; preparing costs as much as running a small query, and
 * the app runs the same few hundred statements over and over. Kysely gets a view of the
 * connection that keeps them prepared (better-sqlite3 re-prepares by itself after a schema
 * change); the raw connection other code uses is left untouched.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(source: string) {
      let statement = statements.get(source);
      if (!statement) {
        statement = sqlite.prepare(source);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
        statements.set(source, statement);
      }
      return statement;
    },
    close: () => sqlite.close(),
  };
}
