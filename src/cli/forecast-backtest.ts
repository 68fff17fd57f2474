import type { Command } from 'commander';
import { dayOf, isoDay } from '../domain/dates.js';
import { AppError } from '../domain/errors.js';
import { DEFAULT_WINDOW_DAYS, type BacktestCase } from '../domain/forecast.js';
import type { Actor } from '../services/context.js';
import { backtestProduct, type ProductBacktest } from '../services/forecasts.js';
import type { Config } from './config.js';
import { openRuntime } from './runtime.js';

/** Share of judged cases, as "12 of 20 (60 %)". */
function share(within: number, judged: number) {
  return judged ? `${within} of ${judged} (${Math.round((within / judged) * 100)} %)` : 'none judged yet';
}

/** Calibration of a set of cases: how often the real outcome fell on or before each date. */
export function calibration(cases: readonly BacktestCase[], to: number) {
  let judged = 0;
  let within50 = 0;
  let within85 = 0;
  for (const c of cases) {
    if (c.actual !== null) {
      judged++;
      if (c.p50 !== null && c.actual <= c.p50) within50++;
      if (c.p85 !== null && c.actual <= c.p85) within85++;
    } else if (c.p85 !== null && c.p85 < to) judged++;
  }
  return { judged, within50, within85 };
}

/** The table `ordo forecast-backtest` prints: every forecast, then calibration per kind of scope. */
export function describeBacktest(r: ProductBacktest, today: number): string {
  const date = (d: number | null) => (d === null ? '—' : isoDay(d));
  const width = Math.max(16, ...r.cases.map((c) => c.scope.length));
  const lines = [
    `Forecast backtest for ${r.productKey}: each week, forecast from the ${r.windowDays} days of throughput known then, and compare with what happened.`,
    r.note ?? 'No records dropped.',
    '',
    `${'scope'.padEnd(width)}  as of       left  50 %        85 %        done on     ≤50 %  ≤85 %`,
  ];
  for (const c of r.cases) {
    const hit = (p: number | null) =>
      c.actual === null ? (p !== null && p < today ? 'no' : '?') : p !== null && c.actual <= p ? 'yes' : 'no';
    lines.push(
      `${c.scope.padEnd(width)}  ${isoDay(c.asOf)}  ${String(c.remaining).padStart(4)}  ${date(c.p50).padEnd(10)}  ${date(c.p85).padEnd(10)}  ${date(c.actual).padEnd(10)}  ${hit(c.p50).padEnd(5)}  ${hit(c.p85)}`,
    );
  }
  const kinds = [...new Set(r.cases.map((c) => (c.scope.startsWith('next ') ? 'next N items' : c.scope)))];
  lines.push('', 'Calibration (a well-calibrated forecast: about 50 % and 85 %):');
  for (const kind of [...kinds, 'all']) {
    const cases = kind === 'all' ? r.cases : r.cases.filter((c) => (c.scope.startsWith('next ') ? 'next N items' : c.scope) === kind);
    const k = calibration(cases, today);
    lines.push(
      `  ${kind.padEnd(width)}  within 50 % date: ${share(k.within50, k.judged).padEnd(18)}  within 85 % date: ${share(k.within85, k.judged)}`,
    );
  }
  if (r.skippedNoHistory) lines.push(`  (${r.skippedNoHistory} forecasts skipped: no throughput yet)`);
  return lines.join('\n');
}

/** Registers `ordo forecast-backtest`. */
export function backtestCommand(
  program: Command,
  withDb: (cmd: Command) => Command,
  configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config,
) {
  withDb(
    program
      .command('forecast-backtest')
      .description("replay a product's history: how often did reality beat the forecast's 50 % and 85 % dates?"),
  )
    .requiredOption('--product <KEY>', 'the product to replay')
    .option('--window <days>', 'days of throughput each forecast learns from', String(DEFAULT_WINDOW_DAYS))
    .action(async (opts) => {
      const runtime = await openRuntime(configFrom(opts));
      try {
        const windowDays = Number(opts.window);
        if (!Number.isInteger(windowDays) || windowDays < 7)
          throw new AppError('validation', '--window: must be a whole number of days, 7 or more');
        const result = await backtestProduct(runtime.ctx, CLI_ACTOR, String(opts.product).toUpperCase(), { windowDays });
        console.log(describeBacktest(result, dayOf(runtime.ctx.clock.now().toISOString())));
      } finally {
        await runtime.close();
      }
    });
}

/** The command line runs with the database's full authority, as an admin would. */
const CLI_ACTOR: Actor = { userId: 0, name: 'ordo', isAdmin: true };
