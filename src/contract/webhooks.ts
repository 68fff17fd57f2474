import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZId, ZPageQuery, ZProductParams, page } from './common.js';

/**
 * What a webhook can ask for: each entity of the activity log with its actions. A webhook lists
 * kinds as `item.moved`, or `item.*` for every action of an entity. (test/integration/webhooks.test.ts
 * checks this list against the typed log in activity.ts, so a new action cannot be missed.)
 */
export const WEBHOOK_EVENTS = {
  item: ['created', 'updated', 'moved', 'deleted', 'restored'],
  comment: ['created', 'updated', 'deleted'],
  criterion: ['created', 'updated', 'accepted', 'unaccepted', 'reordered', 'deleted'],
  link: ['created', 'deleted'],
  sprint: ['created', 'updated', 'deleted', 'started', 'closed'],
  release: ['created', 'updated', 'deleted'],
  product: ['created', 'updated', 'archived', 'restored'],
  member: ['added', 'role_changed', 'removed'],
  state: ['created', 'updated', 'deleted'],
  question: ['created', 'answered'],
  decision: ['created', 'superseded'],
  request: ['created', 'voted', 'unvoted', 'customer_added', 'linked', 'merged', 'declined'],
  webhook: ['created', 'deleted'],
  status_update: ['drafted', 'edited', 'published', 'corrected'],
  share_link: ['created', 'revoked'],
} as const;

/** The header a delivery's signature travels in: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Ordo-Signature';

const isEventKind = (s: string) => {
  const [entity, action] = s.split('.');
  const actions = (WEBHOOK_EVENTS as Record<string, readonly string[]>)[entity ?? ''];
  return !!actions && (action === '*' || actions.includes(action ?? ''));
};

export const ZWebhookEventKind = z
  .string()
  .max(60)
  .refine(isEventKind, 'must be an event kind such as item.moved, or item.* for all of an entity');

export const ZWebhook = z.object({
  id: z.number(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  /** the start of the secret, to tell webhooks apart; the whole secret is shown once */
  secretHint: z.string(),
  failureCount: z.number(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
  /** the last delivery's status, if any */
  lastDelivery: z.object({ status: z.string(), at: z.string() }).nullable(),
});
export type TWebhook = z.infer<typeof ZWebhook>;

export const ZWebhookCreated = ZWebhook.extend({
  /** the signing secret, shown only in this answer */
  secret: z.string(),
});
export type TWebhookCreated = z.infer<typeof ZWebhookCreated>;

export const ZCreateWebhookRequest = z.strictObject({
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters'),
  events: z.array(ZWebhookEventKind).min(1, 'choose at least one event').max(100),
});

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const;

export const ZWebhookDelivery = z.object({
  id: z.number(),
  webhookId: z.number(),
  event: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  responseStatus: z.number().nullable(),
  durationMs: z.number().nullable(),
  responseExcerpt: z.string().nullable(),
  redeliveryOf: z.number().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  /** the JSON body as sent */
  payload: z.string(),
});
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;

const ZWebhookParams = z.object({ key: ZProductParams.shape.key, id: ZId });
const ZDeliveryParams = z.object({ id: ZId, deliveryId: ZId });

export const webhooksEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/products/{key}/webhooks',
    tag: 'webhooks',
    summary: "The product's webhooks, with each one's last delivery (secrets are never shown again)",
    params: ZProductParams,
    response: page(ZWebhook),
    errors: [403, 404],
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/products/{key}/webhooks',
    tag: 'webhooks',
    summary:
      'Register a URL for event kinds. Each event is POSTed as JSON, signed in the `Ordo-Signature` header with the secret ' +
      'this answer shows once. URLs resolving to loopback, private or link-local addresses are refused (422).',
    params: ZProductParams,
    body: ZCreateWebhookRequest,
    response: ZWebhookCreated,
    status: 201,
    errors: [403, 404, 422],
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/api/products/{key}/webhooks/{id}',
    tag: 'webhooks',
    summary: 'Remove a webhook and its delivery log; deliveries not yet sent are dropped',
    params: ZWebhookParams,
    errors: [403, 404],
  }),
  deliveries: endpoint({
    method: 'GET',
    path: '/api/webhooks/{id}/deliveries',
    tag: 'webhooks',
    summary: "A webhook's deliveries, newest first: status, attempts, the last response's status, duration and excerpt",
    params: z.object({ id: ZId }),
    query: ZPageQuery,
    response: page(ZWebhookDelivery),
    errors: [403, 404],
  }),
  redeliver: endpoint({
    method: 'POST',
    path: '/api/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    tag: 'webhooks',
    summary: 'Send a delivery again now, as a new delivery with the same body; turns a disabled webhook back on',
    params: ZDeliveryParams,
    response: ZWebhookDelivery,
    status: 201,
    errors: [403, 404],
  }),
};
