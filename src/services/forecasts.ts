import { sql } from 'kysely';
import type { Conn } from '../db/schema.js';
import type { TForecastOutcome, TReleaseForecast } from '../contract/releases.js';
import { DAY_MS, dayOf, isoDay } from '../domain/dates.js';
import {
  backtest,
  DEFAULT_WINDOW_DAYS,
  forecastByThroughput,
  forecastByVelocity,
  prepareHistory,
  type BacktestSummary,
  type Forecast,
} from '../domain/forecast.js';
import { requireProduct } from './access.js';
import { nowIso, type Actor, type ServiceContext } from './context.js';
import { releaseBurnup, releaseScopeIds, requireRelease } from './releases.js';
import { scopeItems } from './sprints/scope-items.js';
import { DEFAULT_SPRINT_DAYS } from './sprints/start-sprint.js';
import { closedSprints } from './sprints/velocity.js';

/**
 * Forecasts for releases from the team's own history: throughput (items finished per day over a
 * window) for the item forecast, and closed sprints' velocity for the points forecast.
 */

/** How many closed sprints the points forecast draws from. */
const VELOCITY_SPRINTS = 6;

export interface ThroughputHistory {
  samples: number[];
  data: TReleaseForecast['data'];
}

/**
 * Items finished per day in the window that ends yesterday (today is not over yet), and never
 * before the product existed: days without a team are not days of zero throughput. An item that
 * claims to finish before it was created is dropped and counted, never used.
 */
export async function throughputHistory(db: Conn, productId: number, today: number, windowDays: number): Promise<ThroughputHistory> {
  const product = await db.selectFrom('products').select('created_at').where('id', '=', productId).executeTakeFirstOrThrow();
  const fromDay = Math.min(today, Math.max(today - windowDays, dayOf(product.created_at)));
  const day = sql<string>`substr(done_at, 1, 10)`;
  const rows = await db
    .selectFrom('items')
    .select([day.as('day')])
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(sql`case when done_at < created_at then 1 else 0 end`).as('bad')])
    .where('product_id', '=', productId)
    .where('deleted_at', 'is', null)
    .where('type', '!=', 'epic')
    .where('done_at', '>=', new Date(fromDay * DAY_MS).toISOString())
    .where('done_at', '<', new Date(today * DAY_MS).toISOString())
    .groupBy(day)
    .execute();
  const samples = new Array<number>(today - fromDay).fill(0);
  let doneBeforeCreated = 0;
  for (const r of rows) {
    const bad = Number(r.bad ?? 0);
    doneBeforeCreated += bad;
    samples[dayOf(r.day) - fromDay] += Number(r.n) - bad;
  }
  const itemsDone = samples.reduce((a, b) => a + b, 0);
  return {
    samples,
    data: {
      windowDays,
      from: isoDay(fromDay),
      to: isoDay(today - 1),
      sampleDays: samples.length,
      itemsDone,
      samples,
      dropped: { doneBeforeCreated, unreadableDate: 0 },
      note: doneBeforeCreated ? `Dropped ${doneBeforeCreated} items that finished before they were created.` : null,
    },
  };
}

function presentOutcome(f: Forecast): TForecastOutcome {
  if (f.status !== 'ok') return f;
  return {
    status: 'ok',
    message: f.sentence,
    percentiles: f.percentiles.map((p) => ({ percent: p.percent, date: p.day === null ? null : isoDay(p.day) })),
    targetProbability: f.targetProbability,
    daysLate85: f.daysLate85,
    unfinishedShare: f.unfinishedShare,
    horizonDays: f.horizonDays,
    trials: f.trials,
    histogram: { bucketDays: f.histogram.bucketDays, dates: f.histogram.days.map(isoDay), trials: f.histogram.trials },
  };
}

/** When will the release be done? Items by throughput, points by velocity, with what each used. */
export async function forecastRelease(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  opts: { windowDays?: number } = {},
): Promise<TReleaseForecast> {
  const { release } = await requireRelease(ctx.db, actor, id, 'product.read');
  const windowDays = opts.windowDays ?? DEFAULT_WINDOW_DAYS;
  const now = nowIso(ctx);
  const today = dayOf(now);
  const targetDay = release.target_date ? dayOf(release.target_date) : null;
  const [scope, history, burnup, velocity] = await Promise.all([
    releaseScopeIds(ctx.db, release).then((ids) => scopeItems(ctx.db, { itemIds: ids })),
    throughputHistory(ctx.db, release.product_id, today, windowDays),
    releaseBurnup(ctx, release),
    velocityHistory(ctx.db, release.product_id, today),
  ]);
  const remaining = scope.filter((i) => i.stateCategory !== 'done');
  const remainingPoints = remaining.reduce((a, i) => a + (i.estimate ?? 0), 0);
  const windowStart = new Date((today - windowDays) * DAY_MS).toISOString();
  const recentChanges = burnup.scopeChanges.filter((c) => c.at >= windowStart);
  const blocked = remaining
    .filter((i) => i.blocked)
    .map((i) => ({
      key: i.key,
      title: i.title,
      reason: i.blockedReason,
      since: i.blockedSince,
      days: i.blockedSince ? Math.floor((Date.parse(now) - Date.parse(i.blockedSince)) / DAY_MS) : 0,
    }))
    .sort((a, b) => b.days - a.days);

  const items = forecastByThroughput({ remaining: remaining.length, samples: history.samples, today, targetDay });
  const points = forecastByVelocity({
    remainingPoints,
    velocities: velocity.velocities,
    today,
    firstSprintEndDay: velocity.firstSprintEndDay,
    sprintLengthDays: velocity.sprintLengthDays,
    targetDay,
  });
  const context = {
    releaseId: release.id,
    asOf: now,
    targetDate: release.target_date,
    scope: {
      items: scope.length,
      done: scope.length - remaining.length,
      remaining: remaining.length,
      remainingPoints,
      unestimatedRemaining: remaining.filter((i) => i.estimate === null).length,
      added: recentChanges.filter((c) => c.change === 'added').length,
      removed: recentChanges.filter((c) => c.change === 'removed').length,
    },
    blocked: { count: blocked.length, items: blocked },
    data: history.data,
    points: {
      velocities: velocity.velocities,
      sprintLengthDays: velocity.sprintLengthDays,
      remainingPoints,
      forecast: presentOutcome(points),
    },
  };
  return { ...presentOutcome(items), ...context };
}

/**
 * The last closed sprints' velocity, their usual length, and when the next sprint to count ends:
 * the active sprint's end, or a sprint's length from today.
 */
async function velocityHistory(db: Conn, productId: number, today: number) {
  const closed = (await closedSprints(db, productId)).slice(-VELOCITY_SPRINTS);
  const lengths = closed
    .filter((s) => s.start_date && s.end_date)
    .map((s) => dayOf(s.end_date!) - dayOf(s.start_date!) + 1)
    .sort((a, b) => a - b);
  const sprintLengthDays = lengths.length ? lengths[Math.floor(lengths.length / 2)] : DEFAULT_SPRINT_DAYS;
  const active = await db
    .selectFrom('sprints')
    .select('end_date')
    .where('product_id', '=', productId)
    .where('state', '=', 'active')
    .executeTakeFirst();
  const activeEnd = active?.end_date ? dayOf(active.end_date) : null;
  return {
    velocities: closed.map((s) => s.completed_points ?? 0),
    sprintLengthDays,
    firstSprintEndDay: activeEnd !== null && activeEnd >= today ? activeEnd : today + sprintLengthDays,
  };
}

// ---- backtest ----

export interface ProductBacktest extends BacktestSummary {
  productKey: string;
  windowDays: number;
  dropped: { doneBeforeCreated: number; unreadableDate: number };
  note: string | null;
}

/** The "next N items" questions the backtest asks each week besides the releases. */
export const BACKTEST_HORIZONS = [10, 25, 50] as const;

/**
 * Replays a product's history week by week: what would the forecast have said then, and what
 * happened? Scopes are each release (its items now, from when each was created) and all open
 * items; besides them, "when will the next 10, 25, 50 items be done?".
 */
export async function backtestProduct(
  ctx: ServiceContext,
  actor: Actor,
  productKey: string,
  opts: { windowDays?: number; stepDays?: number; trials?: number } = {},
): Promise<ProductBacktest> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  const windowDays = opts.windowDays ?? DEFAULT_WINDOW_DAYS;
  const rows = await ctx.db
    .selectFrom('items')
    .select(['id', 'created_at', 'done_at'])
    .where('product_id', '=', product.id)
    .where('deleted_at', 'is', null)
    .where('type', '!=', 'epic')
    .execute();
  const prepared = prepareHistory(rows.map((r) => ({ created: r.created_at, done: r.done_at })));
  const usable = new Map<number, { created: number | null; done: number | null }>();
  for (const r of rows) {
    const created = dayOf(r.created_at);
    const done = r.done_at ? dayOf(r.done_at) : null;
    if (done === null || done >= created) usable.set(r.id, { created, done });
  }
  const releases = await ctx.db.selectFrom('releases').selectAll().where('product_id', '=', product.id).orderBy('id').execute();
  const scopes = [];
  for (const release of releases) {
    const ids = await releaseScopeIds(ctx.db, release);
    scopes.push({ name: release.name, records: ids.flatMap((id) => (usable.has(id) ? [usable.get(id)!] : [])) });
  }
  scopes.push({ name: 'all open items', records: prepared.records });
  const doneDays = prepared.records.flatMap((r) => (r.done === null ? [] : [r.done]));
  const today = dayOf(nowIso(ctx));
  const historyStart = dayOf(product.created_at);
  const summary = backtest(scopes, doneDays, {
    // Two weeks in, so the first forecast has some throughput to learn from.
    from: historyStart + 14,
    to: today,
    stepDays: opts.stepDays ?? 7,
    windowDays,
    trials: opts.trials,
    historyStart,
    horizons: BACKTEST_HORIZONS,
  });
  return { productKey: product.key, windowDays, dropped: prepared.dropped, note: prepared.note, ...summary };
}
