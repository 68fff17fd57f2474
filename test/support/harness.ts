import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { freshDatabase, type FreshDatabase } from './database.js';
import type { Dialect } from '../../src/db/dialect.js';
import { buildApp } from '../../src/http/app.js';
import { GroupCommit } from '../../src/services/group-commit.js';
import { LocalEventBus, type EventBus } from '../../src/realtime/bus.js';
import type { Actor, ServiceContext } from '../../src/services/context.js';
import { createApiToken } from '../../src/services/users.js';
import { setMember } from '../../src/services/products/set-member.js';
import { MovableClock } from '../../src/cli/seed/clock.js';
import { seedUser } from '../../src/cli/seed/people.js';
import { seedProduct } from '../../src/cli/seed/product.js';
import type { ProductRole } from '../../src/domain/roles.js';
import { FileStore } from '../../src/services/attachments/file-store.js';

export { freshDatabase, PG_ADMIN_URL, type FreshDatabase } from './database.js';

export const DIALECTS: Dialect[] = (process.env.ORDO_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');

/** A clock tests can move, starting on a Monday morning. */
export class TestClock extends MovableClock {
  constructor(start: Date | number = new Date('2026-03-02T09:00:00.000Z')) {
    super(start);
  }
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

export async function createHarness(dialect: Dialect, opts: { bus?: EventBus; attachmentMaxBytes?: number } = {}): Promise<Harness> {
  const db = await freshDatabase(dialect);
  const clock = new TestClock();
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-files-'));
  const ctx: ServiceContext = {
    db: db.handle.db,
    dialect,
    clock,
    bus: opts.bus ?? new LocalEventBus(),
    files: new FileStore(filesDir, opts.attachmentMaxBytes),
  };
  // ORDO_TEST_GROUP_COMMIT=1 runs the suite's PostgreSQL writes through group commit, as `ordo serve` does.
  if (dialect === 'postgres' && process.env.ORDO_TEST_GROUP_COMMIT === '1') ctx.groupCommit = new GroupCommit(ctx.db);
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
      const { id, actor } = await seedUser(ctx, { email, name, password, isAdmin: o.isAdmin });
      const { token } = await createApiToken(ctx, actor, 'test');
      return { id, email, name, password, actor, token, auth: { authorization: `Bearer ${token}` } };
    },
    async buildProduct(owner, o = {}) {
      const own = owner ?? (await h.buildUser({ name: 'Owner', isAdmin: true }));
      const key = o.key ?? uniqueKey();
      await seedProduct(ctx, own.actor, { key, name: o.name ?? `Product ${key}` });
      return { key, owner: own };
    },
    async addMember(productKey, owner, user, role) {
      await setMember(ctx, { ...owner.actor, isAdmin: true }, productKey, { userId: user.id, role });
    },
    async close() {
      await app.close();
      await ctx.bus.close();
      await db.drop();
      fs.rmSync(filesDir, { recursive: true, force: true });
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
