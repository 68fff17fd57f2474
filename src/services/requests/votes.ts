import type { TRequest } from '../../contract/requests.js';
import { AppError, forbidden } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { recountItems, recountRequests } from './counters.js';
import { requireRequest } from './create-request.js';
import { customerKey, loadRequest, type RequestRow } from './present-request.js';

/** Only new and linked requests gather votes and customers; a merged one sends people to where it went. */
function requireOpen(request: RequestRow) {
  if (request.state === 'merged')
    throw new AppError(
      'conflict',
      `This request was merged into request ${request.merged_into_id} (“${request.target_title}”); vote there`,
    );
  if (request.state === 'declined') throw new AppError('conflict', `This request was declined: ${request.decline_reason}`);
}

/** One vote per person; a second is a 409. The item it is linked to counts the voter once. */
export async function voteForRequest(ctx: ServiceContext, actor: Actor, id: number): Promise<TRequest> {
  const { request, role, product } = await requireRequest(ctx, actor, id);
  if (!can(role, 'request.vote')) throw forbidden(`A ${role} cannot vote for requests`);
  requireOpen(request);
  await mutate(ctx, async (tx) => {
    const added = await tx.db
      .insertInto('request_votes')
      .values({ request_id: id, user_id: actor.userId, created_at: tx.clock.now().toISOString() })
      .onConflict((oc) => oc.columns(['request_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('conflict', 'You have already voted for this request');
    await recountRequests(tx.db, [id]);
    await recountItems(tx.db, [request.item_id]);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'request',
      entityId: id,
      itemId: request.item_id,
      action: 'voted',
    });
  });
  return loadRequest(ctx.db, id, actor.userId);
}

/** Withdraws the caller's vote; without one it is a 409. */
export async function withdrawVote(ctx: ServiceContext, actor: Actor, id: number): Promise<TRequest> {
  const { request, role, product } = await requireRequest(ctx, actor, id);
  if (!can(role, 'request.vote')) throw forbidden(`A ${role} cannot vote for requests`);
  requireOpen(request);
  await mutate(ctx, async (tx) => {
    const gone = await tx.db
      .deleteFrom('request_votes')
      .where('request_id', '=', id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) !== 1) throw new AppError('conflict', 'You have not voted for this request');
    await recountRequests(tx.db, [id]);
    await recountItems(tx.db, [request.item_id]);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'request',
      entityId: id,
      itemId: request.item_id,
      action: 'unvoted',
    });
  });
  return loadRequest(ctx.db, id, actor.userId);
}

/** "+ customer": another customer or segment wants it; naming one already there is a 409. */
export async function addRequestCustomer(ctx: ServiceContext, actor: Actor, id: number, customer: string): Promise<TRequest> {
  const { request, role, product } = await requireRequest(ctx, actor, id);
  if (!can(role, 'request.vote')) throw forbidden(`A ${role} cannot add customers to requests`);
  requireOpen(request);
  await mutate(ctx, async (tx) => {
    const added = await tx.db
      .insertInto('request_customers')
      .values({
        request_id: id,
        customer_key: customerKey(customer),
        customer,
        added_by: actor.userId,
        created_at: tx.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['request_id', 'customer_key']).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('conflict', `${customer} is already on this request`);
    await recountRequests(tx.db, [id]);
    await recountItems(tx.db, [request.item_id]);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'request',
      entityId: id,
      itemId: request.item_id,
      action: 'customer_added',
      after: { customer },
    });
  });
  return loadRequest(ctx.db, id, actor.userId);
}
