import { sql } from 'kysely';
import type { Actor, ServiceContext } from '../context.js';
import { notBeingBuilt } from '../demo-in-progress.js';

/**
 * People the caller can pick (assignee, mention, addressee): the active members of the products they
 * share with the caller, the caller included; an admin sees every active user. Names only: e-mails
 * are for admins (GET /api/users).
 */
export async function findPeople(ctx: ServiceContext, actor: Actor, query: { q?: string; limit: number }) {
  let q = ctx.db.selectFrom('users').select(['users.id', 'users.name']).where('users.disabled_at', 'is', null).where(notBeingBuilt);
  if (!actor.isAdmin) {
    q = q.where((eb) =>
      eb.or([
        eb('users.id', '=', actor.userId),
        eb(
          'users.id',
          'in',
          eb
            .selectFrom('memberships as theirs')
            .innerJoin('memberships as mine', 'mine.product_id', 'theirs.product_id')
            .select('theirs.user_id')
            .where('mine.user_id', '=', actor.userId),
        ),
      ]),
    );
  }
  if (query.q) {
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`lower(users.name) like ${pattern} escape '\\'`);
  }
  return q.orderBy('users.name').orderBy('users.id').limit(query.limit).execute();
}
