import type { TActivityChange } from '../contract/activity.js';
import type { Db, Trx } from '../db/schema.js';
import type { Dialect } from '../db/dialect.js';
import type { EventBus } from '../realtime/bus.js';
import { announceEvents } from '../realtime/pg-bus.js';
import type { Mailer } from './notifications/mailer.js';

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
  /** Appends one activity row, taking the product's next event number; returns that number. */
  record(activity: ActivityInput): Promise<number>;
  /** Runs `fn` once the transaction has committed (never if it rolls back). */
  afterCommit(fn: () => void): void;
}

/**
 * Runs a mutation in one transaction: the change and its activity rows commit together, and the
 * event bus hears of them only after the commit.
 */
export async function mutate<T>(ctx: ServiceContext, fn: (tx: TxContext) => Promise<T>): Promise<T> {
  const lastEvents = new Map<number, number>();
  const committed: (() => void)[] = [];
  const result = await ctx.db.transaction().execute(async (trx) => {
    const tx: TxContext = {
      dialect: ctx.dialect,
      clock: ctx.clock,
      bus: ctx.bus,
      outbox: ctx.outbox,
      mailer: ctx.mailer,
      db: trx,
      afterCommit: (fn) => committed.push(fn),
      record: async (a) => {
        const n = await nextEventNumber(trx, a.productId);
        await trx
          .insertInto('activity')
          .values({
            product_id: a.productId,
            event_number: n,
            actor_id: a.actorId,
            entity_type: a.entityType,
            entity_id: a.entityId,
            item_id: a.itemId ?? null,
            action: a.action,
            before: a.before ? JSON.stringify(a.before) : null,
            after: a.after ? JSON.stringify(a.after) : null,
            created_at: ctx.clock.now().toISOString(),
          })
          .execute();
        lastEvents.set(a.productId, n);
        return n;
      },
    };
    const value = await fn(tx);
    await announceEvents(trx, ctx.dialect, lastEvents);
    return value;
  });
  for (const [productId, n] of lastEvents) ctx.bus.publish(productId, n);
  for (const fn of committed) fn();
  return result;
}

/**
 * Takes the product's next event number by updating its row: on PostgreSQL the row lock orders
 * concurrent writers of one product, so event numbers become visible in commit order and a
 * reader resuming after N never skips a number that commits later.
 */
export async function nextEventNumber(trx: Trx, productId: number): Promise<number> {
  const row = await trx
    .updateTable('products')
    .set((eb) => ({ last_event: eb('last_event', '+', 1) }))
    .where('id', '=', productId)
    .returning('last_event')
    .executeTakeFirstOrThrow();
  return row.last_event;
}

export function nowIso(ctx: { clock: Clock }): string {
  return ctx.clock.now().toISOString();
}
