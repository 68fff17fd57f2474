import type { Conn } from '../../db/schema.js';
import { invalid } from '../../domain/errors.js';

/** References an edit may set, each checked to belong to the item's product. */
export interface ReferenceInput {
  assigneeId?: number | null;
  parentKey?: string | null;
  sprintId?: number | null;
  releaseId?: number | null;
}

export interface ResolvedReferences {
  assignee?: { id: number; name: string } | null;
  parentId?: number | null;
  sprintId?: number | null;
  releaseId?: number | null;
}

/**
 * Checks that an assignee is a member of the product, a parent is an epic of it (and not the item
 * itself), and a sprint or release is the product's; 400 naming the field otherwise.
 */
export async function resolveReferences(
  db: Conn,
  productId: number,
  input: ReferenceInput,
  self?: { id: number; key: string },
): Promise<ResolvedReferences> {
  const out: ResolvedReferences = {};
  if (input.assigneeId !== undefined) {
    if (input.assigneeId === null) out.assignee = null;
    else {
      const member = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.name'])
        .where('memberships.product_id', '=', productId)
        .where('memberships.user_id', '=', input.assigneeId)
        .executeTakeFirst();
      if (!member) throw invalid('assigneeId', 'must be a member of the product');
      out.assignee = member;
    }
  }
  if (input.parentKey !== undefined) {
    if (input.parentKey === null) out.parentId = null;
    else {
      if (self && input.parentKey === self.key) throw invalid('parentKey', 'an item cannot be its own parent');
      const parent = await db
        .selectFrom('items')
        .select(['id', 'type'])
        .where('key', '=', input.parentKey)
        .where('product_id', '=', productId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!parent || parent.type !== 'epic') throw invalid('parentKey', 'must be the key of an epic in this product');
      out.parentId = parent.id;
    }
  }
  for (const [field, table] of [
    ['sprintId', 'sprints'],
    ['releaseId', 'releases'],
  ] as const) {
    const id = input[field];
    if (id === undefined) continue;
    if (id !== null) {
      const row = await db.selectFrom(table).select('id').where('id', '=', id).where('product_id', '=', productId).executeTakeFirst();
      if (!row) throw invalid(field, `must be a ${table.slice(0, -1)} of this product`);
    }
    out[field] = id;
  }
  return out;
}
