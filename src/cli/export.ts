import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../services/context.js';
import { exportProduct } from '../services/exports/export-product.js';
import type { Config } from './config.js';
import { openRuntime } from './runtime.js';

/** The command line runs with the database's full authority, as an admin would. */
const CLI_ACTOR: Actor = { userId: 0, name: 'ordo', isAdmin: true };

/** Registers `ordo export --product KEY --format json|csv [--out FILE]`. */
export function exportCommand(
  program: Command,
  withDb: (cmd: Command) => Command,
  configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config,
) {
  withDb(program.command('export').description('write a product as an Ordo export (JSON, everything) or its items as CSV'))
    .requiredOption('--product <KEY>', 'the product to export')
    .option('--format <format>', 'json (everything; `ordo import ordo` reads it back) or csv (one row per item)', 'json')
    .option('--out <file>', 'where to write it (default: standard output)')
    .action(async (opts) => {
      const format = String(opts.format);
      if (format !== 'json' && format !== 'csv') throw new AppError('validation', '--format: must be json or csv');
      const runtime = await openRuntime(configFrom(opts));
      try {
        const file = await exportProduct(runtime.ctx, CLI_ACTOR, { key: String(opts.product).toUpperCase(), format });
        if (!opts.out) {
          await pipeline(file.body, process.stdout, { end: false });
          return;
        }
        // Written beside the target and renamed when whole, so a failed export leaves no half file.
        const target = path.resolve(String(opts.out));
        const partial = `${target}.partial`;
        try {
          await pipeline(file.body, fs.createWriteStream(partial));
          fs.renameSync(partial, target);
        } catch (e) {
          fs.rmSync(partial, { force: true });
          throw e;
        }
        console.error(`Wrote ${target} (${fs.statSync(target).size} bytes)`);
      } finally {
        await runtime.close();
      }
    });
}
