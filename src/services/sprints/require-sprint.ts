import type { Conn } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import { requireProduct } from '../access.js';
import type { Actor } from '../context.js';

/** Loads a sprint with the actor's access to its product; 404 when either is out of reach. */
export async function requireSprint(db: Conn, actor: Actor, id: number, action: 'product.read' | 'sprint.manage') {
  const sprint = await db.selectFrom('sprints').selectAll().where('id', '=', id).executeTakeFirst();
  if (!sprint) throw notFound(`Sprint ${id}`);
  const access = await requireProduct(db, actor, { id: sprint.product_id }, action).catch((e) => {
    if (e?.code === 'not_found') throw notFound(`Sprint ${id}`);
    throw e;
  });
  return { sprint, ...access };
}
