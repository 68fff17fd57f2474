import { sql } from 'kysely';
import type { Conn } from '../db/schema.js';
import type { TForecastBacktest } from '../contract/forecasts.js';
import type { TForecastOutcome, TReleaseForecast } from '../contract/releases.js';
import { DAY_MS, dayOf, isoDay, longDate } from '../domain/dates.js';
import {
  DEFAULT_WINDOW_DAYS,
  FORECAST_PERCENTS,
  forecastByThroughput,
  forecastByVelocity,
  historyNote,
  SAME_DAY_TOLERANCE_DAYS,
  type Forecast,
  type ForecastResult,
} from '../domain/forecast.js';
import { backtest, calibrate, weekdaysBetween, type ScopeCalibration } from '../domain/forecast-backtest.js';
import { assessConfidence } from '../domain/forecast-confidence.js';
import { learnModel, type LearnedModel } from '../domain/forecast-model.js';
import { requireProduct } from './access.js';
import { nowIso, type Actor, type ServiceContext } from './context.js';
import { releaseBurnup, releaseScopeIds, requireRelease } from './releases.js';
import { scopeItems } from './sprints/scope-items.js';
import { DEFAULT_SPRINT_DAYS } from './sprints/start-sprint.js';
import { closedSprints } from './sprints/velocity.js';

/**
 * Forecasts for releases from the team's own history: throughput (items finished per day over a
 * window, with how much the team's pace wanders learned from its whole history) for the item
 * forecast, and closed sprints' velocity for the points forecast; and the backtest that replays
 * the product's history to show how good those forecasts have been.
 */

/** How many closed sprints the points forecast draws from. */
const VELOCITY_SPRINTS = 6;
/** The scope-growth check looks at the last four weeks of a release's burnup. */
const SCOPE_GROWTH_DAYS = 28;

export interface TeamHistory {
  /** the first day there was a team: the product's creation, or its oldest item if imported from before */
  firstDay: number;
  /** items finished per day from firstDay to yesterday */
  daily: number[];
  /** items finished the day before they were created, counted on their creation day */
  sameDay: number;
  /** items finished longer before they were created, left out */
  doneBeforeCreated: number;
}

/**
 * Every item the product finished before today, per day. An item that claims to finish a day
 * before it was created (a tracker's clock or time-zone artefact) counts as finished the day it was
 * created; one that finishes earlier still is dropped and counted, never used. The team starts with
 * the product, or with the oldest finished item's creation when the history was imported from before.
 */
export async function teamHistory(db: Conn, productId: number, today: number): Promise<TeamHistory> {
  const todayIso = new Date(today * DAY_MS).toISOString();
  const finished = () =>
    db
      .selectFrom('items')
      .where('product_id', '=', productId)
      .where('deleted_at', 'is', null)
      .where('type', '!=', 'epic')
      .where('done_at', '<', todayIso);
  const day = sql<string>`substr(done_at, 1, 10)`;
  const [product, perDay] = await Promise.all([
    db.selectFrom('products').select('created_at').where('id', '=', productId).executeTakeFirstOrThrow(),
    finished()
      .select([
        day.as('day'),
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`sum(case when done_at < created_at then 1 else 0 end)`.as('backwards'),
        (eb) => eb.fn.min('created_at').as('oldest'),
      ])
      .groupBy(day)
      .execute(),
  ]);
  let firstDay = Math.min(today, dayOf(product.created_at));
  for (const r of perDay) if (r.oldest) firstDay = Math.min(firstDay, dayOf(String(r.oldest)));
  const daily = new Array<number>(today - firstDay).fill(0);
  let backwards = 0;
  for (const r of perDay) {
    const n = Number(r.n) - Number(r.backwards ?? 0);
    backwards += Number(r.backwards ?? 0);
    const d = dayOf(r.day);
    if (d >= firstDay && d < today) daily[d - firstDay] += n;
  }
  let sameDay = 0;
  let doneBeforeCreated = 0;
  // Rare outside imports, so read one by one only when there are any.
  const early = backwards ? await finished().select(['created_at', 'done_at']).whereRef('done_at', '<', 'created_at').execute() : [];
  for (const r of early) {
    if (Date.parse(r.created_at) - Date.parse(r.done_at!) <= SAME_DAY_TOLERANCE_DAYS * DAY_MS) {
      sameDay++;
      const d = dayOf(r.created_at);
      if (d >= firstDay && d < today) daily[d - firstDay]++;
    } else doneBeforeCreated++;
  }
  return { firstDay, daily, sameDay, doneBeforeCreated };
}

export interface ThroughputHistory {
  samples: number[];
  learned: LearnedModel;
  data: TReleaseForecast['data'];
}

/**
 * Items finished per day in the window that ends yesterday (today is not over yet), and never
 * before there was a team; with the model of the team's pace learned from its whole history.
 */
export async function throughputHistory(db: Conn, productId: number, today: number, windowDays: number): Promise<ThroughputHistory> {
  const team = await teamHistory(db, productId, today);
  const samples = team.daily.slice(Math.max(0, team.daily.length - windowDays));
  const learned = learnModel(team.daily, team.firstDay);
  const itemsDone = samples.reduce((a, b) => a + b, 0);
  return {
    samples,
    learned,
    data: {
      windowDays,
      from: isoDay(today - samples.length),
      to: isoDay(today - 1),
      sampleDays: samples.length,
      itemsDone,
      samples,
      dropped: { doneBeforeCreated: team.doneBeforeCreated, unreadableDate: 0 },
      sameDay: team.sameDay,
      note: historyNote(team.daily.reduce((a, b) => a + b, 0) + team.doneBeforeCreated, team.doneBeforeCreated, 0, team.sameDay),
      model: presentModel(learned),
    },
  };
}

function presentModel(learned: LearnedModel): TReleaseForecast['data']['model'] {
  const { model, quarters, yearEnds, typicalQuarterChange } = learned;
  const change = `${typicalQuarterChange.toFixed(1)}×`;
  const pace = quarters
    ? `The spread allows the pace to change by a typical ${change} from one quarter to the next, learned from ${quarters} of this product's own quarter-to-quarter changes${quarters < 4 ? ' and what typical teams show' : ''}.`
    : `The spread allows the pace to change by a typical ${change} from one quarter to the next, as real teams' paces do; this product has no two full quarters to learn its own from yet.`;
  const holidays = yearEnds
    ? `Over the year-end it assumes ${Math.round(model.holidayFactor * 100)} % of the usual pace, from ${yearEnds === 1 ? 'last year-end' : `${yearEnds} past year-ends`} and what typical teams show.`
    : `Over the year-end it assumes ${Math.round(model.holidayFactor * 100)} % of the usual pace, as typical teams show.`;
  return {
    volatility: model.volatility,
    typicalQuarterChange,
    quarters,
    holidayFactor: model.holidayFactor,
    yearEnds,
    halfLifeWeeks: model.halfLifeWeeks,
    note: `${pace} ${holidays} Recent weeks count more: a week ${model.halfLifeWeeks} weeks old counts half as much as last week.`,
  };
}

function presentOutcome(f: Forecast): TForecastOutcome {
  return f.status === 'ok' ? presentForecast(f) : f;
}

function presentForecast(f: ForecastResult) {
  return {
    status: 'ok' as const,
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

  const items = forecastByThroughput({
    remaining: remaining.length,
    samples: history.samples,
    today,
    targetDay,
    model: history.learned.model,
  });
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
  if (items.status !== 'ok') return { ...items, ...context };
  const confidence = assessConfidence({
    samples: history.samples,
    remaining: remaining.length,
    today,
    p85Day: items.percentiles.find((p) => p.percent === 85)!.day,
    holidayFactor: history.learned.model.holidayFactor,
    holidayLearned: history.learned.yearEnds > 0,
    scopeChange: scopeGrowth(burnup),
  });
  return { ...presentForecast(items), confidence, ...context };
}

/** How much the release's scope grew and how much of it was finished over the last four weeks of its burnup. */
function scopeGrowth(burnup: Awaited<ReturnType<typeof releaseBurnup>>) {
  const last = burnup.dates.length - 1;
  if (last < 1) return undefined;
  const from = Math.max(0, last - SCOPE_GROWTH_DAYS);
  return {
    days: last - from,
    grew: burnup.scopeItems[last] - burnup.scopeItems[from],
    finished: burnup.doneItems[last] - burnup.doneItems[from],
  };
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

/** The "next N items" questions the backtest asks besides the releases. */
export const BACKTEST_HORIZONS = [10, 25, 50] as const;
/** The backtest replays the last year: long enough to judge, recent enough to be the same team. */
const BACKTEST_DAYS = 365;
/** Fewer trials than a live forecast: hundreds of forecasts are replayed, and only their hit rates are read. */
const BACKTEST_TRIALS = 1000;
/** The first forecasts wait for two weeks of history, as a product owner would. */
const FIRST_FORECAST_AFTER_DAYS = 14;

/**
 * Replays a product's last year as the product would have forecast it: on every weekday, from the
 * throughput and model known that morning, "when will the next 10, 25 and 50 items be done?" and
 * "when will each release's open scope be done?"; then, per question, how often the real outcome
 * fell on or before each percent's date, with an interval.
 */
export async function backtestProduct(
  ctx: ServiceContext,
  actor: Actor,
  productKey: string,
  opts: { windowDays?: number; trials?: number } = {},
): Promise<TForecastBacktest> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'product.read');
  const windowDays = opts.windowDays ?? DEFAULT_WINDOW_DAYS;
  const now = nowIso(ctx);
  const today = dayOf(now);
  const team = await teamHistory(ctx.db, product.id, today);
  const rows = await ctx.db
    .selectFrom('items')
    .select(['id', 'created_at', 'done_at'])
    .where('product_id', '=', product.id)
    .where('deleted_at', 'is', null)
    .where('type', '!=', 'epic')
    .execute();
  const records = new Map<number, { created: number; done: number | null }>();
  const doneDays: number[] = [];
  for (const r of rows) {
    const created = dayOf(r.created_at);
    let done = r.done_at ? dayOf(r.done_at) : null;
    if (r.done_at && r.done_at < r.created_at) {
      if (Date.parse(r.created_at) - Date.parse(r.done_at) > SAME_DAY_TOLERANCE_DAYS * DAY_MS) continue;
      done = created;
    }
    records.set(r.id, { created, done });
    if (done !== null && done < today) doneDays.push(done);
  }
  const releases = await ctx.db.selectFrom('releases').selectAll().where('product_id', '=', product.id).orderBy('id').execute();
  const scopes = [];
  for (const release of releases) {
    const ids = await releaseScopeIds(ctx.db, release);
    scopes.push({ name: release.name, releaseId: release.id, records: ids.flatMap((id) => (records.has(id) ? [records.get(id)!] : [])) });
  }
  const from = Math.max(team.firstDay + FIRST_FORECAST_AFTER_DAYS, today - BACKTEST_DAYS);
  const cases = backtest({
    doneDays,
    scopes,
    horizons: BACKTEST_HORIZONS,
    days: weekdaysBetween(from, today),
    to: today,
    historyStart: team.firstDay,
    windowDays,
    trials: opts.trials ?? BACKTEST_TRIALS,
  });
  const calibration = calibrate(cases, today);
  // The next-N questions first, then releases in the order they were made.
  const horizons = [
    ...BACKTEST_HORIZONS.flatMap((n) => calibration.filter((c) => c.scope === `next ${n} items`)),
    ...releases.flatMap((r) => calibration.filter((c) => c.releaseId === r.id)),
  ];
  return {
    productKey: product.key,
    asOf: now,
    from: isoDay(Math.min(from, today)),
    to: isoDay(today - 1),
    windowDays,
    convention: `Every weekday from ${longDate(Math.min(from, today), today)} to yesterday, the forecast is made as the release page makes it that morning (the ${windowDays} days before, the team's pace as known then, ${BACKTEST_TRIALS.toLocaleString('en')} trials) and judged against the day the work was really done: a date holds when the work was done on or before it, and misses when it passed without.`,
    horizons: horizons.map((c) => presentCalibration(c, from, today)),
    dropped: { doneBeforeCreated: team.doneBeforeCreated, unreadableDate: 0 },
    sameDay: team.sameDay,
    note: historyNote(rows.length, team.doneBeforeCreated, 0, team.sameDay),
  };
}

const percentOf = (share: number) => `${Math.round(share * 100)} %`;

function presentCalibration(c: ScopeCalibration, from: number, today: number): TForecastBacktest['horizons'][number] {
  return {
    scope: c.scope,
    kind: c.kind,
    releaseId: c.releaseId,
    forecasts: c.forecasts,
    firstAsOf: c.firstAsOf === null ? null : isoDay(c.firstAsOf),
    lastAsOf: c.lastAsOf === null ? null : isoDay(c.lastAsOf),
    hits: c.hits,
    summary: calibrationSentence(c, from, today),
  };
}

/**
 * "Of 212 forecasts made on weekdays over the last year, the 85 % date held 180 times (85 %,
 * likely between 78 % and 91 %)."
 */
export function calibrationSentence(c: ScopeCalibration, from: number, today: number): string {
  const hit = c.hits[FORECAST_PERCENTS.indexOf(85)];
  const span = today - from >= 360 ? 'over the last year' : `since ${longDate(from, today)}`;
  const made = `${c.forecasts} ${c.forecasts === 1 ? 'forecast' : 'forecasts'} made on weekdays ${span}`;
  if (hit.judged === 0 || hit.rate === null)
    return `None of the ${made} can be judged yet: the work is not done and the 85 % dates have not passed.`;
  const judged = hit.judged === c.forecasts ? `Of ${made}` : `Of ${made}, ${hit.judged} can be judged:`;
  const interval =
    hit.low !== null && hit.high !== null && hit.high - hit.low >= 0.01
      ? `, likely between ${percentOf(hit.low)} and ${percentOf(hit.high)}`
      : '';
  const times = hit.held === 1 ? 'once' : `${hit.held} times`;
  return `${judged}${hit.judged === c.forecasts ? ',' : ''} the 85 % date held ${times} (${percentOf(hit.rate)}${interval}).`;
}
