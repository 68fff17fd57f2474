import { sql } from 'kysely';
import type { Conn, SprintRow } from '../db/schema.js';
import type {
  TCloseSprintRequest,
  TCreateSprintRequest,
  TScopeItem,
  TSprint,
  TSprintDetail,
  TUpdateSprintRequest,
  TVelocity,
} from '../contract/sprints.js';
import type { ItemType } from '../contract/items.js';
import { dayOf, isoDay } from '../domain/dates.js';
import { AppError, invalid, notFound } from '../domain/errors.js';
import { dayEnds, scopeChanges, scopeSeries, valueAt, type ScopeRules } from '../domain/flow.js';
import type { StateCategory } from '../domain/workflow.js';
import { requireProduct } from './access.js';
import { mutate, nowIso, type Actor, type ServiceContext, type TxContext } from './context.js';
import { itemsEverWith, loadHistories, productStates } from './reports.js';

/** A sprint without dates runs two weeks from the day it starts. */
export const DEFAULT_SPRINT_DAYS = 14;

export function presentSprint(s: SprintRow, productKey: string): TSprint {
  return {
    id: s.id,
    productKey,
    name: s.name,
    goal: s.goal,
    startDate: s.start_date,
    endDate: s.end_date,
    state: s.state as TSprint['state'],
    startedAt: s.started_at,
    closedAt: s.closed_at,
    completedPoints: s.completed_points,
    completedItems: s.completed_items,
    createdAt: s.created_at,
    version: s.version,
  };
}

/** Loads a sprint with the actor's access to its product; 404 when either is out of reach. */
async function requireSprint(db: Conn, actor: Actor, id: number, action: 'product.read' | 'sprint.manage') {
  const sprint = await db.selectFrom('sprints').selectAll().where('id', '=', id).executeTakeFirst();
  if (!sprint) throw notFound(`Sprint ${id}`);
  const access = await requireProduct(db, actor, { id: sprint.product_id }, action).catch((e) => {
    if (e?.code === 'not_found') throw notFound(`Sprint ${id}`);
    throw e;
  });
  return { sprint, ...access };
}

export async function createSprint(ctx: ServiceContext, actor: Actor, productKey: string, input: TCreateSprintRequest): Promise<TSprint> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'sprint.manage');
  return mutate(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('sprints')
      .values({
        product_id: product.id,
        name: input.name,
        goal: input.goal ?? '',
        start_date: input.startDate ?? null,
        end_date: input.endDate ?? null,
        state: 'planned',
        created_at: nowIso(tx),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'sprint',
      entityId: row.id,
      action: 'created',
      after: { name: row.name, goal: row.goal, startDate: row.start_date, endDate: row.end_date },
    });
    return presentSprint(row, product.key);
  });
}

export async function listSprints(ctx: ServiceContext, actor: Actor, productKey: string): Promise<TSprint[]> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  const rows = await ctx.db
    .selectFrom('sprints')
    .selectAll()
    .where('product_id', '=', product.id)
    .orderBy(sql`coalesce(start_date, '9999')`)
    .orderBy('id')
    .execute();
  return rows.map((r) => presentSprint(r, product.key));
}

export async function updateSprint(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  input: Omit<TUpdateSprintRequest, 'version'>,
  expectedVersion: number,
): Promise<TSprint> {
  const { sprint, product } = await requireSprint(ctx.db, actor, id, 'sprint.manage');
  if (sprint.version !== expectedVersion) throw stale(sprint, product.key);
  const startDate = input.startDate !== undefined ? input.startDate : sprint.start_date;
  const endDate = input.endDate !== undefined ? input.endDate : sprint.end_date;
  if (startDate && endDate && endDate < startDate) throw invalid('endDate', 'must not be before startDate');
  const fields = { name: 'name', goal: 'goal', startDate: 'start_date', endDate: 'end_date' } as const;
  return mutate(ctx, async (tx) => {
    const set: Record<string, unknown> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(fields) as [keyof typeof fields, (typeof fields)[keyof typeof fields]][]) {
      if (input[field] === undefined || input[field] === sprint[column]) continue;
      set[column] = input[field];
      before[field] = sprint[column];
      after[field] = input[field];
    }
    if (Object.keys(set).length === 0) return presentSprint(sprint, product.key);
    const row = await tx.db
      .updateTable('sprints')
      .set({ ...set, version: sprint.version + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw stale(await currentSprint(tx.db, id), product.key);
    await tx.record({ productId: product.id, actorId: actor.userId, entityType: 'sprint', entityId: id, action: 'updated', before, after });
    return presentSprint(row, product.key);
  });
}

function stale(sprint: SprintRow, productKey: string) {
  return new AppError('conflict', `Sprint ${sprint.name} was changed by someone else`, { current: presentSprint(sprint, productKey) });
}

const currentSprint = (db: Conn, id: number) => db.selectFrom('sprints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Deletes a sprint that has not started; its items go back to the backlog. */
export async function deleteSprint(ctx: ServiceContext, actor: Actor, id: number): Promise<void> {
  const { sprint, product } = await requireSprint(ctx.db, actor, id, 'sprint.manage');
  if (sprint.state !== 'planned')
    throw new AppError('rule_violation', `Sprint ${sprint.name} is ${sprint.state}; only a planned sprint can be deleted`);
  await mutate(ctx, async (tx) => {
    const items = await tx.db.selectFrom('items').select('id').where('sprint_id', '=', id).execute();
    await setItemsSprint(
      tx,
      actor,
      product.id,
      items.map((i) => i.id),
      id,
      null,
    );
    await tx.db.deleteFrom('sprints').where('id', '=', id).execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'sprint',
      entityId: id,
      action: 'deleted',
      before: { name: sprint.name },
    });
  });
}

/**
 * Moves items into (or out of, with null) a sprint in one statement, and records each item's
 * change the way an item edit does, so item history, burndowns and the board all see it.
 */
export async function setItemsSprint(
  tx: TxContext,
  actor: Actor,
  productId: number,
  itemIds: number[],
  from: number | null,
  to: number | null,
) {
  if (itemIds.length === 0) return;
  await setItemsField(tx, actor, productId, itemIds, 'sprint_id', 'sprintId', to, from);
}

/** The shared write behind planning items into sprints and releases. */
export async function setItemsField(
  tx: TxContext,
  actor: Actor,
  productId: number,
  itemIds: number[],
  column: 'sprint_id' | 'release_id',
  field: 'sprintId' | 'releaseId',
  to: number | null,
  knownFrom?: number | null,
) {
  const rows =
    knownFrom === undefined
      ? await tx.db.selectFrom('items').select(['id', column]).where('id', 'in', itemIds).execute()
      : itemIds.map((id) => ({ id, [column]: knownFrom }) as { id: number } & Record<typeof column, number | null>);
  const changing = rows.filter((r) => r[column] !== to);
  if (changing.length === 0) return;
  await tx.db
    .updateTable('items')
    .set({ [column]: to, updated_at: nowIso(tx), version: sql`version + 1` } as never)
    .where(
      'id',
      'in',
      changing.map((r) => r.id),
    )
    .execute();
  for (const r of changing) {
    await tx.record({
      productId,
      actorId: actor.userId,
      entityType: 'item',
      entityId: r.id,
      itemId: r.id,
      action: 'updated',
      before: { [field]: r[column] },
      after: { [field]: to },
    });
  }
}

/** Resolves item keys of one product for planning; 400 naming the first unknown key. */
export async function itemIdsForKeys(db: Conn, productId: number, keys: string[]): Promise<number[]> {
  const unique = [...new Set(keys)];
  const rows = await db
    .selectFrom('items')
    .select(['id', 'key'])
    .where('product_id', '=', productId)
    .where('key', 'in', unique)
    .where('deleted_at', 'is', null)
    .execute();
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.key));
    const missing = unique.filter((k) => !found.has(k));
    throw new AppError('validation', `keys: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not an item of this product`, {
      fields: [{ path: 'keys', message: `unknown: ${missing.join(', ')}` }],
    });
  }
  return rows.map((r) => r.id);
}

/** Plans items into a sprint (one transaction); an active sprint's additions show on its burndown. */
export async function addSprintItems(ctx: ServiceContext, actor: Actor, id: number, keys: string[]): Promise<TSprintDetail> {
  const { sprint, product } = await requireSprint(ctx.db, actor, id, 'sprint.manage');
  if (sprint.state === 'closed')
    throw new AppError('rule_violation', `Sprint ${sprint.name} is closed; plan the items into another sprint`);
  const ids = await itemIdsForKeys(ctx.db, product.id, keys);
  await mutate(ctx, (tx) => setItemsField(tx, actor, product.id, ids, 'sprint_id', 'sprintId', id));
  return getSprint(ctx, actor, id);
}

export async function removeSprintItem(ctx: ServiceContext, actor: Actor, id: number, key: string): Promise<void> {
  const { sprint, product } = await requireSprint(ctx.db, actor, id, 'sprint.manage');
  const item = await ctx.db
    .selectFrom('items')
    .select(['id', 'sprint_id'])
    .where('key', '=', key)
    .where('product_id', '=', product.id)
    .executeTakeFirst();
  if (!item || item.sprint_id !== id) throw notFound(`${key} in sprint ${sprint.name}`);
  await mutate(ctx, (tx) => setItemsSprint(tx, actor, product.id, [item.id], id, null));
}

/** Starts a planned sprint; a product runs one sprint at a time. */
export async function startSprint(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  input: { startDate?: string; endDate?: string } = {},
): Promise<TSprint> {
  const { sprint, product } = await requireSprint(ctx.db, actor, id, 'sprint.manage');
  if (sprint.state !== 'planned')
    throw new AppError('rule_violation', `Sprint ${sprint.name} is ${sprint.state}; only a planned sprint can start`);
  const today = isoDay(dayOf(nowIso(ctx)));
  const startDate = input.startDate ?? sprint.start_date ?? today;
  const endDate = input.endDate ?? sprint.end_date ?? isoDay(dayOf(startDate) + DEFAULT_SPRINT_DAYS - 1);
  if (endDate < startDate) throw invalid('endDate', 'must not be before startDate');
  const row = await mutate(ctx, async (tx) => {
    const active = await tx.db
      .selectFrom('sprints')
      .select('name')
      .where('product_id', '=', product.id)
      .where('state', '=', 'active')
      .executeTakeFirst();
    if (active) throw oneActive(active.name);
    const updated = await tx.db
      .updateTable('sprints')
      .set({ state: 'active', started_at: nowIso(tx), start_date: startDate, end_date: endDate, version: sprint.version + 1 })
      .where('id', '=', id)
      .where('state', '=', 'planned')
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('conflict', `Sprint ${sprint.name} was changed by someone else`);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'sprint',
      entityId: id,
      action: 'started',
      before: { state: 'planned' },
      after: { state: 'active', startDate, endDate },
    });
    return updated;
  }).catch((e) => {
    // The unique index on active sprints refused a concurrent start.
    if (isUnique(e)) throw oneActive('another sprint');
    throw e;
  });
  return presentSprint(row, product.key);
}

const oneActive = (name: string) => new AppError('rule_violation', `${name} is already active; close it before starting another sprint`);
const isUnique = (e: unknown) => ['SQLITE_CONSTRAINT_UNIQUE', '23505'].includes((e as { code?: string } | null)?.code ?? '');

/**
 * Closes the active sprint: records what it finished (its velocity), and sends unfinished items
 * back to the backlog or into the next sprint, in one transaction.
 */
export async function closeSprint(ctx: ServiceContext, actor: Actor, id: number, input: TCloseSprintRequest): Promise<TSprint> {
  const { sprint, product } = await requireSprint(ctx.db, actor, id, 'sprint.manage');
  if (sprint.state !== 'active')
    throw new AppError('rule_violation', `Sprint ${sprint.name} is ${sprint.state}; only the active sprint can be closed`);
  const row = await mutate(ctx, async (tx) => {
    let next: SprintRow | undefined;
    if (input.unfinished === 'next') {
      next = input.nextSprintId
        ? await tx.db
            .selectFrom('sprints')
            .selectAll()
            .where('id', '=', input.nextSprintId)
            .where('product_id', '=', product.id)
            .executeTakeFirst()
        : await tx.db
            .selectFrom('sprints')
            .selectAll()
            .where('product_id', '=', product.id)
            .where('state', '=', 'planned')
            .orderBy(sql`coalesce(start_date, '9999')`)
            .orderBy('id')
            .executeTakeFirst();
      if (!next && input.nextSprintId) throw invalid('nextSprintId', 'must be a sprint of this product');
      if (!next)
        throw new AppError(
          'rule_violation',
          'There is no planned sprint to carry unfinished items into; plan one, or send them to the backlog',
        );
      if (next.id === id || next.state === 'closed') throw invalid('nextSprintId', 'must be a planned sprint other than this one');
    }
    const items = await tx.db
      .selectFrom('items')
      .innerJoin('workflow_states', 'workflow_states.id', 'items.state_id')
      .select(['items.id', 'items.estimate', 'items.type', 'workflow_states.category'])
      .where('items.sprint_id', '=', id)
      .where('items.deleted_at', 'is', null)
      .execute();
    const work = items.filter((i) => i.type !== 'epic');
    const done = work.filter((i) => i.category === 'done');
    const unfinished = items.filter((i) => i.category !== 'done');
    await setItemsSprint(
      tx,
      actor,
      product.id,
      unfinished.map((i) => i.id),
      id,
      next?.id ?? null,
    );
    const completedPoints = done.reduce((sum, i) => sum + (i.estimate ?? 0), 0);
    const closed = await tx.db
      .updateTable('sprints')
      .set({
        state: 'closed',
        closed_at: nowIso(tx),
        completed_points: completedPoints,
        completed_items: done.length,
        version: sprint.version + 1,
      })
      .where('id', '=', id)
      .where('state', '=', 'active')
      .returningAll()
      .executeTakeFirst();
    if (!closed) throw new AppError('conflict', `Sprint ${sprint.name} was changed by someone else`);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'sprint',
      entityId: id,
      action: 'closed',
      before: { state: 'active' },
      after: {
        state: 'closed',
        completedPoints,
        completedItems: done.length,
        unfinished: unfinished.length,
        unfinishedTo: next ? { sprintId: next.id, name: next.name } : 'backlog',
      },
    });
    return closed;
  });
  return presentSprint(row, product.key);
}

// ---- reading a sprint ----

export async function scopeItems(db: Conn, where: { sprintId: number } | { itemIds: number[] }): Promise<TScopeItem[]> {
  if ('itemIds' in where && where.itemIds.length === 0) return [];
  let q = db
    .selectFrom('items')
    .innerJoin('workflow_states', 'workflow_states.id', 'items.state_id')
    .leftJoin('users', 'users.id', 'items.assignee_id')
    .select([
      'items.key',
      'items.title',
      'items.type',
      'items.state_id',
      'workflow_states.category',
      'items.estimate',
      'items.assignee_id',
      'users.name as assignee_name',
      'items.blocked',
      'items.blocked_reason',
      'items.blocked_since',
    ])
    .where('items.deleted_at', 'is', null)
    .orderBy('items.rank');
  q = 'sprintId' in where ? q.where('items.sprint_id', '=', where.sprintId) : q.where('items.id', 'in', where.itemIds);
  const rows = await q.execute();
  return rows.map((r) => ({
    key: r.key,
    title: r.title,
    type: r.type as ItemType,
    stateId: r.state_id,
    stateCategory: r.category as StateCategory,
    estimate: r.estimate,
    assignee: r.assignee_id !== null ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    blocked: !!r.blocked,
    blockedReason: r.blocked_reason,
    blockedSince: r.blocked_since,
  }));
}

export function progressOf(scope: TScopeItem[]) {
  const work = scope.filter((i) => i.type !== 'epic');
  const done = work.filter((i) => i.stateCategory === 'done');
  const points = (list: TScopeItem[]) => list.reduce((sum, i) => sum + (i.estimate ?? 0), 0);
  return {
    items: { done: done.length, total: work.length },
    points: { done: points(done), total: points(work) },
    unestimated: work.filter((i) => i.estimate === null).length,
  };
}

export async function getSprint(ctx: ServiceContext, actor: Actor, id: number): Promise<TSprintDetail> {
  const { sprint, product } = await requireSprint(ctx.db, actor, id, 'product.read');
  const scope = await scopeItems(ctx.db, { sprintId: id });
  return { ...presentSprint(sprint, product.key), progress: progressOf(scope), scope, burndown: await burndown(ctx, sprint) };
}

/**
 * Remaining work at the end of each day of the sprint, replayed from the activity log so items
 * added or removed after the start show as scope changes rather than silently moving the line.
 */
async function burndown(ctx: ServiceContext, sprint: SprintRow): Promise<TSprintDetail['burndown']> {
  const empty = { dates: [], remainingItems: [], remainingPoints: [], scopeItems: [], scopePoints: [], scopeChanges: [] };
  if (sprint.state === 'planned' || !sprint.started_at) return empty;
  const now = nowIso(ctx);
  const fromDay = dayOf(sprint.start_date ?? sprint.started_at);
  const lastDay = sprint.closed_at ? dayOf(sprint.closed_at) : Math.min(dayOf(now), Math.max(dayOf(sprint.end_date ?? now), dayOf(now)));
  const current = await ctx.db.selectFrom('items').select('id').where('sprint_id', '=', sprint.id).where('type', '!=', 'epic').execute();
  const touched = await itemsEverWith(ctx.db, sprint.product_id, 'sprintId', sprint.id, sprint.created_at);
  const histories = await loadHistories(ctx.db, [...new Set([...current.map((r) => r.id), ...touched])]);
  const work = histories.filter((h) => h.type !== 'epic');
  const doneStates = new Set((await productStates(ctx.db, sprint.product_id)).filter((s) => s.category === 'done').map((s) => s.id));
  const rules: ScopeRules = {
    inScope: (h, at) => valueAt(h, 'sprintId', at) === sprint.id,
    isDone: (h, at) => doneStates.has(valueAt(h, 'stateId', at) ?? -1),
  };
  const { dates, instants } = dayEnds(fromDay, Math.max(fromDay, lastDay), sprint.closed_at);
  const series = scopeSeries(work, instants, rules, dates);
  const until = sprint.closed_at ? new Date(Date.parse(sprint.closed_at) - 1).toISOString() : now;
  const changes = scopeChanges(work, sprint.started_at, until, rules);
  return {
    dates: series.dates,
    remainingItems: series.scopeItems.map((n, i) => n - series.doneItems[i]),
    remainingPoints: series.scopePoints.map((n, i) => n - series.donePoints[i]),
    scopeItems: series.scopeItems,
    scopePoints: series.scopePoints,
    scopeChanges: changes.map((c) => ({ ...c, date: c.at.slice(0, 10) })),
  };
}

/** Points and items finished per closed sprint, oldest first. */
export async function getVelocity(ctx: ServiceContext, actor: Actor, productKey: string): Promise<TVelocity> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  const rows = await closedSprints(ctx.db, product.id);
  const sprints = rows.map((s) => ({
    id: s.id,
    name: s.name,
    startDate: s.start_date,
    endDate: s.end_date,
    closedAt: s.closed_at!,
    points: s.completed_points ?? 0,
    items: s.completed_items ?? 0,
  }));
  const recent = sprints.slice(-3);
  const average = recent.length
    ? { points: recent.reduce((a, s) => a + s.points, 0) / recent.length, items: recent.reduce((a, s) => a + s.items, 0) / recent.length }
    : null;
  return { productKey: product.key, sprints, average };
}

export async function closedSprints(db: Conn, productId: number) {
  return db
    .selectFrom('sprints')
    .selectAll()
    .where('product_id', '=', productId)
    .where('state', '=', 'closed')
    .orderBy('closed_at')
    .execute();
}
