import { buildApp } from '../http/app.js';
import { issueSetupToken } from '../services/auth/setup.js';
import { outboxHandlers } from '../services/outbox-handlers.js';
import { OutboxWorker } from '../services/outbox-worker.js';
import { startHousekeeping } from '../services/housekeeping.js';
import { createMailer } from '../services/notifications/mailer.js';
import type { Config } from './config.js';
import { openRuntime } from './runtime.js';
import { LocalEventBus } from '../realtime/bus.js';
import { SqliteForeignCommits } from '../realtime/sqlite-foreign-commits.js';
import { TEST_COST_VARIABLE } from '../services/passwords.js';

export async function serve(config: Config) {
  const runtime = await openRuntime(config, { server: true });
  // Before the first request, so every notification written knows whether e-mail is on.
  const mailer = config.smtpUrl
    ? createMailer({ smtpUrl: config.smtpUrl, smtpFrom: config.smtpFrom, publicUrl: config.publicUrl ?? '' })
    : undefined;
  runtime.ctx.mailer = mailer;
  const app = await buildApp({
    ctx: runtime.ctx,
    webDir: config.webDir,
    logger: { level: config.logLevel },
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    metricsToken: config.metricsToken,
    dbPool: runtime.handle.pool,
  });
  // SQLite: what a CLI command commits reaches this server's streams within a quarter second.
  const foreign =
    runtime.handle.sqlite && runtime.ctx.bus instanceof LocalEventBus
      ? new SqliteForeignCommits(runtime.handle.sqlite, runtime.handle.db, runtime.ctx.bus)
      : undefined;
  await foreign?.start();
  const address = await app.listen({ port: config.port, host: config.host });
  // Work left in the outbox (by this process before a crash, or by a CLI command) starts now.
  const worker = new OutboxWorker(runtime.ctx, outboxHandlers(runtime.ctx), {
    log: (message, fields) => app.log.warn(fields, message),
    leaseMs: config.outboxLeaseMs,
  });
  runtime.ctx.outbox = worker;
  worker.start();
  // Finished jobs, old webhook deliveries and expired sessions would otherwise only accumulate.
  const stopHousekeeping = startHousekeeping(runtime.ctx, (message, fields) => app.log.info(fields, message));
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  const where = runtime.handle.dialect === 'sqlite' ? `SQLite at ${runtime.handle.sqlitePath}` : 'PostgreSQL';
  const setupToken = await issueSetupToken(runtime.ctx);
  console.log(`\nOrdo is running at ${url}  (database: ${where})`);
  console.log(`API docs: ${url}/api/docs`);
  if (mailer) {
    if (!config.publicUrl) mailer.publicUrl = url;
    console.log(`E-mail: through ${mailer.describe}; links point to ${mailer.publicUrl}`);
    // Checked in the background: a mail server that is down must not keep Ordo from starting.
    void mailer.check().then((problem) => {
      if (problem) console.warn(`E-mail: ${problem}. E-mails wait in the outbox and are retried.`);
    });
  } else console.log('E-mail: off (set SMTP_URL to send notifications by e-mail)');
  if (process.env[TEST_COST_VARIABLE])
    console.warn(`Passwords: ${TEST_COST_VARIABLE} is set, so new password hashes are weak; unset it outside tests.`);
  if (setupToken) {
    console.log(`\nFirst run: open ${url}/setup and create the admin with this one-time setup token:\n\n    ${setupToken}\n`);
  }
  if (config.metricsToken) console.log(`Metrics: ${url}/metrics (Prometheus; send METRICS_TOKEN as a Bearer token)`);
  let closing = false;
  /**
   * SIGTERM (a deploy, a scale-down): stop accepting connections, tell event streams to reconnect
   * elsewhere (preClose in src/http/app.ts), let requests in flight finish, then exit; whatever is
   * still running after SHUTDOWN_GRACE_MS (8 s, inside the usual 10 s before a SIGKILL) is cut.
   */
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    setTimeout(() => {
      app.log.warn({ graceMs: config.shutdownGraceMs }, 'requests still in flight after the grace period; exiting anyway');
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    foreign?.stop();
    stopHousekeeping();
    await app.close();
    await worker.stop();
    mailer?.close();
    await runtime.close();
    app.log.info('shut down');
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return { app, runtime, url, worker };
}
