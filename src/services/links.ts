import type { Conn, ItemRow } from '../db/schema.js';
import type { LinkKind, TLink } from '../contract/item-parts.js';
import { AppError, invalid, notFound } from '../domain/errors.js';
import type { StateCategory } from '../domain/workflow.js';
import { requireItem } from './access.js';
import { mutate, nowIso, type Actor, type ServiceContext, type TxContext } from './context.js';
import { isUniqueViolation } from '../db/errors.js';

function linkedItems(db: Conn, itemId: number, side: 'from' | 'to') {
  const [mine, theirs] = side === 'from' ? (['l.from_item_id', 'l.to_item_id'] as const) : (['l.to_item_id', 'l.from_item_id'] as const);
  return db
    .selectFrom('item_links as l')
    .innerJoin('items as other', 'other.id', theirs)
    .innerJoin('workflow_states as s', 's.id', 'other.state_id')
    .select(['l.id', 'l.kind', 'other.key', 'other.title', 's.category'])
    .where(mine, '=', itemId)
    .where('other.deleted_at', 'is', null)
    .execute();
}

/**
 * An item's links as seen from it, oldest first. A "blocks" row reads "blocked by" from its
 * target; a "relates" row, stored once, reads the same from both sides. Links to deleted items
 * are hidden (and come back if the item is restored).
 */
export async function linksForItem(db: Conn, itemId: number): Promise<TLink[]> {
  const [outgoing, incoming] = await Promise.all([linkedItems(db, itemId, 'from'), linkedItems(db, itemId, 'to')]);
  return [
    ...outgoing.map((l) => ({ ...l, kind: l.kind as LinkKind })),
    ...incoming.map((l) => ({ ...l, kind: (l.kind === 'blocks' ? 'blocked_by' : l.kind) as LinkKind })),
  ]
    .sort((a, b) => a.id - b.id)
    .map((l) => ({ kind: l.kind, key: l.key, title: l.title, stateCategory: l.category as StateCategory }));
}

export async function listLinks(ctx: ServiceContext, actor: Actor, input: { key: string }): Promise<TLink[]> {
  const { item } = await requireItem(ctx.db, actor, input.key, 'product.read');
  return linksForItem(ctx.db, item.id);
}

/** How a link from `item` of `kind` to `other` is stored: "X blocked by Y" is the row "Y blocks X". */
function storedAs(item: ItemRow, other: ItemRow, kind: LinkKind) {
  return kind === 'blocked_by' ? { from: other, to: item, kind: 'blocks' } : { from: item, to: other, kind };
}

const INVERSE: Record<LinkKind, LinkKind> = { blocks: 'blocked_by', blocked_by: 'blocks', relates: 'relates' };

/** The other item of a link: in the same product and not deleted, or it does not exist. */
async function requireOther(db: Conn, item: ItemRow, otherKey: string) {
  if (otherKey === item.key) throw invalid('key', 'an item cannot be linked to itself');
  const other = await db
    .selectFrom('items')
    .selectAll()
    .where('key', '=', otherKey)
    .where('product_id', '=', item.product_id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!other) throw notFound(`Item ${otherKey}`);
  return other;
}

/** Both items' histories tell of the link, each from its own side. */
async function recordBothSides(
  tx: TxContext,
  actor: Actor,
  link: { id: number; item: ItemRow; other: ItemRow; kind: LinkKind },
  action: 'created' | 'deleted',
) {
  for (const [self, other, kind] of [
    [link.item, link.other, link.kind],
    [link.other, link.item, INVERSE[link.kind]],
  ] as const) {
    const side = { kind, key: other.key, title: other.title };
    await tx.record({
      productId: self.product_id,
      actorId: actor.userId,
      entityType: 'link',
      entityId: link.id,
      itemId: self.id,
      ...(action === 'created' ? ({ action, after: side } as const) : ({ action, before: side } as const)),
    });
  }
}

export async function createLink(
  ctx: ServiceContext,
  actor: Actor,
  input: { key: string; kind: LinkKind; otherKey: string },
): Promise<TLink> {
  const { item } = await requireItem(ctx.db, actor, input.key, 'item.update');
  const other = await requireOther(ctx.db, item, input.otherKey);
  const row = storedAs(item, other, input.kind);
  try {
    await mutate(ctx, { productId: item.product_id }, async (tx) => {
      const existing = await tx.db
        .selectFrom('item_links')
        .select(['from_item_id', 'kind'])
        .where((eb) =>
          eb.or([
            eb.and([eb('from_item_id', '=', row.from.id), eb('to_item_id', '=', row.to.id)]),
            eb.and([eb('from_item_id', '=', row.to.id), eb('to_item_id', '=', row.from.id)]),
          ]),
        )
        .execute();
      const same = existing.find((l) => l.kind === row.kind && (row.kind === 'relates' || l.from_item_id === row.from.id));
      if (same) throw new AppError('conflict', `${item.key} is already linked to ${other.key} that way`);
      if (row.kind === 'blocks' && existing.some((l) => l.kind === 'blocks'))
        throw new AppError('rule_violation', `${row.to.key} already blocks ${row.from.key}; two items cannot block each other`, {
          fields: [{ path: 'kind', message: 'the opposite link exists' }],
        });
      const inserted = await tx.db
        .insertInto('item_links')
        .values({ product_id: item.product_id, from_item_id: row.from.id, to_item_id: row.to.id, kind: row.kind, created_at: nowIso(tx) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordBothSides(tx, actor, { id: inserted.id, item, other, kind: input.kind }, 'created');
    });
  } catch (e) {
    // Two people adding the same link at once: the unique index keeps one.
    if (isUniqueViolation(e)) throw new AppError('conflict', `${item.key} is already linked to ${other.key} that way`);
    throw e;
  }
  const links = await linksForItem(ctx.db, item.id);
  return links.find((l) => l.key === other.key && l.kind === input.kind)!;
}

export async function deleteLink(
  ctx: ServiceContext,
  actor: Actor,
  input: { key: string; kind: LinkKind; otherKey: string },
): Promise<void> {
  const { item } = await requireItem(ctx.db, actor, input.key, 'item.update');
  const other = await requireOther(ctx.db, item, input.otherKey);
  const row = storedAs(item, other, input.kind);
  await mutate(ctx, { productId: item.product_id }, async (tx) => {
    let q = tx.db.deleteFrom('item_links').where('kind', '=', row.kind);
    q =
      row.kind === 'relates'
        ? q.where((eb) =>
            eb.or([
              eb.and([eb('from_item_id', '=', item.id), eb('to_item_id', '=', other.id)]),
              eb.and([eb('from_item_id', '=', other.id), eb('to_item_id', '=', item.id)]),
            ]),
          )
        : q.where('from_item_id', '=', row.from.id).where('to_item_id', '=', row.to.id);
    const gone = await q.returning('id').executeTakeFirst();
    if (!gone) throw notFound(`Link ${input.kind} ${other.key} on ${item.key}`);
    await recordBothSides(tx, actor, { id: gone.id, item, other, kind: input.kind }, 'deleted');
  });
}
