import type { SelectQueryBuilder } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Conn } from './schema.js';

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
