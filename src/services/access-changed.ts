import { sql } from 'kysely';
import { USER_CHANNEL } from '../realtime/pg-bus.js';
import type { ServiceContext, TxContext } from './context.js';

/**
 * Tells every open stream of these people, in every process, to check at once whether they may
 * still see what they follow: call it when a session ends, a token is revoked, an account is
 * deactivated or its password reset. (Role changes on a product need no call: mutate() sends it
 * for every `member` activity.) Without it a stream would notice only at its next heartbeat.
 *
 * Inside a transaction the PostgreSQL NOTIFY goes out at commit and the local signal after it;
 * outside one, call it after the change is written.
 */
export async function accessChanged(ctx: ServiceContext | TxContext, userIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  if (ctx.dialect === 'postgres') {
    for (const id of ids) await sql`SELECT pg_notify(${USER_CHANNEL}, ${`${id}:a`})`.execute(ctx.db);
  }
  // The local signal as well: on SQLite it is the only one, and on PostgreSQL a second check is cheap.
  const publish = () => ids.forEach((id) => ctx.bus.publishAccess(id));
  if ('afterCommit' in ctx) ctx.afterCommit(publish);
  else publish();
}
