import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Dialect } from '../../src/db/dialect.js';

/** PostgreSQL server used to create throwaway databases (trust auth on this machine and in CI). */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface FreshDatabase {
  handle: DatabaseHandle;
  /** the connection string (postgres) or file (sqlite), to start other processes on it */
  url: string;
  drop(): Promise<void>;
}

export interface FreshDatabaseOptions {
  /** starts the database's (or the SQLite directory's) name, to tell a bench's leftovers from a test's */
  prefix?: string;
  poolSize?: number;
  /** the PostgreSQL server to create it on */
  adminUrl?: string;
}

/** A new, migrated database of the dialect: a temp SQLite file, or a new PostgreSQL database. */
export async function freshDatabase(dialect: Dialect, opts: FreshDatabaseOptions = {}): Promise<FreshDatabase> {
  const adminUrl = opts.adminUrl ?? PG_ADMIN_URL;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${(opts.prefix ?? 'ordo_test').replace(/_/g, '-')}-`));
    const file = path.join(dir, 'ordo.db');
    const handle = openDatabase({ sqliteFile: file });
    await migrateToLatest(handle.db, 'sqlite');
    return {
      handle,
      url: dir,
      drop: async () => {
        await handle.close().catch(() => {});
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `${opts.prefix ?? 'ordo_test'}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const handle = openDatabase({ databaseUrl: url, poolSize: opts.poolSize ?? 10 });
  await migrateToLatest(handle.db, 'postgres');
  return {
    handle,
    url,
    drop: async () => {
      await handle.close().catch(() => {});
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
