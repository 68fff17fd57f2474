import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Dialect } from '../../src/db/dialect.js';
import { buildApp } from '../../src/http/app.js';
import { LocalEventBus, type EventBus } from '../../src/realtime/bus.js';
import type { Actor, Clock, ServiceContext } from '../../src/services/context.js';
import { createApiToken, createUser } from '../../src/services/users.js';
import { createProduct } from '../../src/services/products/create-product.js';
import { setMember } from '../../src/services/products/set-member.js';
import type { ProductRole } from '../../src/domain/roles.js';

/** PostgreSQL server used to create throwaway databases (trust auth on this machine and in CI). */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const DIALECTS: Dialect[] = (process.env.ORDO_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(public current = new Date('2026-03-02T09:00:00.000Z')) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface FreshDatabase {
  handle: DatabaseHandle;
  /** the connection string (postgres) or file (sqlite), to start other processes on it */
  url: string;
  drop(): Promise<void>;
}

/** A new, migrated database of the dialect: a temp SQLite file, or a new PostgreSQL database. */
export async function freshDatabase(dialect: Dialect): Promise<FreshDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-test-'));
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
  const name = `ordo_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const handle = openDatabase({ databaseUrl: url, poolSize: 10 });
  await migrateToLatest(handle.db, 'postgres');
  return {
    handle,
    url,
    drop: async () => {
      await handle.close().catch(() => {});
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestUser {
  id: number;
  email: string;
  name: string;
  password: string;
  actor: Actor;
  token: string;
  /** headers that authenticate as this user */
  auth: { authorization: string };
}

export interface Harness {
  dialect: Dialect;
  ctx: ServiceContext;
  clock: TestClock;
  app: FastifyInstance;
  db: FreshDatabase;
  /** inject with a user's token; `body` is sent as JSON */
  api(user: TestUser | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  buildUser(opts?: { name?: string; isAdmin?: boolean }): Promise<TestUser>;
  /** a product owned by `owner` (a new admin user when absent) */
  buildProduct(owner?: TestUser, opts?: { key?: string; name?: string }): Promise<{ key: string; owner: TestUser }>;
  addMember(productKey: string, owner: TestUser, user: TestUser, role: ProductRole): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;
const uniqueKey = () => {
  counter++;
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let n = counter + Math.floor(Math.random() * 1000) * 100;
  let s = '';
  do {
    s = letters[n % 26] + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return ('P' + s).slice(0, 10);
};

export async function createHarness(dialect: Dialect, opts: { bus?: EventBus } = {}): Promise<Harness> {
  const db = await freshDatabase(dialect);
  const clock = new TestClock();
  const ctx: ServiceContext = { db: db.handle.db, dialect, clock, bus: opts.bus ?? new LocalEventBus() };
  const app = await buildApp({ ctx, loginAttempts: 1000, validateResponses: true });
  await app.ready();
  let userCount = 0;
  const h: Harness = {
    dialect,
    ctx,
    clock,
    app,
    db,
    api(user, o) {
      return app.inject({ ...o, headers: { ...(user ? user.auth : {}), ...(o.headers ?? {}) } });
    },
    async buildUser(o = {}) {
      userCount++;
      const name = o.name ?? `User ${userCount}`;
      const email = `user${userCount}-${randomBytes(3).toString('hex')}@example.com`;
      const password = 'correct horse battery';
      const u = await createUser(ctx, { email, name, password, isAdmin: o.isAdmin });
      const actor: Actor = { userId: u.id, name: u.name, isAdmin: u.isAdmin };
      const { token } = await createApiToken(ctx, actor, 'test');
      return { id: u.id, email, name, password, actor, token, auth: { authorization: `Bearer ${token}` } };
    },
    async buildProduct(owner, o = {}) {
      const own = owner ?? (await h.buildUser({ name: 'Owner', isAdmin: true }));
      const key = o.key ?? uniqueKey();
      const ownerActor = own.actor.isAdmin ? own.actor : { ...own.actor, isAdmin: true };
      await createProduct(ctx, ownerActor, { key, name: o.name ?? `Product ${key}` });
      return { key, owner: own };
    },
    async addMember(productKey, owner, user, role) {
      await setMember(ctx, { ...owner.actor, isAdmin: true }, productKey, { userId: user.id, role });
    },
    async close() {
      await app.close();
      await ctx.bus.close();
      await db.drop();
    },
  };
  return h;
}

/** Runs a block of tests once per dialect, each with its own fresh database and app. */
export function describeEachDialect(title: string, body: (h: Harness) => void) {
  for (const dialect of DIALECTS) {
    describe(`${title} [${dialect}]`, () => {
      const ref = {} as Harness;
      beforeAll(async () => {
        Object.assign(ref, await createHarness(dialect));
      }, 60_000);
      afterAll(async () => {
        await ref.close?.();
      });
      body(ref);
    });
  }
}
