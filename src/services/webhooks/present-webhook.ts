import type { TWebhook, TWebhookDelivery } from '../../contract/webhooks.js';
import type { WebhookDeliveryRow, WebhookRow } from '../../db/schema.js';

export function presentWebhook(w: WebhookRow, last: { status: string; created_at: string } | undefined): TWebhook {
  return {
    id: w.id,
    url: w.url,
    events: JSON.parse(w.events) as string[],
    active: w.active === 1,
    secretHint: `${w.secret.slice(0, 10)}…`,
    failureCount: w.failure_count,
    disabledAt: w.disabled_at,
    disabledReason: w.disabled_reason,
    createdAt: w.created_at,
    lastDelivery: last ? { status: last.status, at: last.created_at } : null,
  };
}

export function presentDelivery(d: WebhookDeliveryRow): TWebhookDelivery {
  return {
    id: d.id,
    webhookId: d.webhook_id,
    event: d.event,
    status: d.status as TWebhookDelivery['status'],
    attempts: d.attempts,
    nextAttemptAt: d.next_attempt_at,
    responseStatus: d.response_status,
    durationMs: d.duration_ms,
    responseExcerpt: d.response_excerpt,
    redeliveryOf: d.redelivery_of,
    createdAt: d.created_at,
    lastAttemptAt: d.last_attempt_at,
    payload: d.payload,
  };
}
