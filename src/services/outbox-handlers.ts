import type { ServiceContext } from './context.js';
import type { OutboxHandler } from './outbox-worker.js';
import { emailHandler } from './notifications/email-handler.js';
import { webhookHandler } from './webhooks/deliver-webhook.js';

/**
 * Every kind of outbox job a server process does, by kind. A feature that writes jobs with
 * `enqueueJob` adds its handler here; `ordo serve` runs them (src/cli/serve.ts).
 */
export function outboxHandlers(ctx: ServiceContext): Record<string, OutboxHandler> {
  return {
    // Without SMTP_URL no e-mail jobs are written; any left from before wait until it is set again.
    ...(ctx.mailer ? { email: emailHandler(ctx, ctx.mailer) } : {}),
    webhook: webhookHandler(ctx),
  };
}
