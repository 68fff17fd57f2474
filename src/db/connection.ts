import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';
import type { Database, Db, WorkflowStateRow } from './schema.js';
import type { Dialect } from './dialect.js';
import { checkpointInBackground } from './sqlite-checkpointer.js';
import { lockAtBegin } from './locks.js';

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
  /** SQLite: checkpoint the log in a worker thread, off the commits (src/db/sqlite-checkpointer.ts); for a long-running server */
  checkpointInBackground?: boolean;
}

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** the SQLite file, when the dialect is sqlite */
  sqlitePath?: string;
  /** the raw better-sqlite3 connection, for online backup */
  sqlite?: SQLite.Database;
  databaseUrl?: string;
  /** the PostgreSQL pool, for its gauges in /metrics */
  pool?: pg.Pool;
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
    pool.on('connect', prepareByName);
    const db = new Kysely<Database>({ dialect: new LockingPostgresDialect({ pool }) });
    return { db, dialect: 'postgres', databaseUrl: options.databaseUrl, pool, close: () => db.destroy() };
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
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  const stopCheckpoints = options.checkpointInBackground ? checkpointInBackground(sqlite, path.resolve(file)) : null;
  const close = async () => {
    await stopCheckpoints?.();
    await db.destroy();
  };
  return { db, dialect: 'sqlite', sqlitePath: path.resolve(file), sqlite, close };
}

/** Named statements one PostgreSQL connection keeps at most; SQL met beyond that runs unnamed. */
const NAMED_PER_CONNECTION = 400;
/** How often a statement's text is seen before it is named: SQL run once (DDL, one-off reports) is never kept. */
const NAME_AFTER = 2;
/** Per statement text: how often this process has run it, and its name once it has one (hashed once). */
const statements = new Map<string, { runs: number; name?: string }>();

/**
 * PostgreSQL plans an unnamed statement every time it runs it, and `items`, with its many partial
 * indexes, is costly to plan: under the mixed load of docs/benchmarks.md (scale) the server spent
 * 27 s planning against 15 s executing, and the single-item read took 1.7 ms to plan and 0.15 ms
 * to run (pg_stat_statements). So each connection prepares the statements it runs again under a
 * name derived from their text: PostgreSQL keeps the plan and, after five runs, a generic one when
 * it is as good as the custom ones. Only plain reads and writes are named; at most
 * NAMED_PER_CONNECTION per connection, so IN-lists of every length cannot fill the server's memory.
 */
function prepareByName(client: pg.PoolClient) {
  /** the texts this connection has prepared */
  const named = new Set<string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && /^\s*(select|insert|update|delete|with)\b/i.test(config)) {
      let statement = statements.get(config);
      if (!statement) {
        if (statements.size > 10_000) statements.clear();
        statements.set(config, (statement = { runs: 0 }));
      }
      statement.runs++;
      if (named.has(config) || (statement.runs >= NAME_AFTER && named.size < NAMED_PER_CONNECTION)) {
        named.add(config);
        statement.name ??= `ordo_${createHash('sha1').update(config).digest('base64url')}`;
        return query({ name: statement.name, text: config, values }, callback);
      }
    }
    // node-postgres answers a string of several statements with one result each; Kysely reads one.
    if (typeof config === 'string' && callback === undefined && MULTI_STATEMENT_BEGIN.test(config))
      return (query(config, values) as Promise<pg.QueryResult | pg.QueryResult[]>).then((r) => (Array.isArray(r) ? r[r.length - 1] : r));
    return query(config, values, callback);
  };
}

/** Our own transaction starts (LockingPostgresDialect): the only statements sent several at a time. */
const MULTI_STATEMENT_BEGIN = /^BEGIN; /;

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

/**
 * Kysely begins SQLite transactions DEFERRED: a transaction that reads first takes a snapshot and
 * upgrades to a writer only at its first write. When another process (`ordo user add`, `ordo
 * demo`) committed in between, that upgrade fails at once with SQLITE_BUSY_SNAPSHOT, whatever the
 * busy_timeout. Every transaction of ours writes, so each begins IMMEDIATE: it waits (up to
 * busy_timeout) for the write lock before reading anything, and what it reads stays true.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * A transaction of a product's writer begins by locking the product's row (transactionLockingProduct
 * in src/db/locks.ts). Sent as one simple query, `BEGIN; SELECT … FOR UPDATE` costs one round
 * trip where Kysely's BEGIN and then the lock cost two, on every write of a product; a writer
 * that needs the product's states (a create, a move) reads them in that round trip too. The id
 * is written into the text, so only a plain integer is; anything else begins as usual.
 */
class LockingPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const begin = driver.beginTransaction.bind(driver);
    driver.beginTransaction = async (connection, settings) => {
      const lock = lockAtBegin.getStore();
      const plain = !settings.isolationLevel && !settings.accessMode;
      if (!lock || lock.begun || !plain || !Number.isSafeInteger(lock.productId)) return begin(connection, settings);
      lock.begun = true;
      const id = lock.productId;
      const states = lock.readStates ? `; SELECT * FROM workflow_states WHERE product_id = ${id} ORDER BY position` : '';
      try {
        // The answer is the last statement's (prepareByName): the states, when they were asked for.
        const { rows } = await connection.executeQuery(
          CompiledQuery.raw(`BEGIN; SELECT id FROM products WHERE id = ${id} FOR UPDATE${states}`),
        );
        // None would mean the rows did not come through (a product has states): the mutation reads them itself.
        if (lock.readStates && rows.length > 0) lock.states = rows as WorkflowStateRow[];
      } catch (error) {
        // The BEGIN may have run and the lock failed (a deadlock, a cancel): Kysely rolls back
        // only a transaction whose begin returned, so this one is ended here.
        await connection.executeQuery(CompiledQuery.raw('ROLLBACK')).catch(() => {});
        throw error;
      }
      lock.locked = true;
    };
    return driver;
  }
}
