import type { Conn, ItemRow, ItemUpdate } from '../../db/schema.js';
import type { TActivityOf, TItemChanges } from '../../contract/activity.js';
import { ITEM_LABELS_MAX, type TBulkRequest, type TItemSummary } from '../../contract/items.js';
import { AppError, forbidden, invalid, notFound } from '../../domain/errors.js';
import { can, type Action } from '../../domain/permissions.js';
import { ranksBetween } from '../../domain/ranks.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { enforceRules, lockForWipCount, stateEntryViolations } from './check-state-entry.js';
import { stateEntryColumns } from './item-columns.js';
import { loadState } from './load-state.js';
import { requirePlanningRights } from './require-planning-rights.js';
import { resolveReferences } from './resolve-references.js';
import { retryOnRankCollision } from './retry-on-rank-collision.js';
import { neighbour } from './placement.js';
import { presentSummary, summaryQuery } from './present-item.js';
import { itemsChanged, type ItemChange } from './item-changes.js';
import { writeLabels } from './labels.js';
import { changeItems } from './change-items.js';

/**
 * Changes several items at once, all or nothing: to the top or bottom of the backlog keeping
 * their order, into a state (under its rules), a sprint, a release, an epic, to an assignee, or
 * with labels added or taken off. One activity row per item that changed.
 */
export async function bulkUpdateItems(
  ctx: ServiceContext,
  actor: Actor,
  productKey: string,
  input: TBulkRequest,
): Promise<{ items: TItemSummary[] }> {
  const { product, role } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  const needs: Action[] = [];
  if (input.position !== undefined) needs.push('item.rank');
  if (input.stateId !== undefined) needs.push('item.move');
  const edits = [input.sprintId, input.releaseId, input.assigneeId, input.parentKey, input.addLabels, input.removeLabels];
  if (edits.some((e) => e !== undefined)) needs.push('item.update');
  if (input.override) needs.push('rule.override');
  if (needs.length === 0) needs.push('item.update');
  requirePlanningRights(role, { sprint: input.sprintId !== undefined, release: input.releaseId !== undefined });
  for (const action of needs)
    if (!can(role, action))
      throw forbidden(
        `A ${role} cannot ${action === 'rule.override' ? 'override workflow rules' : action.replace('item.', '') + ' items'}`,
      );

  return retryOnRankCollision(() =>
    mutate(ctx, { productId: product.id }, async (tx) => {
      const now = tx.clock.now().toISOString();
      const keys = [...new Set(input.keys)];
      const rows = await tx.db
        .selectFrom('items')
        .selectAll()
        .where('product_id', '=', product.id)
        .where('key', 'in', keys)
        .where('deleted_at', 'is', null)
        .orderBy('rank')
        .execute();
      const missing = keys.find((k) => !rows.some((r) => r.key === k));
      if (missing) throw notFound(`Item ${missing}`);

      const refs = await resolveReferences(tx.db, product.id, input);
      if (input.sprintId != null) {
        const sprint = await tx.db.selectFrom('sprints').select(['name', 'state']).where('id', '=', input.sprintId).executeTakeFirst();
        if (sprint?.state === 'closed')
          throw new AppError('rule_violation', `Sprint ${sprint.name} is closed; plan the items into another sprint`);
      }
      if (input.parentKey && rows.some((r) => r.key === input.parentKey))
        throw invalid('parentKey', `${input.parentKey} is among the selected items; an item cannot be its own epic`);
      const target = input.stateId !== undefined ? await loadState(tx.db, product.id, input.stateId) : null;
      const entering = target ? rows.filter((r) => r.state_id !== target.id) : [];
      let overridden = new Map<number, unknown[]>();
      if (target && entering.length > 0) {
        await lockForWipCount(tx, product.id, target);
        const perItem = await stateEntryViolations(
          tx.db,
          target,
          entering.map((r) => ({ id: r.id, estimate: r.estimate, description: r.description, blocked: !!r.blocked })),
        );
        const violations = entering.flatMap((r, i) => perItem[i]!.map((v) => ({ key: r.key, ...v })));
        enforceRules(role, violations, input.override);
        overridden = new Map(entering.map((r, i) => [r.id, perItem[i]!]));
      }
      const stateNames = new Map<number, string>();
      if (target) {
        const states = await tx.db.selectFrom('workflow_states').select(['id', 'name']).where('product_id', '=', product.id).execute();
        for (const s of states) stateNames.set(s.id, s.name);
      }

      // Below (or above) every rank in the product, so the new keys collide with none.
      const ranks =
        input.position === 'top'
          ? ranksBetween(null, await neighbour(tx.db, product.id, null, 'above', null), rows.length)
          : input.position === 'bottom'
            ? ranksBetween(await neighbour(tx.db, product.id, null, 'below', null), null, rows.length)
            : null;

      const changes: ItemChange[] = [];
      const categories = new Map<number, string>();
      if (target) {
        const states = await tx.db.selectFrom('workflow_states').select(['id', 'category']).where('product_id', '=', product.id).execute();
        for (const s of states) categories.set(s.id, s.category);
      }
      for (const [i, item] of rows.entries()) {
        const set: ItemUpdate = {};
        const before: TItemChanges = {};
        const after: TActivityOf<'item', 'moved'>['after'] = {};
        let edited = false;
        const change = <F extends keyof TItemChanges>(field: F, from: TItemChanges[F], to: TItemChanges[F], isEdit = true) => {
          before[field] = from;
          after[field] = to;
          edited ||= isEdit;
        };
        if (ranks) {
          set.rank = ranks[i]!;
          change('rank', item.rank, set.rank, false);
        }
        if (target && target.id !== item.state_id) {
          Object.assign(set, { state_id: target.id, ...stateEntryColumns(item, target, now) });
          change('stateId', item.state_id, target.id);
          change('state', stateNames.get(item.state_id), target.name);
          const violations = overridden.get(item.id) ?? [];
          if (violations.length > 0) Object.assign(after, { override: true, violations });
        }
        setIfChanged(item, 'sprint_id', 'sprintId', refs.sprintId, set, change);
        setIfChanged(item, 'release_id', 'releaseId', refs.releaseId, set, change);
        setIfChanged(item, 'assignee_id', 'assigneeId', refs.assignee === undefined ? undefined : (refs.assignee?.id ?? null), set, change);
        if (refs.parentId !== undefined && refs.parentId !== item.parent_id) {
          set.parent_id = refs.parentId;
          change('parentKey', await epicKey(tx.db, item.parent_id), input.parentKey ?? null);
        }
        const labels = relabel(item, input.addLabels, input.removeLabels);
        if (labels) {
          set.labels = JSON.stringify(labels.after);
          change('labels', labels.before, labels.after);
          await writeLabels(tx.db, item, labels.after, true);
        }
        if (Object.keys(set).length === 0) continue;
        changes.push({
          id: item.id,
          key: item.key,
          title: item.title,
          assigneeId: 'assignee_id' in set ? set.assignee_id : undefined,
          enteredDone: 'state_id' in set && target?.category === 'done' && categories.get(item.state_id) !== 'done',
        });
        await changeItems(tx, {
          productId: product.id,
          actorId: actor.userId,
          version: edited ? 'bump' : 'keep',
          changes: [{ id: item.id, set, action: 'rank' in set || 'state_id' in set ? 'moved' : 'updated', before, after }],
        });
      }
      await itemsChanged(tx, { productId: product.id, productKey: product.key, actor, changes });
      const fresh = await summaryQuery(tx.db)
        .where(
          'items.id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('items.rank')
        .execute();
      return { items: fresh.map(presentSummary) };
    }),
  );
}

function setIfChanged(
  item: ItemRow,
  column: 'sprint_id' | 'release_id' | 'assignee_id',
  field: 'sprintId' | 'releaseId' | 'assigneeId',
  value: number | null | undefined,
  set: ItemUpdate,
  change: (field: 'sprintId' | 'releaseId' | 'assigneeId', from: number | null, to: number | null) => void,
) {
  if (value === undefined || value === item[column]) return;
  set[column] = value;
  change(field, item[column], value);
}

/** The item's labels with some added and some taken off, or null when that changes nothing; 400 past the limit. */
function relabel(item: ItemRow, add: string[] | undefined, remove: string[] | undefined) {
  if (!add && !remove) return null;
  const before = JSON.parse(item.labels) as string[];
  const gone = new Set(remove);
  const after = [...new Set([...before.filter((l) => !gone.has(l)), ...(add ?? [])])];
  if (after.length === before.length && after.every((l, i) => l === before[i])) return null;
  if (after.length > ITEM_LABELS_MAX)
    throw invalid('addLabels', `${item.key} would have ${after.length} labels; an item has at most ${ITEM_LABELS_MAX}`);
  return { before, after };
}

async function epicKey(db: Conn, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const row = await db.selectFrom('items').select('key').where('id', '=', id).executeTakeFirst();
  return row?.key ?? null;
}
