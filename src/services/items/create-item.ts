import type { ItemType, TCreateItemRequest, TItem } from '../../contract/items.js';
import type { ItemRow, NewItemRow, ProductRow } from '../../db/schema.js';
import { compiledQuery } from '../../db/compiled-query.js';
import { refreshStatisticsAsProductGrows } from '../../db/statistics.js';
import type { Role } from '../../domain/roles.js';
import { rankBetween } from '../../domain/ranks.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext, type TxContext } from '../context.js';
import { checkStateEntry } from './check-state-entry.js';
import { blockedColumns, stateEntryColumns } from './item-columns.js';
import { loadState } from './load-state.js';
import { requirePlanningRights } from './require-planning-rights.js';
import { resolveReferences } from './resolve-references.js';
import { retryOnRankCollision } from './retry-on-rank-collision.js';
import { writeLabels } from './labels.js';
import { checkOnePlacement, neighbour, rankFor, requireRankingRights } from './placement.js';
import { presentItem } from './present-item.js';
import { itemsChanged } from './item-changes.js';

/**
 * Adds an item to a product: the next number makes its key (PAY-123), and it lands at the bottom
 * of the backlog unless a position or neighbour says otherwise. With a stateId it enters that
 * state under the state's rules.
 */
export async function createItem(ctx: ServiceContext, actor: Actor, productKey: string, input: TCreateItemRequest): Promise<TItem> {
  const { product, role } = await requireProduct(ctx.db, actor, { key: productKey }, 'item.create');
  const item = await retryOnRankCollision(() =>
    mutate(ctx, { productId: product.id, readStates: true }, (tx) => writeItem(tx, actor, product, role, input)),
  );
  refreshStatisticsAsProductGrows(ctx.db, ctx.dialect, item.number);
  return item;
}

/**
 * Writes a new item inside a mutation (createItem's, or another that makes an item as part of
 * its change, as triaging a request into an item does). Callers retry on a rank collision.
 */
export async function writeItem(tx: TxContext, actor: Actor, product: ProductRow, role: Role, input: TCreateItemRequest): Promise<TItem> {
  checkOnePlacement(input);
  requireRankingRights(role, input, 'add');
  requirePlanningRights(role, { sprint: input.sprintId != null, release: input.releaseId != null });
  const now = tx.clock.now();
  const at = now.toISOString();
  // Taking the number locks the product row on PostgreSQL, so concurrent creators then count
  // the column against its WIP limit and read the bottom rank one after another.
  const [taken] = await takeItemNumber(tx.db, { productId: product.id });
  const number = taken!.next_item_number - 1;
  const state = await loadState(tx.db, product.id, input.stateId, tx.productStates);
  const refs = await resolveReferences(tx.db, product.id, input);
  const description = input.description ?? '';
  const violations =
    input.stateId !== undefined
      ? await checkStateEntry(
          tx.db,
          role,
          state,
          { id: null, estimate: input.estimate ?? null, description, blocked: !!input.blocked },
          input.override,
        )
      : [];
  const placement = {
    before: input.before,
    after: input.after,
    position: input.position,
    columnStateId: input.position ? input.stateId : undefined,
  };
  const rank =
    (await rankFor(tx.db, product.id, placement, null)) ?? rankBetween(await neighbour(tx.db, product.id, null, 'below', null), null);
  const labels = dedupe(input.labels ?? []);
  const values: NewItemRow = {
    product_id: product.id,
    number,
    key: `${product.key}-${number}`,
    type: input.type ?? 'story',
    title: input.title,
    description,
    state_id: state.id,
    rank,
    estimate: input.estimate ?? null,
    business_value: input.businessValue ?? null,
    time_criticality: input.timeCriticality ?? null,
    risk_reduction: input.riskReduction ?? null,
    job_size: input.jobSize ?? null,
    rice_reach: input.riceReach ?? null,
    rice_impact: input.riceImpact ?? null,
    rice_confidence: input.riceConfidence ?? null,
    rice_effort: input.riceEffort ?? null,
    labels: JSON.stringify(labels),
    assignee_id: refs.assignee?.id ?? null,
    parent_id: refs.parentId ?? null,
    sprint_id: refs.sprintId ?? null,
    release_id: refs.releaseId ?? null,
    ...blockedColumns(
      { blocked: 0, blocked_since: null, blocked_seconds: 0, blocked_reason: null },
      !!input.blocked,
      input.blockedReason,
      now,
    ),
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
    ...stateEntryColumns(null, state, at),
    deleted_at: null,
    version: 1,
  };
  const [row] = (await insertItem(tx.db, values)) as [ItemRow];
  await writeLabels(tx.db, row, labels);
  await tx.record({
    productId: product.id,
    actorId: actor.userId,
    entityType: 'item',
    entityId: row.id,
    itemId: row.id,
    action: 'created',
    after: {
      key: row.key,
      type: row.type as ItemType,
      title: row.title,
      stateId: state.id,
      state: state.name,
      rank,
      ...(violations.length > 0 ? { override: true, violations } : {}),
    },
  });
  await itemsChanged(tx, {
    productId: product.id,
    productKey: product.key,
    actor,
    changes: [{ id: row.id, key: row.key, title: row.title, assigneeId: row.assignee_id, enteredDone: state.category === 'done' }],
  });
  const parentKey = input.parentKey ?? null;
  return presentItem(
    {
      ...row,
      state_category: state.category,
      assignee_name: refs.assignee?.name ?? null,
      parent_key: parentKey,
      product_key: product.key,
      created_by_name: actor.name,
    },
    { criteria: [], links: [], progress: row.type === 'epic' ? { total: 0, done: 0 } : null },
    now,
  );
}

// The create path's own statements are compiled once (src/db/compiled-query.ts): building them with
// Kysely at every create cost more CPU than running them.
const takeItemNumber = compiledQuery((db, args: { productId: number }) =>
  db
    .updateTable('products')
    .set((eb) => ({ next_item_number: eb('next_item_number', '+', 1) }))
    .where('id', '=', args.productId)
    .returning('next_item_number'),
);
/** One statement per set of columns the row gives (writeItem always gives the same). */
const insertItem = compiledQuery((db, row: NewItemRow & Record<string, unknown>) => db.insertInto('items').values(row).returningAll());

const dedupe = (labels: string[]) => [...new Set(labels)];
