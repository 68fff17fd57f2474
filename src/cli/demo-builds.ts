import os from 'node:os';
import type { Conn } from '../db/schema.js';
import type { ServiceContext } from '../services/context.js';

/**
 * What keeps `ordo demo` all-or-nothing when its process dies without a chance to clean up
 * (kill -9, a power cut): the demo writes a `demo_builds` row before its first write, its
 * products carry `building_since` (hidden from everyone but their members, who are all new), and
 * its last transaction clears both. Every start of Ordo (openRuntime) and every demo removes the
 * leftovers of a build whose builder is gone.
 */
export interface DemoBuild {
  id: number;
  /** the e-mail domain all of the demo's people share */
  domain: string;
  usersAfter: number;
  productsAfter: number;
}

/**
 * A build is abandoned when its builder is gone. A process id says so only on the builder's own
 * host: on PostgreSQL the demo may run on another machine, where our pid check means nothing, so
 * a build that has shown no sign of life for ten minutes is abandoned too. The demo refreshes
 * `alive_at` every day of its history (seconds apart), so a slow but living demo is never taken.
 */
const SILENT_MS = 10 * 60_000;

/** The builds this process started: a leftover with our pid is someone else's when it is not here (pids are reused; in a container, every run may be pid 1). */
const ours = new Set<number>();

/** Real time, not the service clock: the demo moves its own clock through twelve weeks of history. */
const wallClock = () => new Date().toISOString();

export async function startDemoBuild(ctx: ServiceContext, domain: string): Promise<DemoBuild> {
  const max = async (table: 'users' | 'products') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst()
      )?.id ?? 0,
    );
  const usersAfter = await max('users');
  const productsAfter = await max('products');
  const now = wallClock();
  const row = await ctx.db
    .insertInto('demo_builds')
    .values({
      domain,
      users_after: usersAfter,
      products_after: productsAfter,
      host: os.hostname(),
      pid: process.pid,
      started_at: now,
      alive_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ours.add(row.id);
  return { id: row.id, domain, usersAfter, productsAfter };
}

/** Says the builder still lives (see SILENT_MS). */
export async function keepDemoBuildAlive(ctx: ServiceContext, build: DemoBuild) {
  await ctx.db.updateTable('demo_builds').set({ alive_at: wallClock() }).where('id', '=', build.id).execute();
}

/** The demo's last transaction: its products become visible and the build is over, together. */
export async function finishDemoBuild(ctx: ServiceContext, build: DemoBuild) {
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('products')
      .set({ building_since: null })
      .where('id', '>', build.productsAfter)
      .where('id', 'in', ownedByTheDemo(trx, build))
      .execute();
    await trx.deleteFrom('demo_builds').where('id', '=', build.id).execute();
  });
  ours.delete(build.id);
}

/**
 * Removes a half-built demo: the people it made (new since it started, at its own domain) and the
 * products they own (their rows go with them), and the record of the build. Nobody and nothing
 * that was there before is touched.
 */
export async function removeDemo(ctx: ServiceContext, build: DemoBuild) {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('products').where('id', '>', build.productsAfter).where('id', 'in', ownedByTheDemo(trx, build)).execute();
    await trx.deleteFrom('users').where('id', '>', build.usersAfter).where('email', 'like', `%@${build.domain}`).execute();
    await trx.deleteFrom('demo_builds').where('id', '=', build.id).execute();
  });
  ours.delete(build.id);
}

/** Removes what demos whose builder is gone left behind; returns how many it removed. */
export async function removeAbandonedDemos(ctx: ServiceContext): Promise<number> {
  const builds = await ctx.db.selectFrom('demo_builds').selectAll().execute();
  const silentSince = new Date(Date.now() - SILENT_MS).toISOString();
  const gone = (b: (typeof builds)[number]) => b.host === os.hostname() && (b.pid === process.pid ? !ours.has(b.id) : !processLives(b.pid));
  const abandoned = builds.filter((b) => b.alive_at < silentSince || gone(b));
  for (const b of abandoned)
    await removeDemo(ctx, { id: b.id, domain: b.domain, usersAfter: b.users_after, productsAfter: b.products_after });
  return abandoned.length;
}

function ownedByTheDemo(db: Conn, build: DemoBuild) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('memberships.product_id')
    .where('memberships.role', '=', 'owner')
    .where('users.id', '>', build.usersAfter)
    .where('users.email', 'like', `%@${build.domain}`);
}

/** Signal 0 only asks whether the process exists; EPERM means it does, under another user. */
function processLives(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
