import type { TActivityChange } from '../contract/activity.js';
import { AppError } from '../domain/errors.js';
import type { Db, Trx, WorkflowStateRow } from '../db/schema.js';
import type { Dialect } from '../db/dialect.js';
import type { EventBus } from '../realtime/bus.js';
import { EVENTS_CHANNEL } from '../realtime/pg-bus.js';
import { appendActivity, type ActivityRowInput } from '../db/activity-log.js';
import { isRetryableConflict } from '../db/errors.js';
import { lockProductRow, transactionLockingProduct, type Begun } from '../db/locks.js';
import type { Mailer } from './notifications/mailer.js';
import type { GroupCommit } from './group-commit.js';
import { accessChanged } from './access-changed.js';
import { enqueueWebhookDeliveries, type EventRanges } from './webhooks/enqueue-deliveries.js';
import type { FileStore } from './attachments/file-store.js';

/** Where "now" comes from; tests and the demo generator set it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What every service needs: the database, its dialect, the clock and the event bus. */
export interface ServiceContext {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  bus: EventBus;
  /** the process's outbox worker, when it runs one: told after a commit that wrote work for it */
  outbox?: { wake(): void };
  /** e-mail, when SMTP_URL is set (src/services/notifications/mailer.ts); without it notifications stay in Ordo */
  mailer?: Mailer;
  /** on PostgreSQL, concurrent mutations share a transaction and its commit (src/services/group-commit.ts) */
  groupCommit?: GroupCommit;
  /** attachment bytes on disk (DATA_DIR/files or ATTACHMENTS_DIR); commands that never touch files may leave it out */
  files?: FileStore;
}

/** Who is acting. Services decide permissions from this, never from HTTP. */
export interface Actor {
  userId: number;
  name: string;
  isAdmin: boolean;
}

/**
 * One activity row to record: a known entity × action with its before/after shape (the contract's
 * TActivity), on an entity of a product and, for an item and its parts, the item.
 */
export type ActivityInput = {
  productId: number;
  actorId: number | null;
  entityId: number;
  itemId?: number | null;
} & NullsOptional<TActivityChange>;

type NullKeys<C> = { [K in keyof C]-?: C[K] extends null ? K : never }[keyof C];
/** A before or after that is always null may be left out. */
type NullsOptional<C> = C extends unknown ? Omit<C, NullKeys<C>> & Partial<Pick<C, NullKeys<C>>> : never;

/** A service context inside one transaction, able to append to the activity log. */
export interface TxContext extends Omit<ServiceContext, 'db'> {
  db: Trx;
  /**
   * Adds one activity row, written with the product's next event number just before the commit
   * (so a read of the activity table inside the mutation does not see it yet).
   */
  record(activity: ActivityInput): Promise<void>;
  /** Runs `fn` once the transaction has committed (never if it rolls back). */
  afterCommit(fn: () => void): void;
  /**
   * The product's workflow states in position order, read under the product's lock as the
   * transaction began, when the mutation asked for them (readStates) and the database could;
   * otherwise undefined, and the mutation reads them itself.
   */
  productStates?: WorkflowStateRow[];
  /** the product whose row this transaction locked first (MutateOptions.productId): held until the commit */
  lockedProductId?: number;
}

/** What a mutation says about itself before it runs. */
export interface MutateOptions {
  /**
   * The product whose rows it writes: its row is locked first (PostgreSQL), before any item, rank
   * or membership, so every writer of a product takes its locks in one order and none deadlocks.
   */
  productId?: number;
  /**
   * It reads the product's workflow states (a create, a move): on PostgreSQL they come with the
   * BEGIN and the lock, in one round trip, as `tx.productStates`.
   */
  readStates?: boolean;
}

/** How often a mutation the database gave up on (deadlock, serialization failure, busy) is run again. */
export const MUTATE_ATTEMPTS = 5;

/**
 * Runs a mutation in one transaction: the change and its activity rows commit together, and the
 * event bus hears of them only after the commit. The activity rows are kept until the change is
 * done and written just before the commit, in one or two statements (src/db/activity-log.ts).
 * A mutation that names its product locks the product's row first, so every writer of a product
 * takes its locks in one order. A transaction the database aborted for a deadlock or a
 * serialization failure is run again from the start (after a short random pause), so `fn` must
 * read what it decides on inside the transaction; after MUTATE_ATTEMPTS the caller gets a 409
 * saying so, never a 500.
 */
export async function mutate<T>(ctx: ServiceContext, fn: (tx: TxContext) => Promise<T>): Promise<T>;
export async function mutate<T>(ctx: ServiceContext, options: MutateOptions, fn: (tx: TxContext) => Promise<T>): Promise<T>;
export async function mutate<T>(
  ctx: ServiceContext,
  ...args: [(tx: TxContext) => Promise<T>] | [MutateOptions, (tx: TxContext) => Promise<T>]
): Promise<T> {
  const [options, fn] = args.length === 1 ? [{}, args[0]] : args;
  for (let attempt = 1; ; attempt++) {
    try {
      return await mutateOnce(ctx, fn, options);
    } catch (e) {
      if (!isRetryableConflict(e)) throw e;
      if (attempt >= MUTATE_ATTEMPTS)
        throw new AppError(
          'conflict',
          'Others are changing the same things right now and this change kept colliding with theirs; try again',
        );
      await pause(Math.random() * 10 * 2 ** attempt);
    }
  }
}

async function mutateOnce<T>(ctx: ServiceContext, fn: (tx: TxContext) => Promise<T>, options: MutateOptions): Promise<T> {
  // Everything a run of the work leaves is its own: group commit may run it a second time alone.
  const work = async (trx: Trx, begun: Begun) => {
    const lastEvents = new Map<number, number>();
    /** people whose role on a product changed: their open streams check access again after the commit */
    const membersChanged = new Set<number>();
    const committed: (() => void)[] = [];
    if (options.productId !== undefined && !begun.productLocked) await lockProductRow(trx, ctx.dialect, options.productId);
    const pending = new Map<number, ActivityRowInput[]>();
    const tx: TxContext = {
      dialect: ctx.dialect,
      clock: ctx.clock,
      bus: ctx.bus,
      outbox: ctx.outbox,
      mailer: ctx.mailer,
      files: ctx.files,
      db: trx,
      productStates: begun.states,
      lockedProductId: options.productId,
      afterCommit: (fn) => committed.push(fn),
      record: async (a) => {
        if (a.entityType === 'member') membersChanged.add(a.entityId);
        let rows = pending.get(a.productId);
        if (!rows) pending.set(a.productId, (rows = []));
        rows.push({
          actorId: a.actorId,
          entityType: a.entityType,
          entityId: a.entityId,
          itemId: a.itemId ?? null,
          action: a.action,
          before: a.before ? JSON.stringify(a.before) : null,
          after: a.after ? JSON.stringify(a.after) : null,
          createdAt: ctx.clock.now().toISOString(),
        });
      },
    };
    const value = await fn(tx);
    const hooked: EventRanges = new Map();
    for (const [productId, rows] of pending) {
      const appended = await appendActivity(trx, ctx.dialect, productId, rows, EVENTS_CHANNEL);
      // Checked here, where every write of a product passes: an archived product takes no change but its restore.
      if (appended.archived && !rows.every(isArchiveToggle)) throw archivedProduct(appended.key);
      lastEvents.set(productId, appended.lastEvent);
      if (appended.hasWebhooks) hooked.set(productId, { from: appended.lastEvent - rows.length + 1, to: appended.lastEvent });
    }
    // Webhook deliveries of this change's events commit with it (src/services/webhooks/).
    await enqueueWebhookDeliveries(tx, hooked);
    await accessChanged(tx, membersChanged);
    return { value, lastEvents, committed };
  };
  // On PostgreSQL, writes of the product waiting beside this one share its transaction and commit (src/services/group-commit.ts).
  // A writer of a product begins with its row locked, in the same round trip as the BEGIN on PostgreSQL (src/db/locks.ts).
  const begin = { readStates: !!options.readStates };
  const { value, lastEvents, committed } = ctx.groupCommit
    ? await ctx.groupCommit.run(options.productId, work, begin)
    : options.productId !== undefined
      ? await transactionLockingProduct(ctx.db, options.productId, work, begin)
      : await ctx.db.transaction().execute((trx) => work(trx, { productLocked: false }));
  for (const [productId, n] of lastEvents) ctx.bus.publish(productId, n);
  for (const fn of committed) fn();
  return value;
}

/**
 * Archiving and restoring the product are the only changes an archived product takes. The rule is
 * checked where the activity rows take their event numbers (mutateOnce): every write to a product
 * records activity, and the product row read there is the locked, current one, so a write racing
 * the archive cannot slip in after it.
 */
function isArchiveToggle(row: Pick<ActivityRowInput, 'entityType' | 'action'>): boolean {
  return row.entityType === 'product' && (row.action === 'archived' || row.action === 'restored');
}

/** 403 rather than 409: the product is read-only for everyone, as if no role allowed writing, until it is restored. */
export function archivedProduct(key: string): AppError {
  return new AppError('forbidden', `Product ${key} is archived and read-only until a lead or an admin restores it`, { reason: 'archived' });
}

export function nowIso(ctx: { clock: Clock }): string {
  return ctx.clock.now().toISOString();
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
