import { AsyncLocalStorage } from 'node:async_hooks';
import type { SelectQueryBuilder } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Conn, Db, Trx, WorkflowStateRow } from './schema.js';

/**
 * On PostgreSQL, locks a product's row for the rest of the transaction, so writers that count
 * something of the product (a column's WIP) take turns. SQLite runs one writer at a time anyway.
 */
export async function lockProductRow(db: Conn, dialect: Dialect, productId: number): Promise<void> {
  if (dialect !== 'postgres') return;
  await db.selectFrom('products').select('id').where('id', '=', productId).forUpdate().execute();
}

/**
 * Rows for one process to claim: on PostgreSQL locked as they are read, skipping rows another
 * process holds (FOR UPDATE SKIP LOCKED); SQLite has one writer, so the plain query claims them.
 */
export function claimableRows<DB, TB extends keyof DB, O>(
  dialect: Dialect,
  q: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? q.forUpdate().skipLocked() : q;
}

/**
 * The ids of the active workspace admins, locked on PostgreSQL for the rest of the transaction, so
 * two changes that each remove an admin take turns and the second counts what the first left.
 */
export async function lockAdminRows(db: Conn, dialect: Dialect): Promise<number[]> {
  let q = db.selectFrom('users').select('id').where('is_admin', '=', 1).where('disabled_at', 'is', null);
  if (dialect === 'postgres') q = q.forUpdate();
  return (await q.execute()).map((r) => r.id);
}

/** A product whose row the next transaction begun in this async context locks as it begins. */
export interface LockAtBegin {
  productId: number;
  /** also read the product's workflow states in the same round trip */
  readStates: boolean;
  /** set once a transaction has begun with it: later ones in the same context begin as usual */
  begun: boolean;
  /** whether the row was locked as the transaction began (false where the driver cannot) */
  locked: boolean;
  /** the product's states, read after the lock was granted, when asked for */
  states?: WorkflowStateRow[];
}

/** Read by the PostgreSQL driver's beginTransaction (src/db/connection.ts). */
export const lockAtBegin = new AsyncLocalStorage<LockAtBegin>();

/** What a transaction begun by transactionLockingProduct already holds. */
export interface Begun {
  /** the product's row is locked: the work need not lock it again */
  productLocked: boolean;
  /** the product's workflow states as they are under the lock, when asked for and the driver could */
  states?: WorkflowStateRow[];
}

/**
 * Runs a transaction whose first act is locking the product's row (lockProductRow). On PostgreSQL
 * the BEGIN and the lock travel together, one round trip instead of two, and with `readStates`
 * the product's workflow states come in the same round trip too (docs/decisions/0015). `work` is
 * told what happened and locks the row and reads the states itself where it did not (SQLite, or
 * a connection opened without our driver), so the lock is held either way.
 */
export function transactionLockingProduct<T>(
  db: Db,
  productId: number,
  work: (trx: Trx, begun: Begun) => Promise<T>,
  opts: { readStates?: boolean } = {},
): Promise<T> {
  const lock: LockAtBegin = { productId, readStates: !!opts.readStates, begun: false, locked: false };
  return lockAtBegin.run(lock, () =>
    db.transaction().execute((trx) => work(trx, { productLocked: lock.locked, ...(lock.states ? { states: lock.states } : {}) })),
  );
}
