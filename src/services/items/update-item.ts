import type { Conn, ItemRow, ItemUpdate } from '../../db/schema.js';
import type { TActivityOf, TItemChanges } from '../../contract/activity.js';
import type { TItem, TUpdateItemRequest } from '../../contract/items.js';
import { AppError, forbidden } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import { requireItem } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { loadItem } from './get-item.js';
import { checkStateEntry, lockForWipCount } from './check-state-entry.js';
import { blockedColumns, stateEntryColumns } from './item-columns.js';
import { loadState } from './load-state.js';
import { requirePlanningRights } from './require-planning-rights.js';
import { resolveReferences } from './resolve-references.js';
import { writeLabels } from './labels.js';
import { itemsChanged } from './item-changes.js';
import { changeItems } from './change-items.js';

/** Contract fields stored as they are, and their columns. */
const PLAIN_FIELDS = {
  type: 'type',
  title: 'title',
  description: 'description',
  estimate: 'estimate',
  businessValue: 'business_value',
  timeCriticality: 'time_criticality',
  riskReduction: 'risk_reduction',
  jobSize: 'job_size',
  riceReach: 'rice_reach',
  riceImpact: 'rice_impact',
  riceConfidence: 'rice_confidence',
  riceEffort: 'rice_effort',
  sprintId: 'sprint_id',
  releaseId: 'release_id',
} as const satisfies Partial<Record<keyof TUpdateItemRequest, keyof ItemRow>>;

type Diff = Pick<TActivityOf<'item', 'updated'>, 'before' | 'after'>;

/**
 * Edits an item the caller read at `expectedVersion`. A stale version is a 409 carrying the
 * current item; of two concurrent edits of one version exactly one wins, because the write only
 * matches the row while it still has that version.
 */
export async function updateItem(
  ctx: ServiceContext,
  actor: Actor,
  key: string,
  input: Omit<TUpdateItemRequest, 'version'>,
  expectedVersion: number,
): Promise<TItem> {
  const { item, product, role } = await requireItem(ctx.db, actor, key, 'item.update');
  const stateChange = input.stateId !== undefined && input.stateId !== item.state_id;
  if (stateChange && !can(role, 'item.move')) throw forbidden(`A ${role} cannot move items`);
  if (input.blocked !== undefined && !!input.blocked !== !!item.blocked && !can(role, 'item.block'))
    throw forbidden(`A ${role} cannot block items`);
  requirePlanningRights(role, {
    sprint: input.sprintId !== undefined && input.sprintId !== item.sprint_id,
    release: input.releaseId !== undefined && input.releaseId !== item.release_id,
  });
  if (item.version !== expectedVersion) throw await staleVersion(ctx.db, item, ctx.clock.now());

  await mutate(ctx, { productId: product.id }, async (tx) => {
    const now = tx.clock.now();
    const at = now.toISOString();
    const set: ItemUpdate = {};
    const diff: Diff = { before: {}, after: {} };
    const change = <F extends keyof TItemChanges>(field: F, before: TItemChanges[F], after: TItemChanges[F]) => {
      diff.before[field] = before;
      diff.after[field] = after;
    };
    let enteredDone = false;

    for (const [field, column] of Object.entries(PLAIN_FIELDS) as [keyof typeof PLAIN_FIELDS, keyof ItemRow][]) {
      const value = input[field];
      if (value !== undefined && value !== item[column]) {
        (set as Record<string, unknown>)[column] = value;
        change(field, item[column] as TItemChanges[typeof field], value);
      }
    }
    // Also checks sprintId and releaseId, which the loop above wrote as given.
    const refs = await resolveReferences(tx.db, product.id, input, item);
    if (input.type !== undefined && input.type !== 'epic' && item.type === 'epic') await refuseIfChildren(tx.db, item);
    if (refs.assignee !== undefined && (refs.assignee?.id ?? null) !== item.assignee_id) {
      set.assignee_id = refs.assignee?.id ?? null;
      change('assigneeId', item.assignee_id, set.assignee_id);
    }
    if (refs.parentId !== undefined && refs.parentId !== item.parent_id) {
      set.parent_id = refs.parentId;
      change('parentKey', await keyOf(tx.db, item.parent_id), input.parentKey ?? null);
    }
    if (input.labels !== undefined) {
      const labels = [...new Set(input.labels)];
      const current = JSON.parse(item.labels) as string[];
      if (labels.join('\n') !== current.join('\n')) {
        set.labels = JSON.stringify(labels);
        change('labels', current, labels);
        await writeLabels(tx.db, item, labels, true);
      }
    }
    if (input.blocked !== undefined || input.blockedReason !== undefined) {
      const cols = blockedColumns(item, input.blocked ?? !!item.blocked, input.blockedReason, now);
      if (cols.blocked !== item.blocked) change('blocked', !!item.blocked, !!cols.blocked);
      if (cols.blocked_reason !== item.blocked_reason) change('blockedReason', item.blocked_reason, cols.blocked_reason);
      if (cols.blocked !== item.blocked || cols.blocked_reason !== item.blocked_reason) Object.assign(set, cols);
    }
    if (stateChange) {
      const [from, target] = await Promise.all([loadState(tx.db, product.id, item.state_id), loadState(tx.db, product.id, input.stateId)]);
      // The rules judge the item as this edit leaves it: an estimate given with the move counts.
      const subject = {
        id: item.id,
        estimate: set.estimate !== undefined ? set.estimate : item.estimate,
        description: set.description ?? item.description,
        blocked: !!(set.blocked ?? item.blocked),
      };
      await lockForWipCount(tx, product.id, target);
      const violations = await checkStateEntry(tx.db, role, target, subject, input.override);
      Object.assign(set, { state_id: target.id, ...stateEntryColumns(item, target, at) });
      change('stateId', from.id, target.id);
      change('state', from.name, target.name);
      enteredDone = target.category === 'done' && from.category !== 'done';
      if (violations.length > 0) Object.assign(diff.after, { override: true, violations });
    }

    if (Object.keys(diff.after).length === 0) return;
    const written = await changeItems(tx, {
      productId: product.id,
      actorId: actor.userId,
      version: { expected: expectedVersion },
      changes: [{ id: item.id, set, action: 'updated', ...diff }],
    });
    if (written !== 1) throw await staleVersion(tx.db, item, now);
    await itemsChanged(tx, {
      productId: product.id,
      productKey: product.key,
      actor,
      changes: [
        {
          id: item.id,
          key: item.key,
          title: set.title ?? item.title,
          assigneeId: 'assignee_id' in set ? set.assignee_id : undefined,
          enteredDone,
        },
      ],
    });
  });
  // Read after the commit, outside the transaction, so its reads can go side by side.
  return loadItem(ctx.db, item.id, ctx.clock.now());
}

async function staleVersion(db: Conn, item: ItemRow, now: Date) {
  const current = await loadItem(db, item.id, now);
  return new AppError('conflict', `${item.key} was changed by someone else; here is the current item`, { current });
}

async function keyOf(db: Conn, id: number | null): Promise<string | null> {
  if (id == null) return null;
  const row = await db.selectFrom('items').select('key').where('id', '=', id).executeTakeFirst();
  return row?.key ?? null;
}

async function refuseIfChildren(db: Conn, epic: ItemRow) {
  const child = await db
    .selectFrom('items')
    .select('key')
    .where('parent_id', '=', epic.id)
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (child)
    throw new AppError('rule_violation', `${epic.key} is the epic of ${child.key} and others; move them out before changing its type`);
}

/** Moves an item to the trash; lists and the board stop showing it, and it can be restored. */
export async function deleteItem(ctx: ServiceContext, actor: Actor, key: string): Promise<void> {
  const { item, product } = await requireItem(ctx.db, actor, key, 'item.delete');
  await mutate(ctx, { productId: product.id }, async (tx) => {
    const at = tx.clock.now().toISOString();
    await changeItems(tx, {
      productId: product.id,
      actorId: actor.userId,
      version: 'bump',
      changes: [{ id: item.id, set: { deleted_at: at }, action: 'deleted', before: { deletedAt: null }, after: { deletedAt: at } }],
    });
  });
}

/** Brings an item back from the trash to where it was in the backlog; restoring a live item changes nothing. */
export async function restoreItem(ctx: ServiceContext, actor: Actor, key: string): Promise<TItem> {
  const { item, product } = await requireItem(ctx.db, actor, key, 'item.delete', { includeDeleted: true });
  const deletedAt = item.deleted_at;
  if (!deletedAt) return loadItem(ctx.db, item.id, ctx.clock.now());
  return mutate(ctx, { productId: product.id }, async (tx) => {
    await changeItems(tx, {
      productId: product.id,
      actorId: actor.userId,
      version: 'bump',
      changes: [{ id: item.id, set: { deleted_at: null }, action: 'restored', before: { deletedAt }, after: { deletedAt: null } }],
    });
    return loadItem(tx.db, item.id, tx.clock.now());
  });
}
