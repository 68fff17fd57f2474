import type { Command } from 'commander';
import type { TForecastBacktest } from '../contract/forecasts.js';
import { AppError } from '../domain/errors.js';
import { DEFAULT_WINDOW_DAYS } from '../domain/forecast.js';
import { CALIBRATION_INTERVAL } from '../domain/forecast-backtest.js';
import type { Actor } from '../services/context.js';
import { backtestProduct } from '../services/forecasts.js';
import type { Config } from './config.js';
import { openRuntime } from './runtime.js';

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

/**
 * The table `ordo forecast-backtest` prints: per question, how often each percent's date held,
 * with an interval, then each question's summary in words.
 */
export function describeBacktest(r: TForecastBacktest): string {
  const width = Math.max(16, ...r.horizons.map((h) => h.scope.length));
  const cell = (hit: TForecastBacktest['horizons'][number]['hits'][number]) =>
    (hit.rate === null ? '–' : `${percent(hit.rate)} (${percent(hit.low)}–${percent(hit.high)})`).padEnd(18);
  const lines = [
    `How good have ${r.productKey}'s forecasts been? ${r.convention}`,
    ...(r.note ? [r.note] : []),
    '',
    `Share of forecasts whose date held, with a ${Math.round(CALIBRATION_INTERVAL * 100)} % interval (a well-calibrated forecast holds about 50, 70, 85 and 95 %):`,
    '',
    `${'question'.padEnd(width)}  judged  ${['50 % date', '70 % date', '85 % date', '95 % date'].map((h) => h.padEnd(18)).join('')}`,
  ];
  for (const h of r.horizons) {
    const judged = h.hits.find((x) => x.percent === 85)?.judged ?? 0;
    lines.push(`${h.scope.padEnd(width)}  ${String(judged).padStart(6)}  ${h.hits.map(cell).join('')}`.trimEnd());
  }
  if (r.horizons.length === 0) lines.push('(no forecasts yet: nothing was finished in the period)');
  lines.push('', ...r.horizons.map((h) => `${h.scope}: ${h.summary}`));
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
      .description("replay a product's last year: how often did the real outcome beat the forecast's 50, 70, 85 and 95 % dates?"),
  )
    .requiredOption('--product <KEY>', 'the product to replay')
    .option('--window <days>', 'days of throughput each forecast learns from', String(DEFAULT_WINDOW_DAYS))
    .option('--json', 'print the answer of GET /api/products/KEY/forecast-backtest instead of the table')
    .action(async (opts) => {
      const runtime = await openRuntime(configFrom(opts));
      try {
        const windowDays = Number(opts.window);
        if (!Number.isInteger(windowDays) || windowDays < 7 || windowDays > 730)
          throw new AppError('validation', '--window: must be a whole number of days from 7 to 730');
        const result = await backtestProduct(runtime.ctx, CLI_ACTOR, String(opts.product).toUpperCase(), { windowDays });
        console.log(opts.json ? JSON.stringify(result, null, 2) : describeBacktest(result));
      } finally {
        await runtime.close();
      }
    });
}

/** The command line runs with the database's full authority, as an admin would. */
const CLI_ACTOR: Actor = { userId: 0, name: 'ordo', isAdmin: true };
