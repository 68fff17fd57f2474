import { sql, type SelectQueryBuilder } from 'kysely';
import type { Conn, Database } from '../db/schema.js';
import type { TAging, TCumulativeFlow, TCycleTime, TReportQuery, TThroughput } from '../contract/delivery.js';
import { dayOf, endOfDayIso, isoDay, DAY_MS } from '../domain/dates.js';
import { invalid } from '../domain/errors.js';
import {
  agingWip,
  cumulativeFlow,
  cycleTimeScatter,
  flowPercentiles,
  TRACKED_FIELDS,
  weeklyThroughput,
  type ItemHistory,
  type StateDelta,
  type StateInfo,
  type TrackedField,
} from '../domain/flow.js';
import type { StateCategory } from '../domain/workflow.js';
import { requireProduct } from './access.js';
import type { Actor, ServiceContext } from './context.js';

/**
 * Flow charts for a product: cumulative flow rebuilt from the activity log, cycle times, weekly
 * throughput and aging work in progress. The database does the counting (one aggregate or one
 * narrow scan per chart); the domain shapes the series.
 */

const DEFAULT_RANGE_DAYS = 90;

interface ReportScope {
  productId: number;
  fromDay: number;
  toDay: number;
  types: string[] | null;
  epicId: number | null;
}

async function reportScope(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<ReportScope> {
  const { product } = await requireProduct(ctx.db, actor, { key }, 'product.read');
  const toDay = query.to ? dayOf(query.to) : dayOf(ctx.clock.now().toISOString());
  const fromDay = query.from ? dayOf(query.from) : toDay - DEFAULT_RANGE_DAYS + 1;
  if (toDay - fromDay > 3 * 366) throw invalid('from', 'a chart covers at most three years');
  let epicId: number | null = null;
  if (query.epic) {
    const epic = await ctx.db
      .selectFrom('items')
      .select(['id', 'type'])
      .where('key', '=', query.epic)
      .where('product_id', '=', product.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!epic || epic.type !== 'epic') throw invalid('epic', 'must be the key of an epic in this product');
    epicId = epic.id;
  }
  return { productId: product.id, fromDay, toDay, types: query.type?.length ? query.type : null, epicId };
}

/** Restricts an items query to the chart's filters; epics are containers, not work, unless asked for. */
function filterItems<QB extends SelectQueryBuilder<Database, 'items' | any, any>>(q: QB, scope: ReportScope): QB {
  let out = q.where('items.product_id', '=', scope.productId).where('items.deleted_at', 'is', null) as QB;
  out = (scope.types ? out.where('items.type', 'in', scope.types) : out.where('items.type', '!=', 'epic')) as QB;
  if (scope.epicId !== null) out = out.where('items.parent_id', '=', scope.epicId) as QB;
  return out;
}

export async function productStates(db: Conn, productId: number): Promise<StateInfo[]> {
  const rows = await db.selectFrom('workflow_states').select(['id', 'name', 'category']).where('product_id', '=', productId).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, category: r.category as StateCategory }));
}

/** `json_extract` on SQLite, `->>` on PostgreSQL: the state id an activity row moved from or to. */
function stateIdOf(ctx: ServiceContext, column: 'activity.before' | 'activity.after') {
  return ctx.dialect === 'postgres'
    ? sql<number | null>`(${sql.ref(column)}::jsonb ->> 'stateId')::int`
    : sql<number | null>`json_extract(${sql.ref(column)}, '$.stateId')`;
}

export async function cumulativeFlowReport(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<TCumulativeFlow> {
  const scope = await reportScope(ctx, actor, key, query);
  const fromIso = new Date(scope.fromDay * DAY_MS).toISOString();
  // Every state change up to the chart's end, grouped by day and by the move it made; changes
  // before the chart starts fall into one group that sets the opening counts.
  const day = sql<string>`case when activity.created_at < ${fromIso} then '' else substr(activity.created_at, 1, 10) end`;
  const rows = await filterItems(
    ctx.db
      .selectFrom('activity')
      .innerJoin('items', 'items.id', 'activity.item_id')
      .select([day.as('day'), stateIdOf(ctx, 'activity.before').as('from_state'), stateIdOf(ctx, 'activity.after').as('to_state')])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('activity.product_id', '=', scope.productId)
      .where('activity.entity_type', '=', 'item')
      .where('activity.action', 'in', ['created', 'moved', 'updated'])
      .where('activity.after', 'like', '%"stateId"%')
      .where('activity.created_at', '<', endOfDayIso(scope.toDay))
      // By position: PostgreSQL would not match the select's parameterised expression to a copy.
      .groupBy([sql`1`, sql`2`, sql`3`]),
    scope,
  ).execute();
  const deltas: StateDelta[] = [];
  for (const r of rows) {
    const d = r.day === '' ? scope.fromDay - 1 : dayOf(r.day);
    const n = Number(r.n);
    if (r.from_state !== null) deltas.push({ day: d, stateId: Number(r.from_state), delta: -n });
    if (r.to_state !== null) deltas.push({ day: d, stateId: Number(r.to_state), delta: n });
  }
  const states = await productStates(ctx.db, scope.productId);
  return { from: isoDay(scope.fromDay), to: isoDay(scope.toDay), ...cumulativeFlow(states, deltas, scope.fromDay, scope.toDay) };
}

export async function cycleTimeReport(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<TCycleTime> {
  const scope = await reportScope(ctx, actor, key, query);
  const rows = await finishedItems(ctx.db, scope, true);
  return { from: isoDay(scope.fromDay), to: isoDay(scope.toDay), ...cycleTimeScatter(rows) };
}

async function finishedItems(db: Conn, scope: ReportScope, withTitles: boolean) {
  const rows = await filterItems(
    db
      .selectFrom('items')
      .select(['items.key', 'items.type', 'items.started_at', 'items.done_at'])
      .$if(withTitles, (q) => q.select('items.title'))
      .where('items.done_at', '>=', new Date(scope.fromDay * DAY_MS).toISOString())
      .where('items.done_at', '<', endOfDayIso(scope.toDay))
      .where('items.started_at', 'is not', null)
      .orderBy('items.done_at'),
    scope,
  ).execute();
  return rows.map((r) => ({
    key: r.key,
    title: (r as { title?: string }).title ?? '',
    type: r.type,
    startedAt: r.started_at!,
    doneAt: r.done_at!,
  }));
}

export async function throughputReport(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<TThroughput> {
  const scope = await reportScope(ctx, actor, key, query);
  const perDay = await doneCountsPerDay(ctx.db, scope);
  return { from: isoDay(scope.fromDay), to: isoDay(scope.toDay), ...weeklyThroughput(perDay, scope.fromDay, scope.toDay) };
}

async function doneCountsPerDay(db: Conn, scope: ReportScope) {
  const day = sql<string>`substr(items.done_at, 1, 10)`;
  const rows = await filterItems(
    db
      .selectFrom('items')
      .select([day.as('day')])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('items.done_at', '>=', new Date(scope.fromDay * DAY_MS).toISOString())
      .where('items.done_at', '<', endOfDayIso(scope.toDay))
      .groupBy(day),
    scope,
  ).execute();
  return rows.map((r) => ({ day: dayOf(r.day), count: Number(r.n) }));
}

export async function agingReport(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<TAging> {
  const scope = await reportScope(ctx, actor, key, query);
  const states = (await productStates(ctx.db, scope.productId)).filter((s) => s.category === 'in_progress');
  const stateIds = states.map((s) => s.id);
  const [wip, finished] = await Promise.all([
    stateIds.length === 0
      ? Promise.resolve([])
      : filterItems(
          ctx.db
            .selectFrom('items')
            .select(['items.key', 'items.title', 'items.type', 'items.state_id', 'items.started_at', 'items.state_entered_at', 'items.blocked'])
            .where('items.state_id', 'in', stateIds),
          scope,
        ).execute(),
    finishedItems(ctx.db, scope, false),
  ]);
  const cycle = cycleTimeScatter(finished);
  const nowIso = ctx.clock.now().toISOString();
  const items = wip.map((r) => ({
    key: r.key,
    title: r.title,
    type: r.type,
    stateId: r.state_id,
    startedAt: r.started_at ?? r.state_entered_at,
    blocked: !!r.blocked,
  }));
  return { asOf: nowIso, states: states.map((s) => ({ id: s.id, name: s.name })), ...agingWip(items, nowIso, flowPercentiles(cycle.cycleDays)) };
}

// ---- item histories, for burndown and burnup ----

const CHUNK = 500;

/**
 * Current values and every change to sprint, release, state and estimate of the given items,
 * read from the activity log. Only rows that touch a tracked field are parsed.
 */
export async function loadHistories(db: Conn, itemIds: readonly number[]): Promise<ItemHistory[]> {
  const histories = new Map<number, ItemHistory>();
  for (let i = 0; i < itemIds.length; i += CHUNK) {
    const ids = itemIds.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('items')
      .select(['id', 'key', 'title', 'parent_id', 'created_at', 'deleted_at', 'sprint_id', 'release_id', 'state_id', 'estimate'])
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) {
      histories.set(r.id, {
        id: r.id,
        key: r.key,
        title: r.title,
        parentId: r.parent_id,
        createdAt: r.created_at,
        deletedAt: r.deleted_at,
        current: { sprintId: r.sprint_id, releaseId: r.release_id, stateId: r.state_id, estimate: r.estimate },
        changes: [],
      });
    }
    const activity = await db
      .selectFrom('activity')
      .select(['item_id', 'before', 'after', 'created_at'])
      .where('item_id', 'in', ids)
      .where('entity_type', '=', 'item')
      .where('action', 'in', ['moved', 'updated'])
      .orderBy('event_number')
      .execute();
    for (const a of activity) {
      const h = histories.get(a.item_id!);
      if (!h || !a.after || !TRACKED_FIELDS.some((f) => a.after!.includes(`"${f}"`))) continue;
      const before = a.before ? (JSON.parse(a.before) as Record<string, unknown>) : {};
      const after = JSON.parse(a.after) as Record<string, unknown>;
      for (const field of TRACKED_FIELDS) {
        if (!(field in after)) continue;
        h.changes.push({ at: a.created_at, field: field as TrackedField, before: asNumber(before[field]), after: asNumber(after[field]) });
      }
    }
  }
  return [...histories.values()];
}

const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Ids of items whose activity ever set or cleared `field` to `value` since `since`. */
export async function itemsEverWith(db: Conn, productId: number, field: 'sprintId' | 'releaseId', value: number, since: string): Promise<number[]> {
  const rows = await db
    .selectFrom('activity')
    .select('item_id')
    .distinct()
    .where('product_id', '=', productId)
    .where('entity_type', '=', 'item')
    .where('created_at', '>=', since)
    .where((eb) =>
      eb.or(
        [`"${field}":${value},`, `"${field}":${value}}`].flatMap((needle) => [
          eb('before', 'like', `%${needle}%`),
          eb('after', 'like', `%${needle}%`),
        ]),
      ),
    )
    .execute();
  return rows.flatMap((r) => (r.item_id === null ? [] : [r.item_id]));
}
