import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Dialect } from '../../src/db/dialect.js';
import { generateProduct, type GeneratedProduct } from './generate.js';
import { startOrdo, type OrdoProcess, type OrdoProcessOptions } from '../../test/support/ordo-process.js';

/** PostgreSQL server the bench creates its throwaway databases on. */
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * One dialect's bench world: a fresh database holding a generated 100k-item product, and a real
 * `ordo serve` on it. Sections share it, so the data is generated once per run.
 */
export interface Fixture {
  dialect: Dialect;
  handle: DatabaseHandle;
  /** how to start another `ordo serve` on this database */
  serve: OrdoProcessOptions;
  big: GeneratedProduct;
  /** seconds the generator took */
  generateSeconds: number;
  server: OrdoProcess;
  auth: { authorization: string };
}

export interface FixtureOptions {
  items: number;
  log(message: string): void;
}

const fixtures = new Map<Dialect, Promise<Fixture>>();
const teardowns: Array<() => Promise<void>> = [];

/** The dialect's fixture, created on first use. */
export function fixture(dialect: Dialect, opts: FixtureOptions): Promise<Fixture> {
  let f = fixtures.get(dialect);
  if (!f) {
    f = createFixture(dialect, opts);
    fixtures.set(dialect, f);
  }
  return f;
}

/** Stops every server and drops every database the run created. */
export async function closeFixtures(): Promise<void> {
  for (const t of teardowns.splice(0).reverse()) await t().catch((err) => console.error('bench teardown:', err));
  fixtures.clear();
}

async function createFixture(dialect: Dialect, opts: FixtureOptions): Promise<Fixture> {
  const { handle, serve } = await freshDatabase(dialect);
  await migrateToLatest(handle.db, dialect);
  opts.log(`[${dialect}] generating a product with ${opts.items.toLocaleString('en')} items`);
  const started = performance.now();
  const big = await generateProduct(handle.db, dialect, { key: 'BIG', items: opts.items });
  // What autovacuum would have done by now: statistics, and the visibility map index-only scans need.
  if (dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(handle.db);
  const generateSeconds = (performance.now() - started) / 1000;
  opts.log(`[${dialect}] generated in ${generateSeconds.toFixed(1)} s; starting ordo serve`);
  const server = await startOrdo(serve);
  teardowns.push(() => server.close());
  return { dialect, handle, serve, big, generateSeconds, server, auth: { authorization: `Bearer ${big.token}` } };
}

async function freshDatabase(dialect: Dialect): Promise<{ handle: DatabaseHandle; serve: OrdoProcessOptions }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-bench-'));
    const handle = openDatabase({ dataDir: dir });
    teardowns.push(async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    return { handle, serve: { dataDir: dir } };
  }
  const name = `ordo_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const handle = openDatabase({ databaseUrl: url });
  teardowns.push(async () => {
    await handle.close();
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return { handle, serve: { databaseUrl: url } };
}
