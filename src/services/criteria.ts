import type { Conn, CriterionRow } from '../db/schema.js';
import type { TActivityOf } from '../contract/activity.js';
import type { TCriterion } from '../contract/items.js';
import { forbidden, notFound } from '../domain/errors.js';
import { can, type Action } from '../domain/permissions.js';
import type { Role } from '../domain/roles.js';
import { requireChild, requireItem } from './access.js';
import { mutate, nowIso, type Actor, type ServiceContext, type TxContext } from './context.js';

/**
 * An item's acceptance criteria in checklist order. `position` is presented as the index in the
 * checklist (what PATCH takes); the stored float only keeps the order.
 */
export async function criteriaForItem(db: Conn, itemId: number): Promise<TCriterion[]> {
  const rows = await db
    .selectFrom('acceptance_criteria')
    .leftJoin('users', 'users.id', 'acceptance_criteria.accepted_by')
    .selectAll('acceptance_criteria')
    .select('users.name as accepted_by_name')
    .where('acceptance_criteria.item_id', '=', itemId)
    .orderBy('acceptance_criteria.position')
    .orderBy('acceptance_criteria.id')
    .execute();
  return rows.map((r, i) => ({
    id: r.id,
    text: r.text,
    position: i,
    accepted: !!r.accepted,
    acceptedBy: r.accepted_by != null && r.accepted_by_name != null ? { id: r.accepted_by, name: r.accepted_by_name } : null,
    acceptedAt: r.accepted_at,
  }));
}

async function presentOne(db: Conn, itemId: number, id: number): Promise<TCriterion> {
  const all = await criteriaForItem(db, itemId);
  return all.find((c) => c.id === id)!;
}

export async function listCriteria(ctx: ServiceContext, actor: Actor, input: { key: string }): Promise<TCriterion[]> {
  const { item } = await requireItem(ctx.db, actor, input.key, 'product.read');
  return criteriaForItem(ctx.db, item.id);
}

/** Appends a criterion to the bottom of the item's checklist. */
export async function createCriterion(ctx: ServiceContext, actor: Actor, input: { key: string; text: string }): Promise<TCriterion> {
  const { item } = await requireItem(ctx.db, actor, input.key, 'criteria.edit');
  return mutate(ctx, { productId: item.product_id }, async (tx) => {
    const last = await tx.db
      .selectFrom('acceptance_criteria')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('item_id', '=', item.id)
      .executeTakeFirst();
    const position = last?.position == null ? 1 : Math.floor(Number(last.position)) + 1;
    const row = await tx.db
      .insertInto('acceptance_criteria')
      .values({ item_id: item.id, text: input.text, position, accepted: 0, created_at: nowIso(tx) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.record({
      productId: item.product_id,
      actorId: actor.userId,
      entityType: 'criterion',
      entityId: row.id,
      itemId: item.id,
      action: 'created',
      after: { text: input.text },
    });
    return presentOne(tx.db, item.id, row.id);
  });
}

const REFUSALS: Partial<Record<Action, string>> = {
  'criteria.accept': 'cannot accept criteria; the product owner accepts them',
  'criteria.edit': 'cannot change acceptance criteria',
};

function demand(role: Role, action: Action) {
  if (!can(role, action)) throw forbidden(`A ${role} ${REFUSALS[action] ?? `cannot ${action}`}`);
}

/**
 * Edits, accepts or reorders a criterion. Accepting needs the owner's right (criteria.accept);
 * changing the words of an accepted criterion withdraws the acceptance, since what was accepted
 * is no longer what it says, unless the same request accepts it again.
 */
export async function updateCriterion(
  ctx: ServiceContext,
  actor: Actor,
  input: { id: number; text?: string; accepted?: boolean; position?: number },
): Promise<TCriterion> {
  const { product, role, row: c } = await requireChild(ctx.db, actor, { table: 'acceptance_criteria', id: input.id }, 'product.read');
  if (input.accepted !== undefined) demand(role, 'criteria.accept');
  if (input.text !== undefined || input.position !== undefined) demand(role, 'criteria.edit');

  const textChanged = input.text !== undefined && input.text !== c.text;
  const wasAccepted = !!c.accepted;
  const accepted = input.accepted ?? (textChanged ? false : wasAccepted);
  const acceptanceChanged = accepted !== wasAccepted;

  return mutate(ctx, { productId: product.id }, async (tx) => {
    const before: TActivityOf<'criterion', 'updated'>['before'] = {};
    const after: Partial<TActivityOf<'criterion', 'updated'>['after']> = {};
    const set: Partial<CriterionRow> = {};
    if (textChanged) {
      set.text = input.text!;
      before.text = c.text;
      after.text = input.text!;
    }
    if (acceptanceChanged || (accepted && textChanged)) {
      set.accepted = accepted ? 1 : 0;
      set.accepted_by = accepted ? actor.userId : null;
      set.accepted_at = accepted ? nowIso(tx) : null;
      if (acceptanceChanged) {
        before.accepted = wasAccepted;
        after.accepted = accepted;
      }
    }
    const moved = input.position === undefined ? null : await reposition(tx, c, input.position);
    if (moved) {
      set.position = moved.position;
      before.position = moved.from;
      after.position = moved.to;
    }
    if (Object.keys(set).length === 0) return presentOne(tx.db, c.item_id, c.id);

    await tx.db.updateTable('acceptance_criteria').set(set).where('id', '=', c.id).execute();
    const action =
      input.accepted !== undefined && acceptanceChanged ? (accepted ? 'accepted' : 'unaccepted') : textChanged ? 'updated' : 'reordered';
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'criterion',
      entityId: c.id,
      itemId: c.item_id,
      action,
      before,
      // the criterion's words, so the history can say which one
      after: { text: set.text ?? c.text, ...after },
    });
    return presentOne(tx.db, c.item_id, c.id);
  });
}

/**
 * The stored position that puts a criterion at `index` among the others: halfway between its new
 * neighbours, so one row is written. When floats run out of room between two neighbours the
 * whole checklist is renumbered 1, 2, 3, … in its new order.
 */
async function reposition(tx: TxContext, c: CriterionRow, index: number) {
  const all = await tx.db
    .selectFrom('acceptance_criteria')
    .select(['id', 'position'])
    .where('item_id', '=', c.item_id)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const from = all.findIndex((r) => r.id === c.id);
  const others = all.filter((r) => r.id !== c.id);
  const to = Math.min(index, others.length);
  if (to === from) return null;
  const prev = others[to - 1]?.position;
  const next = others[to]?.position;
  let position = prev === undefined ? (next === undefined ? 1 : next - 1) : next === undefined ? prev + 1 : prev + (next - prev) / 2;
  if (prev !== undefined && next !== undefined && !(prev < position && position < next)) {
    const order = [...others];
    order.splice(to, 0, c);
    for (const [i, r] of order.entries()) {
      if (r.id !== c.id)
        await tx.db
          .updateTable('acceptance_criteria')
          .set({ position: i + 1 })
          .where('id', '=', r.id)
          .execute();
    }
    position = to + 1;
  }
  return { position, from, to };
}

export async function deleteCriterion(ctx: ServiceContext, actor: Actor, input: { id: number }): Promise<void> {
  const { product, role, row: c } = await requireChild(ctx.db, actor, { table: 'acceptance_criteria', id: input.id }, 'product.read');
  demand(role, 'criteria.edit');
  await mutate(ctx, { productId: product.id }, async (tx) => {
    const gone = await tx.db.deleteFrom('acceptance_criteria').where('id', '=', c.id).returning('id').executeTakeFirst();
    if (!gone) throw notFound(`Criterion ${c.id}`);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'criterion',
      entityId: c.id,
      itemId: c.item_id,
      action: 'deleted',
      before: { text: c.text, accepted: !!c.accepted },
    });
  });
}
