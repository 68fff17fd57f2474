import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Not one of the people of an `ordo demo` still being built (src/cli/demo-builds.ts): new since
 * the demo started, at its e-mail domain. Admin lists leave them out until the demo's last
 * transaction, as they leave out its products; no `demo_builds` row (the usual case) hides nobody.
 */
export function notBeingBuilt(eb: ExpressionBuilder<Database, 'users'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('demo_builds')
        .select('demo_builds.id')
        .whereRef('users.id', '>', 'demo_builds.users_after')
        .where(sql<boolean>`users.email like ('%@' || demo_builds.domain)`),
    ),
  );
}
