import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { AppError } from '../../domain/errors.js';
import { WEBHOOK_SIGNATURE_HEADER } from '../../contract/webhooks.js';
import { mutate, type ServiceContext } from '../context.js';
import { notify } from '../notifications/notify.js';
import { PermanentJobError, type OutboxHandler } from '../outbox-worker.js';
import type { WebhookJob } from './enqueue-deliveries.js';
import { signatureHeader } from './sign.js';
import { checkWebhookUrl, type CheckedTarget } from './url-policy.js';

const HOUR_MS = 3_600_000;
/** A delivery is retried for a day; when it still fails, the webhook is turned off and its owners told. */
export const WEBHOOK_RETRY_FOR_MS = 24 * HOUR_MS;
/** 30 s, 1 min, 2 min, … doubling up to an hour between attempts: about 30 attempts in the day. */
export const webhookBackoffMs = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), HOUR_MS);
/** A receiver has this long to answer. */
const TIMEOUT_MS = 10_000;
/** How much of an answer the log keeps. */
const EXCERPT_CHARS = 500;

interface Answer {
  status: number | null;
  excerpt: string;
}

/**
 * POSTs `body` to the checked address, never following a redirect: node:http does not follow
 * them, and the lookup hands the socket the address the policy accepted whatever the name
 * resolves to now. TLS still verifies the certificate against the URL's host name.
 */
function post(target: CheckedTarget, headers: Record<string, string>, body: string): Promise<Answer> {
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as any)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      target.url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup, timeout: TIMEOUT_MS },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < EXCERPT_CHARS) text += chunk;
          else res.destroy();
        });
        const done = () => resolve({ status: res.statusCode ?? null, excerpt: text.slice(0, EXCERPT_CHARS) });
        res.on('end', done);
        res.on('close', done);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', (e) => resolve({ status: null, excerpt: e.message }));
    req.end(body);
  });
}

/** The outbox handler of `webhook` jobs: one attempt at one delivery, logged on the delivery. */
export function webhookHandler(ctx: ServiceContext): OutboxHandler<WebhookJob> {
  return {
    maxAttempts: 100,
    giveUpAfterMs: WEBHOOK_RETRY_FOR_MS,
    backoffMs: webhookBackoffMs,

    async handle({ deliveryId }, job) {
      const delivery = await ctx.db
        .selectFrom('webhook_deliveries')
        .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
        .select(['webhook_deliveries.id', 'webhook_deliveries.payload', 'webhook_deliveries.event'])
        .select(['webhooks.id as webhookId', 'webhooks.url', 'webhooks.secret', 'webhooks.active'])
        .where('webhook_deliveries.id', '=', deliveryId)
        .executeTakeFirst();
      if (!delivery) throw new PermanentJobError('the webhook was removed');
      if (!delivery.active) throw new PermanentJobError('the webhook is turned off');

      const started = performance.now();
      const now = ctx.clock.now();
      let answer: Answer;
      try {
        const target = await checkWebhookUrl(delivery.url);
        const t = Math.floor(now.getTime() / 1000);
        answer = await post(
          target,
          {
            'content-type': 'application/json',
            'user-agent': 'Ordo-Webhooks/1',
            [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(delivery.secret, t, delivery.payload),
            'Ordo-Event': delivery.event,
            'Ordo-Delivery': String(delivery.id),
          },
          delivery.payload,
        );
      } catch (e) {
        // The policy refused the address it resolves to now: trying again cannot help.
        if (e instanceof AppError && e.code === 'rule_violation') {
          await logAttempt(
            ctx,
            delivery.id,
            job.attempt,
            { status: null, excerpt: `refused: the URL ${e.message.replace(/^url: /, '')}` },
            0,
            null,
          );
          throw new PermanentJobError(`the URL ${e.message}`);
        }
        answer = { status: null, excerpt: e instanceof Error ? e.message : String(e) };
      }
      const ms = Math.round(performance.now() - started);
      const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
      const retryAt = ok ? null : new Date(now.getTime() + webhookBackoffMs(job.attempt));
      await logAttempt(ctx, delivery.id, job.attempt, answer, ms, ok ? 'delivered' : 'retrying', retryAt);
      await ctx.db
        .updateTable('webhooks')
        .set((eb) => ({ failure_count: ok ? 0 : eb('failure_count', '+', 1) }))
        .where('id', '=', delivery.webhookId)
        .execute();
      if (!ok)
        throw new Error(
          answer.status === null
            ? `no answer: ${answer.excerpt}`
            : answer.status >= 300 && answer.status < 400
              ? `answered ${answer.status} (redirects are not followed)`
              : `answered ${answer.status}`,
        );
    },

    async onGiveUp({ deliveryId }, error) {
      await mutate(ctx, async (tx) => {
        const delivery = await tx.db
          .updateTable('webhook_deliveries')
          .set({ status: 'failed', next_attempt_at: null })
          .where('id', '=', deliveryId)
          .returning('webhook_id')
          .executeTakeFirst();
        if (!delivery) return;
        const hook = await tx.db
          .selectFrom('webhooks')
          .innerJoin('products', 'products.id', 'webhooks.product_id')
          .select(['webhooks.id', 'webhooks.url', 'webhooks.active', 'products.id as productId', 'products.key', 'products.name'])
          .where('webhooks.id', '=', delivery.webhook_id)
          .executeTakeFirst();
        if (!hook?.active) return;
        const reason = `A delivery failed for a day: ${error}`;
        await tx.db
          .updateTable('webhooks')
          .set({ active: 0, disabled_at: tx.clock.now().toISOString(), disabled_reason: reason })
          .where('id', '=', hook.id)
          .execute();
        const owners = await tx.db
          .selectFrom('memberships')
          .select('user_id')
          .where('product_id', '=', hook.productId)
          .where('role', 'in', ['owner', 'lead'])
          .execute();
        const host = new URL(hook.url).host;
        await notify(tx, {
          kind: 'webhook_disabled',
          recipientIds: owners.map((o) => o.user_id),
          productId: hook.productId,
          actorId: null,
          title: `A webhook of ${hook.name} was turned off: ${host} kept failing`,
          body: `${reason}. Fix the receiver, then redeliver a failed delivery from the product settings to turn it back on.`,
          link: `/p/${hook.key}/settings#webhooks`,
          entity: { type: 'webhook', id: hook.id },
        });
      });
    },
  };
}

async function logAttempt(
  ctx: ServiceContext,
  id: number,
  attempt: number,
  answer: Answer,
  ms: number,
  status: 'delivered' | 'retrying' | null,
  retryAt: Date | null = null,
) {
  await ctx.db
    .updateTable('webhook_deliveries')
    .set({
      attempts: attempt,
      response_status: answer.status,
      response_excerpt: answer.excerpt,
      duration_ms: ms,
      last_attempt_at: ctx.clock.now().toISOString(),
      next_attempt_at: retryAt ? retryAt.toISOString() : null,
      ...(status ? { status } : {}),
    })
    .where('id', '=', id)
    .execute();
}
