import { sql } from 'kysely';
import { claimableRows } from '../db/locks.js';
import { rowsOf } from '../db/rows.js';
import type { OutboxTable } from '../db/schema.js';
import type { Selectable } from 'kysely';
import type { ServiceContext, TxContext } from './context.js';

/**
 * The outbox: work that must happen because a change committed (an e-mail, a webhook delivery),
 * written as a row in the change's own transaction and done afterwards by whichever server process
 * claims it first. A crash between the commit and the work loses nothing (the row waits), two
 * processes never claim one row (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite has one writer), and
 * the request that caused the work never waits for it.
 */

export interface OutboxJob {
  /** which handler does it: 'email', 'webhook', … */
  kind: string;
  payload: unknown;
  /** not before this time (a digest, a delayed retry); now by default */
  runAt?: Date;
}

/** Writes a job in the mutation's transaction; the process's worker is woken once it commits. */
export async function enqueueJob(tx: TxContext, job: OutboxJob): Promise<void> {
  await enqueueJobs(tx, [job]);
}

/** Writes several jobs in one statement (a fan-out to many recipients). */
export async function enqueueJobs(tx: TxContext, jobs: OutboxJob[]): Promise<void> {
  if (!jobs.length) return;
  const now = tx.clock.now().toISOString();
  const due = tx.clock.now().toISOString();
  // The jobs travel as one JSON parameter per chunk: a fan-out's 500 e-mails are one short statement.
  for (let i = 0; i < jobs.length; i += 1000) {
    const rows = jobs.slice(i, i + 1000).map((j) => [j.kind, JSON.stringify(j.payload), j.runAt ? j.runAt.toISOString() : due]);
    await tx.db
      .insertInto('outbox')
      .columns(['kind', 'payload', 'run_at', 'created_at'])
      .expression(sql`SELECT r.k, r.p, r.r, CAST(${now} AS text) FROM ${rowsOf(tx.dialect, { k: 'text', p: 'text', r: 'text' }, rows)}`)
      .execute();
  }
  tx.afterCommit(() => tx.outbox?.wake());
}

export type OutboxRow = Selectable<OutboxTable>;

/**
 * Claims up to `limit` due jobs for `leaseMs`: each claim counts as an attempt. A job whose
 * claim has lapsed (its process died mid-way) is due again.
 */
export async function claimDueJobs(ctx: ServiceContext, opts: { kinds: string[]; limit: number; leaseMs: number }): Promise<OutboxRow[]> {
  if (!opts.kinds.length) return [];
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + opts.leaseMs).toISOString();
  const due = ctx.db
    .selectFrom('outbox')
    .select('id')
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('run_at', '<=', nowIso)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', nowIso)]))
    .where('kind', 'in', opts.kinds)
    .orderBy('run_at')
    .orderBy('id')
    .limit(opts.limit);
  const claimed = await ctx.db
    .updateTable('outbox')
    .set((eb) => ({ claimed_until: until, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', claimableRows(ctx.dialect, due))
    .returningAll()
    .execute();
  // RETURNING keeps no order; jobs are done in the order they became due.
  return claimed.sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : a.id - b.id));
}

export async function markJobDone(ctx: ServiceContext, id: number): Promise<void> {
  await ctx.db
    .updateTable('outbox')
    .set({ done_at: ctx.clock.now().toISOString(), claimed_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** A failed attempt: due again at `retryAt`, or given up for good when `retryAt` is null. */
export async function markJobFailed(ctx: ServiceContext, id: number, error: string, retryAt: Date | null): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await ctx.db
    .updateTable('outbox')
    .set({
      claimed_until: null,
      last_error: error.slice(0, 2000),
      ...(retryAt ? { run_at: retryAt.toISOString() } : { failed_at: now }),
    })
    .where('id', '=', id)
    .execute();
}

/** Jobs not done yet, per kind (for /metrics and tests). */
export async function countPendingJobs(ctx: ServiceContext): Promise<Record<string, number>> {
  const rows = await ctx.db
    .selectFrom('outbox')
    .select(['kind', sql<number>`count(*)`.as('n')])
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}
