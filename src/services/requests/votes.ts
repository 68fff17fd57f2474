import type { TRequest } from '../../contract/requests.js';
import { AppError, forbidden } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import { mutate, type ActivityInput, type Actor, type ServiceContext, type TxContext } from '../context.js';
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

type RequestSupportActivity = DistributiveOmit<
  Extract<ActivityInput, { entityType: 'request'; action: 'voted' | 'unvoted' | 'customer_added' }>,
  'productId' | 'actorId' | 'entityType' | 'entityId' | 'itemId'
>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * What every change to a request's support shares: the caller may vote, the request is open, the
 * change is written (`write` answers false when there was nothing to change: a 409 saying
 * `conflict`), the request and its item recount, and the activity records it.
 */
async function changeSupport(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  change: {
    /** what a role without `request.vote` is told it cannot do */
    refused: string;
    write: (tx: TxContext) => Promise<boolean>;
    conflict: string;
    /** what the activity records: the action (and what it added) */
    activity: RequestSupportActivity;
  },
): Promise<TRequest> {
  const { request, role, product } = await requireRequest(ctx, actor, id);
  if (!can(role, 'request.vote')) throw forbidden(`A ${role} cannot ${change.refused}`);
  requireOpen(request);
  await mutate(ctx, { productId: product.id }, async (tx) => {
    if (!(await change.write(tx))) throw new AppError('conflict', change.conflict);
    await recountRequests(tx.db, [id]);
    await recountItems(tx.db, [request.item_id]);
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'request',
      entityId: id,
      itemId: request.item_id,
      ...change.activity,
    });
  });
  return loadRequest(ctx.db, id, actor.userId);
}

/** One vote per person; a second is a 409. The item it is linked to counts the voter once. */
export function voteForRequest(ctx: ServiceContext, actor: Actor, id: number): Promise<TRequest> {
  return changeSupport(ctx, actor, id, {
    refused: 'vote for requests',
    conflict: 'You have already voted for this request',
    activity: { action: 'voted' },
    write: async (tx) => {
      const added = await tx.db
        .insertInto('request_votes')
        .values({ request_id: id, user_id: actor.userId, created_at: tx.clock.now().toISOString() })
        .onConflict((oc) => oc.columns(['request_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(added.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  });
}

/** Withdraws the caller's vote; without one it is a 409. */
export function withdrawVote(ctx: ServiceContext, actor: Actor, id: number): Promise<TRequest> {
  return changeSupport(ctx, actor, id, {
    refused: 'vote for requests',
    conflict: 'You have not voted for this request',
    activity: { action: 'unvoted' },
    write: async (tx) => {
      const gone = await tx.db
        .deleteFrom('request_votes')
        .where('request_id', '=', id)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      return Number(gone.numDeletedRows) === 1;
    },
  });
}

/** "+ customer": another customer or segment wants it; naming one already there is a 409. */
export function addRequestCustomer(ctx: ServiceContext, actor: Actor, id: number, customer: string): Promise<TRequest> {
  return changeSupport(ctx, actor, id, {
    refused: 'add customers to requests',
    conflict: `${customer} is already on this request`,
    activity: { action: 'customer_added', after: { customer } },
    write: async (tx) => {
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
      return Number(added.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  });
}
