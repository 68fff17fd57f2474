import { buildApp } from '../http/app.js';
import { issueSetupToken } from '../services/auth/setup.js';
import { outboxHandlers } from '../services/outbox-handlers.js';
import { OutboxWorker } from '../services/outbox-worker.js';
import { createMailer } from '../services/notifications/mailer.js';
import type { Config } from './config.js';
import { openRuntime } from './runtime.js';

export async function serve(config: Config) {
  const runtime = await openRuntime(config);
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
  });
  const address = await app.listen({ port: config.port, host: config.host });
  // Work left in the outbox (by this process before a crash, or by a CLI command) starts now.
  const worker = new OutboxWorker(runtime.ctx, outboxHandlers(runtime.ctx), {
    log: (message, fields) => app.log.warn(fields, message),
    leaseMs: config.outboxLeaseMs,
  });
  runtime.ctx.outbox = worker;
  worker.start();
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
  if (setupToken) {
    console.log(`\nFirst run: open ${url}/setup and create the admin with this one-time setup token:\n\n    ${setupToken}\n`);
  }
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await worker.stop();
    mailer?.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return { app, runtime, url, worker };
}
