import type { ItemUpdate } from '../../db/schema.js';
import type { TItem, TMoveItemRequest } from '../../contract/items.js';
import { forbidden, invalid, notFound } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import { requireItem } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { loadItem } from './get-item.js';
import { checkStateEntry, lockForWipCount } from './check-state-entry.js';
import { stateEntryColumns } from './item-columns.js';
import { retryOnRankCollision } from './retry-on-rank-collision.js';
import { rankFor, requireRankingRights } from './placement.js';
import { itemsChanged } from './item-changes.js';
import { changeItems } from './change-items.js';
import { compiledQuery } from '../../db/compiled-query.js';

/**
 * Moves an item next to a neighbour, to the top or bottom of a column or of the whole backlog,
 * and optionally into another state. Only the item's own row is written: its new rank lies
 * between its new neighbours. A rank change alone keeps the item's version (a move never
 * conflicts with an edit); a state change is an edit and takes a new version.
 */
export async function moveItem(ctx: ServiceContext, actor: Actor, key: string, input: TMoveItemRequest): Promise<TItem> {
  const { item: read, product, role } = await requireItem(ctx.db, actor, key, 'item.move');
  requireRankingRights(role, input, 'move');
  if (input.override && !can(role, 'rule.override')) throw forbidden(`A ${role} cannot override workflow rules`);

  let attempt = 0;
  const id = await retryOnRankCollision(() =>
    mutate(ctx, { productId: product.id, readStates: true }, async (tx) => {
      const now = tx.clock.now();
      const at = now.toISOString();
      // A retry lost a race and starts again from the item as it is now.
      const item = attempt++ === 0 ? read : await tx.db.selectFrom('items').selectAll().where('id', '=', read.id).executeTakeFirst();
      if (!item || item.deleted_at) throw notFound(`Item ${key}`);
      const states = tx.productStates ?? (await statesOf(tx.db, { productId: product.id }));
      const from = states.find((st) => st.id === item.state_id)!;
      const target = input.stateId === undefined ? from : states.find((st) => st.id === input.stateId);
      if (!target) throw invalid('stateId', `state ${input.stateId} is not a state of this product`);
      if (target.id !== from.id) await lockForWipCount(tx, product.id, target);
      const violations =
        target.id !== from.id
          ? await checkStateEntry(
              tx.db,
              role,
              target,
              { id: item.id, estimate: item.estimate, description: item.description, blocked: !!item.blocked },
              input.override,
            )
          : [];
      const rank =
        (await rankFor(
          tx.db,
          product.id,
          { before: input.before, after: input.after, position: input.position, columnStateId: input.stateId },
          item.id,
        )) ?? item.rank;

      const set: ItemUpdate = { rank };
      if (target.id !== from.id) Object.assign(set, { state_id: target.id, ...stateEntryColumns(item, target, at) });
      await changeItems(tx, {
        productId: product.id,
        actorId: actor.userId,
        version: target.id !== from.id ? 'bump' : 'keep',
        changes: [
          {
            id: item.id,
            set,
            action: 'moved',
            before: { rank: item.rank, stateId: from.id, state: from.name },
            after: { rank, stateId: target.id, state: target.name, ...(violations.length > 0 ? { override: true, violations } : {}) },
          },
        ],
      });
      if (target.category === 'done' && from.category !== 'done')
        await itemsChanged(tx, {
          productId: product.id,
          productKey: product.key,
          actor,
          changes: [{ id: item.id, key: item.key, title: item.title, enteredDone: true }],
        });
      return item.id;
    }),
  );
  // Read after the commit, outside the transaction, so its reads can go side by side.
  return loadItem(ctx.db, id, ctx.clock.now());
}

/** Compiled once: every move reads its product's states (src/db/compiled-query.ts). */
const statesOf = compiledQuery((db, args: { productId: number }) =>
  db.selectFrom('workflow_states').selectAll().where('product_id', '=', args.productId),
);
