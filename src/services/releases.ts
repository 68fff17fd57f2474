import type { TActivityOf } from '../contract/activity.js';
import type { Conn, ReleaseRow } from '../db/schema.js';
import type { TCreateReleaseRequest, TRelease, TReleaseDetail, TUpdateReleaseRequest } from '../contract/releases.js';
import { dayOf } from '../domain/dates.js';
import { AppError, notFound } from '../domain/errors.js';
import { dayEnds, scopeChanges, scopeSeries, valueAt, type ItemHistory, type ScopeRules } from '../domain/flow.js';
import { requireChild, requireProduct } from './access.js';
import { mutate, nowIso, type Actor, type ServiceContext } from './context.js';
import { itemsEverWith, loadHistories } from './reports/item-histories.js';
import { productStates } from './reports/product-states.js';
import { itemIdsForKeys, setItemsField } from './sprints/plan-items.js';
import { progressOf, scopeItems } from './sprints/scope-items.js';

/**
 * Releases and their scope. The scope rule, in one place: an item is in a release when its own
 * release is that one, or when it has no release of its own and its epic is in the release. Epics
 * are containers and never count as work themselves, so putting an epic in a release brings its
 * children, and an item can still be pulled into another release on its own.
 */
export const SCOPE_RULE =
  'Items whose release is this one, plus the children of an epic in this release that have no release of their own. Epics are containers and are not counted themselves.';

export function presentRelease(r: ReleaseRow, productKey: string): TRelease {
  return {
    id: r.id,
    productKey,
    name: r.name,
    description: r.description,
    targetDate: r.target_date,
    releasedAt: r.released_at,
    createdAt: r.created_at,
    version: r.version,
  };
}

/** A release with the actor's access to its product (requireChild, named for the release). */
export async function requireRelease(db: Conn, actor: Actor, id: number, action: 'product.read' | 'release.manage') {
  const { row: release, ...access } = await requireChild(db, actor, { table: 'releases', id }, action);
  return { release, ...access };
}

type ReleaseChanges = TActivityOf<'release', 'updated'>['before'];
const changed = <K extends keyof ReleaseChanges>(side: ReleaseChanges, field: K, value: ReleaseChanges[K]) => (side[field] = value);

export async function createRelease(
  ctx: ServiceContext,
  actor: Actor,
  productKey: string,
  input: TCreateReleaseRequest,
): Promise<TRelease> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'release.manage');
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const row = await tx.db
      .insertInto('releases')
      .values({
        product_id: product.id,
        name: input.name,
        description: input.description ?? '',
        target_date: input.targetDate ?? null,
        created_at: nowIso(tx),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'release',
      entityId: row.id,
      action: 'created',
      after: { name: row.name, targetDate: row.target_date },
    });
    return presentRelease(row, product.key);
  });
}

export async function listReleases(ctx: ServiceContext, actor: Actor, productKey: string): Promise<TRelease[]> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  const rows = await ctx.db
    .selectFrom('releases')
    .selectAll()
    .where('product_id', '=', product.id)
    .orderBy('target_date')
    .orderBy('id')
    .execute();
  return rows.map((r) => presentRelease(r, product.key));
}

export async function updateRelease(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  input: Omit<TUpdateReleaseRequest, 'version'>,
  expectedVersion: number,
): Promise<TRelease> {
  const { release, product } = await requireRelease(ctx.db, actor, id, 'release.manage');
  const stale = (r: ReleaseRow) =>
    new AppError('conflict', `Release ${r.name} was changed by someone else`, { current: presentRelease(r, product.key) });
  if (release.version !== expectedVersion) throw stale(release);
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const set: Partial<ReleaseRow> = {};
    const before: ReleaseChanges = {};
    const after: ReleaseChanges = {};
    const fields = { name: 'name', description: 'description', targetDate: 'target_date' } as const;
    for (const [field, column] of Object.entries(fields) as [keyof typeof fields, (typeof fields)[keyof typeof fields]][]) {
      const value = input[field];
      if (value === undefined || value === release[column]) continue;
      (set as Record<string, unknown>)[column] = value;
      changed(before, field, release[column]);
      changed(after, field, value);
    }
    if (input.released !== undefined && input.released !== (release.released_at !== null)) {
      set.released_at = input.released ? nowIso(tx) : null;
      before.releasedAt = release.released_at;
      after.releasedAt = set.released_at;
    }
    if (Object.keys(set).length === 0) return presentRelease(release, product.key);
    const row = await tx.db
      .updateTable('releases')
      .set({ ...set, version: release.version + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw stale(await tx.db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'release',
      entityId: id,
      action: 'updated',
      before,
      after,
    });
    return presentRelease(row, product.key);
  });
}

/** Deletes a release; its items keep their place in the backlog and simply lose the release. */
export async function deleteRelease(ctx: ServiceContext, actor: Actor, id: number): Promise<void> {
  const { release, product } = await requireRelease(ctx.db, actor, id, 'release.manage');
  await mutate(ctx, { productId: product.id }, async (tx) => {
    const items = await tx.db.selectFrom('items').select('id').where('release_id', '=', id).execute();
    if (items.length)
      await setItemsField(
        tx,
        actor,
        product.id,
        items.map((i) => i.id),
        'release_id',
        'releaseId',
        null,
        id,
      );
    await tx.db.deleteFrom('releases').where('id', '=', id).execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'release',
      entityId: id,
      action: 'deleted',
      before: { name: release.name },
    });
  });
}

export async function addReleaseItems(ctx: ServiceContext, actor: Actor, id: number, keys: string[]): Promise<TReleaseDetail> {
  const { product } = await requireRelease(ctx.db, actor, id, 'release.manage');
  const ids = await itemIdsForKeys(ctx.db, product.id, keys);
  await mutate(ctx, { productId: product.id }, (tx) => setItemsField(tx, actor, product.id, ids, 'release_id', 'releaseId', id));
  return getRelease(ctx, actor, id);
}

export async function removeReleaseItem(ctx: ServiceContext, actor: Actor, id: number, key: string): Promise<void> {
  const { release, product } = await requireRelease(ctx.db, actor, id, 'release.manage');
  const item = await ctx.db
    .selectFrom('items')
    .select(['id', 'release_id'])
    .where('key', '=', key)
    .where('product_id', '=', product.id)
    .executeTakeFirst();
  if (!item || item.release_id !== id) throw notFound(`${key} in release ${release.name}`);
  await mutate(ctx, { productId: product.id }, (tx) =>
    setItemsField(tx, actor, product.id, [item.id], 'release_id', 'releaseId', null, id),
  );
}

/** Ids of the work items in a release now, by the scope rule; two index reads, not a scan. */
export async function releaseScopeIds(db: Conn, release: Pick<ReleaseRow, 'id' | 'product_id'>): Promise<number[]> {
  const own = await db
    .selectFrom('items')
    .select(['id', 'type'])
    .where('release_id', '=', release.id)
    .where('deleted_at', 'is', null)
    .execute();
  const epics = own.filter((r) => r.type === 'epic').map((r) => r.id);
  const children = epics.length
    ? await db
        .selectFrom('items')
        .select('id')
        .where('parent_id', 'in', epics)
        .where('release_id', 'is', null)
        .where('type', '!=', 'epic')
        .where('deleted_at', 'is', null)
        .execute()
    : [];
  return [...own.filter((r) => r.type !== 'epic').map((r) => r.id), ...children.map((r) => r.id)];
}

export async function getRelease(ctx: ServiceContext, actor: Actor, id: number): Promise<TReleaseDetail> {
  const { release, product } = await requireRelease(ctx.db, actor, id, 'product.read');
  const scope = await scopeItems(ctx.db, { itemIds: await releaseScopeIds(ctx.db, release) });
  return {
    ...presentRelease(release, product.key),
    progress: progressOf(scope),
    scopeRule: SCOPE_RULE,
    scope,
    burnup: await releaseBurnup(ctx, release),
  };
}

/**
 * Scope and done at the end of each day since the release was created, replayed from the
 * activity log, with every item that joined or left it marked.
 */
export async function releaseBurnup(ctx: ServiceContext, release: ReleaseRow): Promise<TReleaseDetail['burnup']> {
  const now = nowIso(ctx);
  const { histories, rules } = await releaseHistories(ctx, release);
  const lastDay = dayOf(release.released_at ?? now);
  const { dates, instants } = dayEnds(dayOf(release.created_at), Math.max(dayOf(release.created_at), lastDay));
  const series = scopeSeries(histories, instants, rules, dates);
  const changes = scopeChanges(histories, release.created_at, now, rules);
  return {
    dates: series.dates,
    scopeItems: series.scopeItems,
    doneItems: series.doneItems,
    scopePoints: series.scopePoints,
    donePoints: series.donePoints,
    scopeChanges: changes.map((c) => ({ ...c, date: c.at.slice(0, 10) })),
  };
}

async function releaseHistories(ctx: ServiceContext, release: ReleaseRow): Promise<{ histories: ItemHistory[]; rules: ScopeRules }> {
  const db = ctx.db;
  const current = await releaseScopeIds(db, release);
  const touched = await itemsEverWith(db, release.product_id, 'releaseId', release.id, release.created_at);
  // Epics ever in the release bring their children (by the scope rule), so those are replayed too.
  const seen = await loadHistories(db, [...new Set([...current, ...touched, ...(await currentEpics(db, release.id))])]);
  const epics = seen.filter((h) => h.type === 'epic').map((h) => h.id);
  const known = new Set(seen.map((h) => h.id));
  const children = epics.length
    ? (await db.selectFrom('items').select('id').where('parent_id', 'in', epics).where('type', '!=', 'epic').execute())
        .map((r) => r.id)
        .filter((id) => !known.has(id))
    : [];
  const all = [...seen, ...(await loadHistories(db, children))];
  const byId = new Map(all.map((h) => [h.id, h]));
  const doneStates = new Set((await productStates(db, release.product_id)).filter((s) => s.category === 'done').map((s) => s.id));
  const rules: ScopeRules = {
    inScope: (h, at) => {
      const own = valueAt(h, 'releaseId', at);
      if (own !== null) return own === release.id;
      const parent = h.parentId !== null ? byId.get(h.parentId) : undefined;
      return !!parent && valueAt(parent, 'releaseId', at) === release.id;
    },
    isDone: (h, at) => doneStates.has(valueAt(h, 'stateId', at) ?? -1),
    extraTimes: (h) => {
      const parent = h.parentId !== null ? byId.get(h.parentId) : undefined;
      return parent ? parent.changes.filter((c) => c.field === 'releaseId').map((c) => c.at) : [];
    },
  };
  return { histories: all.filter((h) => h.type !== 'epic'), rules };
}

async function currentEpics(db: Conn, releaseId: number) {
  const rows = await db.selectFrom('items').select('id').where('release_id', '=', releaseId).where('type', '=', 'epic').execute();
  return rows.map((r) => r.id);
}
