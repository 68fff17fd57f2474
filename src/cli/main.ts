#!/usr/bin/env node
import { Command } from 'commander';
import { loadConfig } from './config.js';
import { openRuntime } from './runtime.js';
import { serve } from './serve.js';
import { createUser, listUsers, resetPassword } from '../services/users.js';
import { AppError } from '../domain/errors.js';
import { backupCommands } from './backup.js';
import { demoCommand } from './demo.js';
import { backtestCommand } from './forecast-backtest.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';

const program = new Command();
program.name('ordo').description("Ordo, the product owner's workbench").version('0.1.0');

const withDb = (cmd: Command) =>
  cmd
    .option('--data-dir <dir>', 'where the SQLite database lives (env DATA_DIR, default ./data)')
    .option('--database-url <url>', 'postgres://… to use PostgreSQL (env DATABASE_URL)');

const configFrom = (opts: { dataDir?: string; databaseUrl?: string; port?: string; host?: string }) => {
  // --data-dir goes in before the defaults are worked out, so DATA_DIR/files follows it.
  const base = loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {});
  return {
    ...base,
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
    ...(opts.port ? { port: Number(opts.port) } : {}),
    ...(opts.host ? { host: opts.host } : {}),
  };
};

withDb(program.command('serve').description('start the web app and API'))
  .option('-p, --port <port>', 'port (env PORT, default 3000)')
  .option('--host <host>', 'interface to listen on (env HOST, default 127.0.0.1)')
  .action(async (opts) => {
    await serve(configFrom(opts));
  });

withDb(program.command('migrate').description('bring the database schema up to date')).action(async (opts) => {
  const runtime = await openRuntime(configFrom(opts));
  console.log(`Database schema is up to date (${runtime.handle.dialect}).`);
  await runtime.close();
});

const user = program.command('user').description('manage users');
withDb(user.command('add').description('create a user'))
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--password <password>')
  .option('--admin', 'make the user a workspace admin')
  .action(async (opts) => {
    const runtime = await openRuntime(configFrom(opts));
    try {
      const u = await createUser(runtime.ctx, { email: opts.email, name: opts.name, password: opts.password, isAdmin: !!opts.admin });
      console.log(`Created ${u.isAdmin ? 'admin ' : ''}${u.name} <${u.email}> (id ${u.id})`);
    } finally {
      await runtime.close();
    }
  });
withDb(user.command('list').description('list users')).action(async (opts) => {
  const runtime = await openRuntime(configFrom(opts));
  try {
    for (const u of await listUsers(runtime.ctx))
      console.log(`${String(u.id).padStart(4)}  ${u.email.padEnd(32)} ${u.name}${u.isAdmin ? '  (admin)' : ''}`);
  } finally {
    await runtime.close();
  }
});
withDb(user.command('reset-password').description("set a user's password; ends their sessions and revokes their API tokens"))
  .requiredOption('--email <email>')
  .requiredOption('--password <password>')
  .action(async (opts) => {
    const runtime = await openRuntime(configFrom(opts));
    try {
      await resetPassword(runtime.ctx, { email: opts.email, password: opts.password });
      console.log(`Password reset for ${opts.email}`);
    } finally {
      await runtime.close();
    }
  });

backupCommands(program, withDb, configFrom);
demoCommand(program, withDb, configFrom);
backtestCommand(program, withDb, configFrom);
exportCommand(program, withDb, configFrom);
importCommand(program, withDb, configFrom);

export { program, withDb, configFrom };

program.parseAsync(process.argv).catch((err) => {
  console.error(err instanceof AppError ? `ordo: ${err.message}` : err);
  process.exit(1);
});
