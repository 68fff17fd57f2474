import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Dialect } from '../src/db/dialect.js';
import { DAY_MS, dayOf } from '../src/domain/dates.js';
import { forecastByThroughput } from '../src/domain/forecast.js';
import { Random } from '../src/domain/random.js';
import { ranksBetween } from '../src/domain/ranks.js';
import { LocalEventBus } from '../src/realtime/bus.js';
import type { Actor, Clock, ServiceContext } from '../src/services/context.js';
import { forecastRelease } from '../src/services/forecasts.js';
import { createProduct } from '../src/services/products.js';
import { createRelease } from '../src/services/releases.js';
import { agingReport, cumulativeFlowReport, cycleTimeReport, throughputReport } from '../src/services/reports.js';
import { createUser } from '../src/services/users.js';
import { generateDemo } from '../src/cli/demo.js';
import { describeBacktest } from '../src/cli/forecast-backtest.js';
import { backtestProduct } from '../src/services/forecasts.js';
import { PG_ADMIN_URL } from './lib/fixture.js';
import { fmt, type BenchContext, type SectionResult, type Table } from './lib/report.js';

const FORECAST_TARGET_MS = 50;
const CHART_TARGET_MS = 200;
const RUNS = 7;
const BATCH = 500;

/**
 * Forecasts and flow charts: a 10,000-trial forecast, each chart's data for a product of
 * 100,000 items with a year of day-by-day history (created, started, reviewed, done, the way the
 * services write it), the release forecast page, and the demo generator with its backtest.
 */
export async function deliveryBench(
  ctx: BenchContext = { dialects: ['sqlite'], items: 100_000, seconds: 5, log: console.log },
): Promise<SectionResult> {
  const forecastTable: Table = {
    title: 'Monte Carlo forecast, 10,000 trials (pure, in-process)',
    columns: ['remaining items', 'median ms', 'target', 'verdict'],
    rows: [],
  };
  const samples = Array.from({ length: 84 }, (_, i) => (i % 7 >= 5 ? 0 : [2, 3, 4, 5, 3][i % 5]!));
  for (const remaining of [30, 150, 600]) {
    const ms = median(timeSync(() => forecastByThroughput({ remaining, samples, today: 20_000, targetDay: 20_030 }), RUNS));
    forecastTable.rows.push([remaining, fmt.ms(ms), `< ${FORECAST_TARGET_MS} ms`, fmt.verdict(ms < FORECAST_TARGET_MS)]);
  }

  const charts: Table = {
    title: `Chart data, ${ctx.items.toLocaleString('en')} items with a year of history (service call, median of ${RUNS})`,
    columns: ['dialect', 'chart', 'range', 'points', 'KB', 'median ms', 'verdict'],
    rows: [],
  };
  const demoTable: Table = {
    title: 'ordo demo and its forecast backtest',
    columns: ['dialect', 'generate (s)', 'items', 'late release', 'within 50 % date', 'within 85 % date'],
    rows: [],
  };
  const notes: string[] = [];
  for (const dialect of ctx.dialects) {
    const db = await freshDatabase(dialect);
    try {
      ctx.log(`[${dialect}] generating ${ctx.items.toLocaleString('en')} items with a year of history`);
      const t0 = performance.now();
      const world = await generateHistory(db.handle, dialect, ctx.items);
      const generated = (performance.now() - t0) / 1000;
      const year = { from: world.yearAgo, to: world.today };
      const cases: Array<[string, string, () => Promise<unknown>, (r: any) => number]> = [
        [
          'cumulative flow',
          'default 90 days',
          () => cumulativeFlowReport(world.ctx, world.actor, 'FLOW', {}),
          (r) => r.dates.length * r.states.length,
        ],
        [
          'cumulative flow',
          'a year',
          () => cumulativeFlowReport(world.ctx, world.actor, 'FLOW', year),
          (r) => r.dates.length * r.states.length,
        ],
        ['cycle time', 'default 90 days', () => cycleTimeReport(world.ctx, world.actor, 'FLOW', {}), (r) => r.numbers.length],
        ['cycle time', 'a year', () => cycleTimeReport(world.ctx, world.actor, 'FLOW', year), (r) => r.numbers.length],
        ['throughput', 'a year', () => throughputReport(world.ctx, world.actor, 'FLOW', year), (r) => r.weeks.length],
        ['aging WIP', 'default 90 days', () => agingReport(world.ctx, world.actor, 'FLOW', {}), (r) => r.keys.length],
        [
          'cumulative flow, one epic',
          'a year',
          () => cumulativeFlowReport(world.ctx, world.actor, 'FLOW', { ...year, epic: world.epicKey }),
          (r) => r.dates.length * r.states.length,
        ],
        [
          'release forecast (2,000 items)',
          '84-day window',
          () => forecastRelease(world.ctx, world.actor, world.releaseId),
          (r) => r.histogram?.dates.length ?? 0,
        ],
      ];
      for (const [chart, range, run, points] of cases) {
        ctx.log(`[${dialect}] ${chart}, ${range}`);
        const result = await run();
        const bytes = Buffer.byteLength(JSON.stringify(result));
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          JSON.stringify(await run());
          times.push(performance.now() - t);
        }
        const ms = median(times);
        charts.rows.push([dialect, chart, range, fmt.int(points(result)), fmt.kb(bytes), fmt.ms(ms), fmt.verdict(ms < CHART_TARGET_MS)]);
      }
      notes.push(
        `${dialect}: generating ${ctx.items.toLocaleString('en')} items and ${world.activityRows.toLocaleString('en')} activity rows took ${generated.toFixed(1)} s.`,
      );

      ctx.log(`[${dialect}] ordo demo`);
      const t1 = performance.now();
      const demo = await generateDemo(world.baseCtx, { key: 'DEMO' });
      const demoSeconds = (performance.now() - t1) / 1000;
      const backtest = await backtestProduct(world.baseCtx, world.actor, demo.productKey);
      ctx.log(describeBacktest(backtest));
      // Every question of the backtest pooled, each judged forecast counted once.
      const pct = (percent: number) => {
        const hits = backtest.horizons.map((h) => h.hits.find((x) => x.percent === percent)!);
        const judged = hits.reduce((a, x) => a + x.judged, 0);
        const held = hits.reduce((a, x) => a + x.held, 0);
        return judged ? `${held} of ${judged} (${Math.round((held / judged) * 100)} %)` : '–';
      };
      demoTable.rows.push([dialect, demoSeconds.toFixed(1), demo.items, demo.lateRelease.sentence, pct(50), pct(85)]);
    } finally {
      await db.drop();
    }
  }
  notes.push(
    "Charts are timed through the service functions (permission check, SQL, shaping) plus JSON serialisation, without HTTP. Cumulative flow reads the daily totals an activity trigger keeps (flow_daily); one epic replays its children's activity; cycle time and throughput read a covering index of finished items. The generated product leaves about 9,000 items in progress for months, far more than a real team, which is what the aging row measures.",
    'The throughput forecast draws whole weeks and subtracts a week at once unless the finish or a holiday falls in it; each trial runs on its own seeded stream, so the same data always gives the same dates (docs/decisions/0011).',
    'Backtest: every weekday of the demo\'s last year, forecast the releases and "the next 10, 25, 50 items" as the release page would have that morning, and count how often the real outcome fell on or before the 50 % and 85 % dates (all questions pooled). Calibration on real teams\' histories is in the next section.',
  );
  return { tables: [forecastTable, charts, demoTable], notes };
}

function timeSync(fn: () => unknown, runs: number): number[] {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function freshDatabase(dialect: Dialect): Promise<{ handle: DatabaseHandle; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-bench-delivery-'));
    const handle = openDatabase({ sqliteFile: path.join(dir, 'ordo.db') });
    await migrateToLatest(handle.db, 'sqlite');
    return {
      handle,
      drop: async () => {
        await handle.close().catch(() => {});
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `ordo_bench_delivery_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const handle = openDatabase({ databaseUrl: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), poolSize: 4 });
  await migrateToLatest(handle.db, 'postgres');
  return {
    handle,
    drop: async () => {
      await handle.close().catch(() => {});
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A product whose items arrive over a year and flow To do → In progress → Review → Done with
 * realistic waits, written in bulk exactly as the item services would write them: the item row's
 * timestamps and one activity row per creation and per move.
 */
export async function generateHistory(handle: DatabaseHandle, dialect: Dialect, count: number) {
  const clock: Clock = { now: () => new Date() };
  const baseCtx: ServiceContext = { db: handle.db, dialect, clock, bus: new LocalEventBus() };
  const user = await createUser(baseCtx, {
    email: `flow-${Date.now()}@example.com`,
    name: 'Flow Owner',
    password: 'bench password 1',
    isAdmin: true,
  });
  const actor: Actor = { userId: user.id, name: user.name, isAdmin: true };
  await createProduct(baseCtx, actor, { key: 'FLOW', name: 'Flow' });
  const db = handle.db;
  const product = await db.selectFrom('products').selectAll().where('key', '=', 'FLOW').executeTakeFirstOrThrow();
  const states = Object.fromEntries(
    (await db.selectFrom('workflow_states').select(['id', 'name']).where('product_id', '=', product.id).execute()).map((s) => [
      s.name,
      s.id,
    ]),
  );
  const now = Date.now();
  const today = dayOf(new Date(now).toISOString());
  const start = now - 365 * DAY_MS;
  // Backdate the product so forecasts learn from the whole year.
  await db
    .updateTable('products')
    .set({ created_at: new Date(start - DAY_MS).toISOString() })
    .where('id', '=', product.id)
    .execute();
  const release = await createRelease(baseCtx, actor, 'FLOW', {
    name: 'Big release',
    targetDate: new Date(now + 60 * DAY_MS).toISOString().slice(0, 10),
  });
  const rng = new Random(7);
  const ranks = ranksBetween(null, null, count);
  const epics = Math.max(1, Math.round(count / 1000));
  const path = ['To do', 'In progress', 'Review', 'Done'] as const;
  let event = (await db.selectFrom('products').select('last_event').where('id', '=', product.id).executeTakeFirstOrThrow()).last_event;
  let activityRows = 0;
  await db.transaction().execute(async (trx) => {
    const activity: Array<Record<string, unknown>> = [];
    const epicIds: number[] = [];
    for (let first = 0; first < count; first += BATCH) {
      const batch = [];
      const journeys: Array<Array<{ state: string; at: number }>> = [];
      for (let i = first; i < Math.min(first + BATCH, count); i++) {
        const isEpic = i < epics;
        const created = start + Math.floor((i / count) * 365 * DAY_MS) + rng.int(3_600_000);
        // Older items are further along: most of the year's work is done, recent work is not.
        const age = (now - created) / DAY_MS;
        const steps = isEpic ? 0 : age > 30 ? (rng.chance(0.85) ? 4 : rng.int(4)) : rng.int(5);
        const journey = [{ state: 'Backlog', at: created }];
        let at = created + rng.int(10) * DAY_MS;
        for (let s = 0; s < steps; s++) {
          at += (s === 0 ? 0.2 : 0.3 + rng.next() * (s === 1 ? 6 : 2)) * DAY_MS;
          if (at >= now) break;
          journey.push({ state: path[s]!, at });
        }
        journeys.push(journey);
        const last = journey[journey.length - 1]!;
        const startedAt = journey.find((j) => j.state === 'In progress');
        const doneAt = last.state === 'Done' ? last : undefined;
        batch.push({
          product_id: product.id,
          number: i + 1,
          key: `FLOW-${i + 1}`,
          type: isEpic ? 'epic' : rng.pick(['story', 'story', 'story', 'bug', 'task', 'spike']),
          title: `Work item ${i + 1}`,
          description: '',
          state_id: states[last.state]!,
          rank: ranks[i]!,
          estimate: isEpic ? null : rng.pick([1, 2, 3, 5, 8]),
          labels: '[]',
          parent_id: !isEpic && epicIds.length ? rng.pick(epicIds) : null,
          release_id: !isEpic && i >= count - 2000 ? release.id : null,
          blocked: 0,
          blocked_seconds: 0,
          created_by: actor.userId,
          created_at: new Date(created).toISOString(),
          updated_at: new Date(last.at).toISOString(),
          state_entered_at: new Date(last.at).toISOString(),
          started_at: startedAt ? new Date(startedAt.at).toISOString() : null,
          done_at: doneAt ? new Date(doneAt.at).toISOString() : null,
          version: journey.length,
        });
      }
      const rows = await trx.insertInto('items').values(batch).returning(['id', 'key', 'type']).execute();
      rows.forEach((row, j) => {
        if (row.type === 'epic') epicIds.push(row.id);
        const journey = journeys[j]!;
        activity.push(
          row_(
            product.id,
            ++event,
            actor.userId,
            row.id,
            'created',
            null,
            { key: row.key, type: row.type, stateId: states.Backlog, state: 'Backlog' },
            journey[0]!.at,
          ),
        );
        for (let s = 1; s < journey.length; s++) {
          const from = journey[s - 1]!.state;
          const to = journey[s]!.state;
          activity.push(
            row_(
              product.id,
              ++event,
              actor.userId,
              row.id,
              'moved',
              { stateId: states[from], state: from },
              { stateId: states[to], state: to },
              journey[s]!.at,
            ),
          );
        }
      });
      while (activity.length >= BATCH) {
        activityRows += BATCH;
        await trx
          .insertInto('activity')
          .values(activity.splice(0, BATCH) as never)
          .execute();
      }
    }
    activityRows += activity.length;
    if (activity.length)
      await trx
        .insertInto('activity')
        .values(activity.splice(0) as never)
        .execute();
    await trx
      .updateTable('products')
      .set({ last_event: event, next_item_number: count + 1 })
      .where('id', '=', product.id)
      .execute();
  });
  // What autovacuum would have done by now: statistics, and the visibility map index-only scans need.
  if (dialect === 'postgres') await (await import('kysely')).sql`VACUUM ANALYZE`.execute(db);
  const day = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
  return {
    ctx: baseCtx,
    baseCtx,
    actor,
    releaseId: release.id,
    epicKey: `FLOW-1`,
    activityRows,
    today: day(today),
    yearAgo: day(today - 364),
  };
}

function row_(productId: number, n: number, actorId: number, itemId: number, action: string, before: unknown, after: unknown, at: number) {
  return {
    product_id: productId,
    event_number: n,
    actor_id: actorId,
    entity_type: 'item',
    entity_id: itemId,
    item_id: itemId,
    action,
    before: before ? JSON.stringify(before) : null,
    after: JSON.stringify(after),
    created_at: new Date(at).toISOString(),
  };
}
