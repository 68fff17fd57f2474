import { sql, type SelectQueryBuilder } from 'kysely';
import type { Conn, Database } from '../db/schema.js';
import type { TAging, TCumulativeFlow, TCycleTime, TReportQuery, TThroughput } from '../contract/reports.js';
import { dayOf, endOfDayIso, isoDay, isoMs, DAY_MS } from '../domain/dates.js';
import { invalid } from '../domain/errors.js';
import {
  agingWip,
  cumulativeFlow,
  cycleTimeScatter,
  flowPercentiles,
  TRACKED_FIELDS,
  weeklyThroughput,
  type FinishedItem,
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

/**
 * Restricts an items query to the chart's filters; epics are containers, not work, unless asked
 * for. `byState` queries name the product's states already, and leave the product out so the
 * planner picks the state index.
 */
function filterItems<QB extends SelectQueryBuilder<Database, 'items' | any, any>>(
  q: QB,
  scope: ReportScope,
  opts: { byState?: boolean } = {},
): QB {
  let out = (opts.byState ? q : q.where('items.product_id', '=', scope.productId)).where('items.deleted_at', 'is', null) as QB;
  out = (scope.types ? out.where('items.type', 'in', scope.types) : out.where('items.type', '!=', 'epic')) as QB;
  if (scope.epicId !== null) out = out.where('items.parent_id', '=', scope.epicId) as QB;
  return out;
}

export async function productStates(db: Conn, productId: number): Promise<StateInfo[]> {
  const rows = await db
    .selectFrom('workflow_states')
    .select(['id', 'name', 'category'])
    .where('product_id', '=', productId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, category: r.category as StateCategory }));
}

/** `json_extract` on SQLite, `->>` on PostgreSQL: the state id an activity row moved from or to. */
function stateIdOf(ctx: ServiceContext, column: 'activity.before' | 'activity.after') {
  return ctx.dialect === 'postgres'
    ? sql<number | null>`(${sql.ref(column)}::jsonb ->> 'stateId')::int`
    : sql<number | null>`json_extract(${sql.ref(column)}, '$.stateId')`;
}

/**
 * Cumulative flow. The whole product reads the daily running totals the activity trigger keeps
 * (flow_daily, migration 005); one epic replays its children's activity, which the item index
 * makes a small read. Either way a deleted item leaves its state on the day it was deleted.
 */
export async function cumulativeFlowReport(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<TCumulativeFlow> {
  const scope = await reportScope(ctx, actor, key, query);
  const deltas = scope.epicId === null ? await productFlow(ctx, scope) : await epicFlow(ctx, scope);
  const states = await productStates(ctx.db, scope.productId);
  return { from: isoDay(scope.fromDay), to: isoDay(scope.toDay), ...cumulativeFlow(states, deltas, scope.fromDay, scope.toDay) };
}

async function productFlow(ctx: ServiceContext, scope: ReportScope): Promise<StateDelta[]> {
  // Days before the chart starts fall into one group: the counts it opens with.
  const day = sql<string>`case when day < ${isoDay(scope.fromDay)} then '' else day end`;
  const rows = await ctx.db
    .selectFrom('flow_daily')
    .select([day.as('day'), 'state_id'])
    .select((eb) => eb.fn.sum<number>('delta').as('n'))
    .where('product_id', '=', scope.productId)
    .where('day', '<=', isoDay(scope.toDay))
    .$call((q) => (scope.types ? q.where('item_type', 'in', scope.types) : q.where('item_type', '!=', 'epic')))
    // By position: PostgreSQL would not match the select's parameterised expression to a copy.
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows.map((r) => ({ day: r.day === '' ? scope.fromDay - 1 : dayOf(r.day), stateId: r.state_id, delta: Number(r.n) }));
}

async function epicFlow(ctx: ServiceContext, scope: ReportScope): Promise<StateDelta[]> {
  const fromIso = new Date(scope.fromDay * DAY_MS).toISOString();
  const day = sql<string>`case when activity.created_at < ${fromIso} then '' else substr(activity.created_at, 1, 10) end`;
  const rows = await ctx.db
    .selectFrom('activity')
    .innerJoin('items', 'items.id', 'activity.item_id')
    .select([
      day.as('day'),
      'activity.action',
      stateIdOf(ctx, 'activity.before').as('from_state'),
      stateIdOf(ctx, 'activity.after').as('to_state'),
      'items.state_id',
    ])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('items.parent_id', '=', scope.epicId)
    .$call((q) => (scope.types ? q.where('items.type', 'in', scope.types) : q.where('items.type', '!=', 'epic')))
    .where('activity.entity_type', '=', 'item')
    .where((eb) =>
      eb.or([
        eb.and([eb('activity.action', 'in', ['created', 'moved', 'updated']), eb('activity.after', 'like', '%"stateId"%')]),
        eb('activity.action', 'in', ['deleted', 'restored']),
      ]),
    )
    .where('activity.created_at', '<', endOfDayIso(scope.toDay))
    .groupBy([sql`1`, sql`2`, sql`3`, sql`4`, sql`5`])
    .execute();
  const deltas: StateDelta[] = [];
  for (const r of rows) {
    const d = r.day === '' ? scope.fromDay - 1 : dayOf(r.day);
    const n = Number(r.n);
    if (r.action === 'deleted') deltas.push({ day: d, stateId: r.state_id, delta: -n });
    else if (r.action === 'restored') deltas.push({ day: d, stateId: r.state_id, delta: n });
    else {
      if (r.from_state !== null) deltas.push({ day: d, stateId: Number(r.from_state), delta: -n });
      if (r.to_state !== null) deltas.push({ day: d, stateId: Number(r.to_state), delta: n });
    }
  }
  return deltas;
}

export async function cycleTimeReport(ctx: ServiceContext, actor: Actor, key: string, query: TReportQuery): Promise<TCycleTime> {
  const scope = await reportScope(ctx, actor, key, query);
  const rows = await finishedItems(ctx.db, ctx.dialect, scope);
  return { from: isoDay(scope.fromDay), to: isoDay(scope.toDay), productKey: key, ...cycleTimeScatter(rows, scope.fromDay) };
}

/**
 * Items finished in the range, oldest first, read from the covering index (never the rows); a
 * year can hold 80,000. SQLite measures them itself, so only numbers cross into JavaScript;
 * PostgreSQL sends text either way, which a digit-by-digit reader measures faster than a cast.
 */
async function finishedItems(db: Conn, dialect: ServiceContext['dialect'], scope: ReportScope): Promise<FinishedItem[]> {
  const finished = <QB extends SelectQueryBuilder<Database, 'items', object>>(q: QB) =>
    filterItems(
      q
        .where('items.done_at', '>=', new Date(scope.fromDay * DAY_MS).toISOString())
        .where('items.done_at', '<', endOfDayIso(scope.toDay))
        .where('items.started_at', 'is not', null),
      scope,
    );
  if (dialect === 'sqlite') {
    const rows = await finished(db.selectFrom('items'))
      .select([
        'items.number',
        'items.type',
        sql<number>`julianday(items.done_at) - julianday(items.started_at)`.as('cycle_days'),
        sql<number>`cast(julianday(substr(items.done_at, 1, 10)) - 2440587.5 as integer)`.as('done_day'),
      ])
      .orderBy('items.done_at')
      .execute();
    return rows.map((r) => ({ number: r.number, type: r.type, cycleDays: r.cycle_days, doneDay: r.done_day }));
  }
  const rows = await finished(db.selectFrom('items'))
    .select(['items.number', 'items.type', 'items.started_at', 'items.done_at'])
    .orderBy('items.done_at')
    .execute();
  return rows.map((r) => {
    const done = isoMs(r.done_at!);
    return { number: r.number, type: r.type, cycleDays: (done - isoMs(r.started_at!)) / DAY_MS, doneDay: Math.floor(done / DAY_MS) };
  });
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
            .select([
              'items.key',
              'items.title',
              'items.type',
              'items.state_id',
              'items.started_at',
              'items.state_entered_at',
              'items.blocked',
            ])
            .where('items.state_id', 'in', stateIds),
          scope,
          { byState: true },
        ).execute(),
    finishedItems(ctx.db, ctx.dialect, scope),
  ]);
  const cycle = cycleTimeScatter(finished, scope.fromDay);
  const nowIso = ctx.clock.now().toISOString();
  const items = wip.map((r) => ({
    key: r.key,
    title: r.title,
    type: r.type,
    stateId: r.state_id,
    startedAt: r.started_at ?? r.state_entered_at,
    blocked: !!r.blocked,
  }));
  return {
    asOf: nowIso,
    states: states.map((s) => ({ id: s.id, name: s.name })),
    ...agingWip(items, nowIso, flowPercentiles(cycle.cycleDays)),
  };
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
      .select(['id', 'key', 'title', 'type', 'parent_id', 'created_at', 'deleted_at', 'sprint_id', 'release_id', 'state_id', 'estimate'])
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) {
      histories.set(r.id, {
        id: r.id,
        key: r.key,
        title: r.title,
        type: r.type,
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
export async function itemsEverWith(
  db: Conn,
  productId: number,
  field: 'sprintId' | 'releaseId',
  value: number,
  since: string,
): Promise<number[]> {
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
