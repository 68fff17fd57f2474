import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { sql } from 'kysely';
import type { Db, Trx } from '../db/schema.js';
import { transactionLockingProduct, type Begun } from '../db/locks.js';

/** A write, told what its transaction began with: the product's row locked, its states read (src/db/locks.ts). */
type Work<T> = (trx: Trx, begun: Begun) => Promise<T>;

interface Job {
  work: Work<unknown>;
  readStates: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** PostgreSQL's codes for a transaction the server gave up to let others through: worth running again alone. */
const TRY_ALONE = new Set(['40001', '40P01']);

/**
 * Group commit for a process's writes on PostgreSQL (docs/decisions/0015). Each write waits for
 * its WAL flush at commit, and a product's writers take turns on its row until they have
 * committed, so one product took one write per flush however many clients were waiting.
 *
 * Here a process runs one writing transaction at a time per product. Writes of that product that
 * arrive while it runs queue, and the next transaction runs all of them, one after another, each
 * inside its own savepoint: one that fails is rolled back to its savepoint and fails alone, the
 * others commit together, in one flush. Nothing waits on a timer: a write that finds no
 * transaction running starts one at once, so a lone client pays nothing. Each write is
 * acknowledged only after the commit that holds it, so an acknowledged write survives a crash as
 * before (`synchronous_commit` stays on). The writes of a batch are serial, as a product's writers
 * were anyway (they lock its row first); what they share is the commit. A batch the server aborts
 * (a deadlock with another process, a serialization failure) runs each of its writes again in a
 * transaction of its own.
 */
export class GroupCommit {
  /** writes waiting per product, and whether a transaction of that product's is running */
  private readonly lanes = new Map<number, { queue: Job[]; running: boolean }>();
  /** writes run and transactions committed for them: how much was shared */
  readonly stats = { writes: 0, transactions: 0 };
  /** set inside a batch's work: a write started from within another one runs as it always did */
  private readonly inside = new AsyncLocalStorage<true>();

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 64,
  ) {}

  /**
   * Runs `work` in a transaction shared with the writes of the same product waiting beside it;
   * settles after that transaction's commit. Writes of a product lock its row first and so take
   * turns anyway; writes of different products, and writes that name no product, still run side
   * by side, each in its own transaction.
   */
  run<T>(productId: number | undefined, work: Work<T>, opts: { readStates?: boolean } = {}): Promise<T> {
    if (productId === undefined || this.inside.getStore())
      return this.db.transaction().execute((trx) => work(trx, { productLocked: false }));
    let lane = this.lanes.get(productId);
    if (!lane) this.lanes.set(productId, (lane = { queue: [], running: false }));
    // The batch runs in whichever caller started it; each write keeps its own caller's async context.
    const own = AsyncResource.bind((trx: Trx, begun: Begun) => this.inside.run(true, () => work(trx, begun)));
    return new Promise<T>((resolve, reject) => {
      lane.queue.push({ work: own, readStates: !!opts.readStates, resolve: resolve as (v: unknown) => void, reject });
      if (!lane.running) void this.drain(productId, lane);
    });
  }

  private async drain(productId: number, lane: { queue: Job[]; running: boolean }) {
    lane.running = true;
    try {
      while (lane.queue.length > 0) await this.runBatch(productId, lane.queue.splice(0, this.maxBatch));
    } finally {
      lane.running = false;
      if (lane.queue.length === 0) this.lanes.delete(productId);
    }
  }

  private async runBatch(productId: number, batch: Job[]) {
    if (batch.length === 1) return this.runAlone(productId, batch[0]!);
    this.stats.writes += batch.length;
    this.stats.transactions++;
    const outcomes: Outcome[] = [];
    try {
      // The product's row is locked as the batch begins, before any savepoint, so a write rolled
      // back to its savepoint leaves it locked for the writes after it.
      // The states read as it began are the first write's alone: a write before another in the
      // batch may change them.
      await transactionLockingProduct(
        this.db,
        productId,
        async (trx, begun) => {
          for (const [i, job] of batch.entries()) {
            await sql`SAVEPOINT group_write`.execute(trx);
            try {
              const value = await job.work(trx, i === 0 ? begun : { productLocked: begun.productLocked });
              await sql`RELEASE SAVEPOINT group_write`.execute(trx);
              outcomes.push({ ok: true, value });
            } catch (error) {
              await sql`ROLLBACK TO SAVEPOINT group_write`.execute(trx);
              outcomes.push({ ok: false, error });
            }
          }
        },
        { readStates: batch[0]!.readStates },
      );
    } catch (error) {
      // Nothing of the batch was committed.
      if (TRY_ALONE.has((error as { code?: string })?.code ?? '')) {
        for (const job of batch) await this.runAlone(productId, job);
      } else for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  private async runAlone(productId: number, job: Job) {
    this.stats.writes++;
    this.stats.transactions++;
    try {
      job.resolve(await transactionLockingProduct(this.db, productId, job.work, { readStates: job.readStates }));
    } catch (error) {
      job.reject(error);
    }
  }
}
