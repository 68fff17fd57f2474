import { forecastByThroughput } from '../src/domain/forecast.js';
import { forecastRelease } from '../src/services/forecasts.js';
import { agingReport } from '../src/services/reports/aging.js';
import { cumulativeFlowReport } from '../src/services/reports/cumulative-flow.js';
import { cycleTimeReport } from '../src/services/reports/cycle-time.js';
import { throughputReport } from '../src/services/reports/throughput.js';
import { generateDemo } from '../src/cli/demo.js';
import { describeBacktest } from '../src/cli/forecast-backtest.js';
import { backtestProduct } from '../src/services/forecasts.js';
import { freshDatabase } from '../test/support/database.js';
import { PG_ADMIN_URL } from './lib/fixture.js';
import { generateFlowHistory } from './lib/generate.js';
import { fmt, type BenchContext, type SectionResult, type Table } from './lib/report.js';

const FORECAST_TARGET_MS = 50;
const CHART_TARGET_MS = 200;
const RUNS = 7;

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
    const db = await freshDatabase(dialect, { prefix: 'ordo_bench_delivery', poolSize: 4, adminUrl: PG_ADMIN_URL });
    try {
      ctx.log(`[${dialect}] generating ${ctx.items.toLocaleString('en')} items with a year of history`);
      const t0 = performance.now();
      const world = await generateFlowHistory(db.handle, ctx.items);
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
      const demo = await generateDemo(world.ctx, { key: 'DEMO' });
      const demoSeconds = (performance.now() - t1) / 1000;
      const backtest = await backtestProduct(world.ctx, world.actor, demo.productKey);
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
