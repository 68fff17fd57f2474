import type { TCreateRequestRequest, TRequest } from '../../contract/requests.js';
import { notFound } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { clip } from '../mentions.js';
import { notify } from '../notifications/notify.js';
import { productOwnerIds } from '../questions/ask-question.js';
import { recountRequests } from './counters.js';
import { customerKey, loadRequest, requestQuery } from './present-request.js';

/**
 * Submits a request for a customer or segment. A stakeholder's own vote counts at once; an owner
 * filing on a customer's behalf does not vote. The product's owners are told a request arrived.
 */
export async function createRequest(
  ctx: ServiceContext,
  actor: Actor,
  productKey: string,
  input: TCreateRequestRequest,
): Promise<TRequest> {
  const { product, role } = await requireProduct(ctx.db, actor, { key: productKey }, 'request.create');
  const onBehalf = can(role, 'request.triage');
  const id = await mutate(ctx, { productId: product.id }, async (tx) => {
    const now = tx.clock.now().toISOString();
    const row = await tx.db
      .insertInto('requests')
      .values({
        product_id: product.id,
        title: input.title,
        description: input.description ?? '',
        customer: input.customer,
        impact: input.impact,
        link: input.link ?? null,
        requester_id: actor.userId,
        state: 'new',
        item_id: null,
        merged_into_id: null,
        decline_reason: null,
        triaged_by: null,
        triaged_at: null,
        shipped_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db
      .insertInto('request_customers')
      .values({
        request_id: row.id,
        customer_key: customerKey(input.customer),
        customer: input.customer,
        added_by: actor.userId,
        created_at: now,
      })
      .execute();
    if (!onBehalf) await tx.db.insertInto('request_votes').values({ request_id: row.id, user_id: actor.userId, created_at: now }).execute();
    await recountRequests(tx.db, [row.id]);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'request',
      entityId: row.id,
      action: 'created',
      after: { title: input.title, customer: input.customer, impact: input.impact },
    });
    await notify(tx, {
      kind: 'request_submitted',
      recipientIds: await productOwnerIds(tx.db, product.id),
      productId: product.id,
      actorId: actor.userId,
      title: `${actor.name} submitted a request for ${input.customer}: ${input.title}`,
      body: clip(input.description ?? ''),
      link: `/p/${product.key}/requests?request=${row.id}`,
      entity: { type: 'request', id: row.id },
    });
    return row.id;
  });
  return loadRequest(ctx.db, id, actor.userId);
}

/** A request with the caller's role on its product (404 without one). */
export async function requireRequest(ctx: ServiceContext, actor: Actor, id: number) {
  const row = await requestQuery(ctx.db, actor.userId).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Request ${id}`);
  const access = await requireProduct(ctx.db, actor, { id: row.product_id }, 'product.read').catch((e) => {
    if (e?.code === 'not_found') throw notFound(`Request ${id}`);
    throw e;
  });
  return { request: row, ...access };
}
