import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/connection.js';
import type { Dialect } from '../../src/db/dialect.js';
import { freshDatabase, PG_ADMIN_URL as TEST_PG_ADMIN_URL } from '../../test/support/database.js';
import { generateProduct, type GeneratedProduct } from './generate.js';
import { startOrdo, type OrdoProcess, type OrdoProcessOptions } from '../../test/support/ordo-process.js';

/** PostgreSQL server the bench creates its throwaway databases on. */
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? TEST_PG_ADMIN_URL;

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
  const db = await freshDatabase(dialect, { prefix: 'ordo_bench', adminUrl: PG_ADMIN_URL });
  teardowns.push(db.drop);
  const { handle } = db;
  const serve: OrdoProcessOptions = dialect === 'sqlite' ? { dataDir: db.url } : { databaseUrl: db.url };
  opts.log(`[${dialect}] generating a product with ${opts.items.toLocaleString('en')} items`);
  const started = performance.now();
  const big = await generateProduct(handle, { key: 'BIG', items: opts.items });
  // What autovacuum would have done by now: statistics, and the visibility map index-only scans need.
  if (dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(handle.db);
  const generateSeconds = (performance.now() - started) / 1000;
  opts.log(`[${dialect}] generated in ${generateSeconds.toFixed(1)} s; starting ordo serve`);
  const server = await startOrdo(serve);
  teardowns.push(() => server.close());
  return { dialect, handle, serve, big, generateSeconds, server, auth: { authorization: `Bearer ${big.token}` } };
}
