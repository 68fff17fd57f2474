import type { RequestState, TRequest, TTriageRequest } from '../../contract/requests.js';
import { AppError, invalid } from '../../domain/errors.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext, type TxContext } from '../context.js';
import { writeItem } from '../items/create-item.js';
import { retryOnRankCollision } from '../items/retry-on-rank-collision.js';
import { clip } from '../mentions.js';
import { notify } from '../notifications/notify.js';
import { markEntityRead } from '../notifications/find-notifications.js';
import { recountItems, recountRequests } from './counters.js';
import { requireRequest } from './create-request.js';
import { loadRequest, type RequestRow } from './present-request.js';

/**
 * Triages a new request, once: links it to an item of its product, turns it into a new item
 * (title and description carried over), merges it into another request (its votes and customers
 * go along), or declines it with a reason. Items count the votes and customers of the requests
 * linked to them; the requester and the voters are told what became of it.
 */
export async function triageRequest(ctx: ServiceContext, actor: Actor, id: number, input: TTriageRequest): Promise<TRequest> {
  const { request, product } = await requireRequest(ctx, actor, id);
  const { role } = await requireProduct(ctx.db, actor, { id: product.id }, 'request.triage');
  if (request.state !== 'new') throw alreadyTriaged(request);

  let linkTo: { id: number; key: string; title: string } | null = null;
  if (input.action === 'link') {
    const item = await ctx.db
      .selectFrom('items')
      .select(['id', 'key', 'title', 'product_id', 'deleted_at'])
      .where('key', '=', input.itemKey!)
      .executeTakeFirst();
    if (!item || item.deleted_at) throw invalid('itemKey', `there is no item ${input.itemKey}`);
    if (item.product_id !== product.id)
      throw invalid(
        'itemKey',
        `${input.itemKey} is an item of another product; a request of ${product.key} links to an item of ${product.key}`,
      );
    linkTo = item;
  }
  let target: { id: number; title: string; state: string; item_id: number | null } | null = null;
  if (input.action === 'merge') {
    if (input.requestId === id) throw invalid('requestId', 'a request cannot be merged into itself');
    target =
      (await ctx.db
        .selectFrom('requests')
        .select(['id', 'title', 'state', 'item_id', 'product_id'])
        .where('id', '=', input.requestId!)
        .where('product_id', '=', product.id)
        .executeTakeFirst()) ?? null;
    if (!target) throw invalid('requestId', `request ${input.requestId} is not a request of ${product.key}`);
    if (target.state === 'merged' || target.state === 'declined')
      throw new AppError('rule_violation', `Request ${target.id} was ${target.state}; merge into a request that is new or linked`);
  }

  await retryOnRankCollision(() =>
    mutate(ctx, { productId: product.id }, async (tx) => {
      const now = tx.clock.now().toISOString();
      const set: Record<string, unknown> = { triaged_by: actor.userId, triaged_at: now, updated_at: now };
      let outcome: string;
      let itemId: number | null = null;
      if (input.action === 'link') {
        Object.assign(set, { state: 'linked', item_id: linkTo!.id });
        itemId = linkTo!.id;
        outcome = `was linked to ${linkTo!.key} ${linkTo!.title}`;
      } else if (input.action === 'create') {
        const item = await writeItem(tx, actor, product, role, { title: request.title, description: describe(request), type: 'story' });
        const created = await tx.db.selectFrom('items').select('id').where('key', '=', item.key).executeTakeFirstOrThrow();
        Object.assign(set, { state: 'linked', item_id: created.id });
        itemId = created.id;
        outcome = `became ${item.key} on the backlog`;
      } else if (input.action === 'merge') {
        Object.assign(set, { state: 'merged', merged_into_id: target!.id });
        await carryOver(tx, id, target!.id);
        outcome = `was merged into “${target!.title}”`;
      } else {
        Object.assign(set, { state: 'declined', decline_reason: input.reason });
        outcome = `was declined: ${input.reason}`;
      }
      const updated = await tx.db.updateTable('requests').set(set).where('id', '=', id).where('state', '=', 'new').executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw alreadyTriaged(null);
      if (target) {
        await recountRequests(tx.db, [target.id]);
        await recountItems(tx.db, [target.item_id]);
      }
      await recountItems(tx.db, [itemId]);
      await tx.record({
        productId: product.id,
        actorId: actor.userId,
        entityType: 'request',
        entityId: id,
        itemId: itemId ?? target?.item_id ?? null,
        action: input.action === 'create' || input.action === 'link' ? 'linked' : input.action === 'merge' ? 'merged' : 'declined',
        before: { state: 'new' },
        after: {
          state: set.state as RequestState,
          itemId,
          created: input.action === 'create',
          mergedInto: target?.id ?? null,
          reason: input.reason ?? null,
        },
      });
      await tellRequesterAndVoters(tx, {
        requestIds: [id],
        productId: product.id,
        actor,
        title: `Your request “${clip(request.title, 80)}” ${outcome}`,
        body: input.action === 'decline' ? (input.reason ?? '') : '',
        link: itemId !== null ? `/p/${product.key}/items/${await keyOf(tx, itemId)}` : `/p/${product.key}/requests?request=${id}`,
        entity: { type: 'request', id },
      });
      await markEntityRead(tx, actor.userId, { type: 'request', id });
    }),
  );
  return loadRequest(ctx.db, id, actor.userId);
}

/** The request's words, carried into the item it becomes, with whom it is for. */
function describe(r: RequestRow): string {
  const lines = [r.description.trim(), '', `Requested for ${r.customer} (impact: ${r.impact}) by ${r.requester_name}.`];
  if (r.link) lines.push(`Link: ${r.link}`);
  return lines.join('\n').trim();
}

/** A merged request's votes and customers join the request it was merged into (each person and customer once). */
async function carryOver(tx: TxContext, from: number, to: number) {
  await tx.db
    .insertInto('request_votes')
    .columns(['request_id', 'user_id', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('request_votes')
        .select((e) => [e.val(to).as('request_id'), 'user_id', 'created_at'])
        .where('request_id', '=', from),
    )
    .onConflict((oc) => oc.columns(['request_id', 'user_id']).doNothing())
    .execute();
  await tx.db
    .insertInto('request_customers')
    .columns(['request_id', 'customer_key', 'customer', 'added_by', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('request_customers')
        .select((e) => [e.val(to).as('request_id'), 'customer_key', 'customer', 'added_by', 'created_at'])
        .where('request_id', '=', from),
    )
    .onConflict((oc) => oc.columns(['request_id', 'customer_key']).doNothing())
    .execute();
}

async function keyOf(tx: TxContext, itemId: number) {
  return (await tx.db.selectFrom('items').select('key').where('id', '=', itemId).executeTakeFirstOrThrow()).key;
}

/**
 * Tells the requesters and voters of requests (and of the requests merged into them) about what
 * became of them; one notification per person per call.
 */
export async function tellRequesterAndVoters(
  tx: TxContext,
  input: {
    requestIds: number[];
    productId: number;
    actor: Actor;
    title: string;
    body?: string;
    link: string;
    entity?: { type: string; id: number };
  },
) {
  if (input.requestIds.length === 0) return;
  const requesters = await tx.db
    .selectFrom('requests')
    .select('requester_id')
    .where((eb) => eb.or([eb('id', 'in', input.requestIds), eb('merged_into_id', 'in', input.requestIds)]))
    .execute();
  const voters = await tx.db.selectFrom('request_votes').select('user_id').where('request_id', 'in', input.requestIds).execute();
  await notify(tx, {
    kind: 'request_status',
    recipientIds: [...requesters.map((r) => r.requester_id), ...voters.map((v) => v.user_id)],
    productId: input.productId,
    actorId: input.actor.userId,
    title: input.title,
    body: input.body,
    link: input.link,
    entity: input.entity,
  });
}

function alreadyTriaged(r: RequestRow | null) {
  if (!r) return new AppError('conflict', 'This request was triaged by someone else just now');
  const what =
    r.state === 'linked'
      ? `linked to ${r.item_key}`
      : r.state === 'merged'
        ? `merged into request ${r.merged_into_id}`
        : `declined (${r.decline_reason})`;
  return new AppError('conflict', `This request was already triaged: ${what}${r.triager_name ? ` by ${r.triager_name}` : ''}`);
}
