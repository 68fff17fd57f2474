import fs from 'node:fs';
import type { Command } from 'commander';
import type { TImportReport } from '../contract/imports.js';
import { ZProductKey } from '../contract/common.js';
import { AppError } from '../domain/errors.js';
import type { Actor, ServiceContext } from '../services/context.js';
import type { ImportFormat, ImportProgress } from '../services/imports/import-model.js';
import { importFile } from '../services/imports/import-jobs.js';
import { importOrdo, ordoFile } from '../services/imports/import-ordo.js';
import type { Config } from './config.js';
import { openRuntime } from './runtime.js';

/**
 * `ordo import jira|trello FILE --product KEY`: the same import as the web app's, run here with a
 * progress line. Returns the `import` command so other formats can add their subcommand to it.
 */
export function importCommand(
  program: Command,
  withDb: (cmd: Command) => Command,
  configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config,
): Command {
  const command = program.command('import').description('bring a backlog in from another tool (all or nothing)');
  const sub = (format: ImportFormat, what: string) =>
    withDb(command.command(`${format} <file>`).description(what))
      .requiredOption('--product <KEY>', 'the product to import into: a new key, or an existing product without items')
      .option('--name <name>', "a new product's name (default: the project's or board's)")
      .option('--dry-run', 'report what would be imported and write nothing')
      .option('--map-status <pair>', 'map a status or list: "Code Review=Review" (an Ordo state, or a category); repeatable', collect, [])
      .option('--as <email>', 'the user the import is done as (default: the first admin)')
      .option('--json', 'print the report as JSON');
  sub('jira', 'import a Jira "Export Excel CSV (all fields)" file').action(async (file: string, opts) => run('jira', file, opts));
  sub('trello', 'import a Trello board export (JSON)')
    .option('--archived <what>', 'archived cards: done (imported as done) or skip', 'done')
    .action(async (file: string, opts) => run('trello', file, opts));

  withDb(command.command('ordo').description('import an Ordo export (`ordo export --format json`) as a new product, all or nothing'))
    .argument('<file>', 'the export')
    .option('--product <KEY>', "the new product's key (default: the key in the file)")
    .action(async (fileName: string, opts) => {
      if (!fs.existsSync(fileName)) throw new AppError('validation', `${fileName}: no such file`);
      const runtime = await openRuntime(configFrom(opts));
      try {
        const report = await importOrdo(runtime.ctx, CLI_ACTOR, {
          file: ordoFile(fileName),
          key: opts.product ? String(opts.product).toUpperCase() : undefined,
        });
        console.log(
          `Imported ${report.productKey}: ${report.items} items, ${report.comments} comments, ${report.attachments} attachments, ` +
            `${report.activity} history rows; ` +
            `people: ${report.people.matched} matched by e-mail, ${report.people.created} created without a password ` +
            '(set one with `ordo user reset-password`).',
        );
      } finally {
        await runtime.close();
      }
    });

  async function run(format: ImportFormat, file: string, opts: Record<string, any>) {
    const key = String(opts.product).toUpperCase();
    if (!ZProductKey.safeParse(key).success) throw new AppError('validation', `--product: ${key} must be 2–10 capital letters or digits`);
    if (opts.archived !== undefined && opts.archived !== 'done' && opts.archived !== 'skip')
      throw new AppError('validation', '--archived: must be done or skip');
    const runtime = await openRuntime(configFrom(opts));
    try {
      const actor = await importer(runtime.ctx, opts.as);
      const progress = progressLine();
      const report = await importFile(
        runtime.ctx,
        actor,
        file,
        { productKey: key, format, dryRun: !!opts.dryRun, map: opts.mapStatus, name: opts.name, archived: opts.archived ?? 'done' },
        progress.update,
      ).finally(progress.end);
      console.log(opts.json ? JSON.stringify(report, null, 2) : describeReport(report, !!opts.dryRun));
    } catch (err) {
      if (err instanceof AppError) process.exitCode = 1;
      throw err;
    } finally {
      await runtime.close();
    }
  }
  return command;
}

/** An Ordo export carries its own people; the command line writes it with the database's full authority, as an admin would. */
const CLI_ACTOR: Actor = { userId: 0, name: 'ordo', isAdmin: true };

const collect = (value: string, previous: string[]) => [...previous, value];

/** Who the import is done as: the user named by --as, or the first admin. */
async function importer(ctx: ServiceContext, email: string | undefined): Promise<Actor> {
  let q = ctx.db.selectFrom('users').select(['id', 'name', 'is_admin']).where('disabled_at', 'is', null);
  q = email ? q.where('email', '=', email.trim().toLowerCase()) : q.where('is_admin', '=', 1).orderBy('id');
  const user = await q.executeTakeFirst();
  if (!user)
    throw new AppError('not_found', email ? `No active user ${email}` : 'No admin yet: create one with `ordo user add --admin` first');
  return { userId: user.id, name: user.name, isAdmin: !!user.is_admin };
}

function progressLine() {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(p: ImportProgress) {
      const now = Date.now();
      if (now - last < (tty ? 100 : 2000) && p.phase !== 'done') return;
      last = now;
      const share =
        p.phase === 'writing' ? Math.min(1, p.written / Math.max(1, p.toWrite)) : p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : 0;
      const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
      const text =
        p.phase === 'reading'
          ? `reading  [${bar}] ${p.read} read`
          : p.phase === 'writing'
            ? `writing  [${bar}] ${p.written} of ${p.toWrite} rows`
            : 'done';
      process.stderr.write(tty ? `\r${text.padEnd(70)}` : `${text}\n`);
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

/** The report as the CLI prints it. */
export function describeReport(r: TImportReport, dryRun: boolean): string {
  const c = r.counts;
  const lines = [
    `${dryRun ? 'Dry run: would import' : 'Imported'} into ${r.productKey} (${r.newProduct ? 'new product' : 'existing product'} "${r.productName}"):`,
    `  ${c.items} items, ${c.comments} comments, ${c.criteria} acceptance criteria, ${c.labels} labels, ${c.sprints} sprints, ${c.events} history events`,
    `  by type: ${r.byType.map((t) => `${t.type} ${t.items}`).join(', ')}`,
    `  by state: ${r.byState.map((s) => `${s.state} ${s.items}`).join(', ')}`,
    'States:',
    ...r.states.map((s) => `  ${s.source} → ${s.state} (${s.category}, by ${s.by})`),
    `People: ${c.matchedPeople} of ${c.people} matched to Ordo users`,
    ...r.people.map((p) => `  ${p.name} → ${p.user ? `${p.user.name} (by ${p.by})` : 'kept as text'}`),
  ];
  if (r.warningCount > 0) {
    lines.push(`Warnings (${r.warningCount}):`, ...r.warnings.map((w) => `  ${w.where}: ${w.message}`));
    if (r.warningCount > r.warnings.length) lines.push(`  … and ${r.warningCount - r.warnings.length} more`);
  }
  return lines.join('\n');
}
