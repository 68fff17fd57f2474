import type { Conn } from '../../db/schema.js';
import type { RequestImpact, RequestState, TRequest } from '../../contract/requests.js';
import type { StateCategory } from '../../domain/workflow.js';

/** Requests with what they show; `voted` says whether `viewerId` voted for each. */
export function requestQuery(db: Conn, viewerId: number) {
  return db
    .selectFrom('requests as r')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .innerJoin('users as requester', 'requester.id', 'r.requester_id')
    .leftJoin('users as triager', 'triager.id', 'r.triaged_by')
    .leftJoin('items as i', 'i.id', 'r.item_id')
    .leftJoin('workflow_states as s', 's.id', 'i.state_id')
    .leftJoin('requests as target', 'target.id', 'r.merged_into_id')
    .leftJoin('request_votes as mine', (j) => j.onRef('mine.request_id', '=', 'r.id').on('mine.user_id', '=', viewerId))
    .select([
      'r.id',
      'r.product_id',
      'r.title',
      'r.description',
      'r.customer',
      'r.impact',
      'r.link',
      'r.requester_id',
      'r.state',
      'r.item_id',
      'r.merged_into_id',
      'r.decline_reason',
      'r.triaged_by',
      'r.triaged_at',
      'r.votes',
      'r.customers',
      'r.created_at',
      'p.key as product_key',
      'requester.name as requester_name',
      'triager.name as triager_name',
      'i.key as item_key',
      'i.title as item_title',
      's.category as item_category',
      'target.title as target_title',
      'mine.user_id as my_vote',
    ]);
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['execute']>>[number];

/** Presents requests with their customers, read for all of them in one query. */
export async function presentRequests(db: Conn, rows: RequestRow[]): Promise<TRequest[]> {
  const ids = rows.map((r) => r.id);
  const customers = ids.length
    ? await db
        .selectFrom('request_customers')
        .select(['request_id', 'customer'])
        .where('request_id', 'in', ids)
        .orderBy('created_at')
        .orderBy('customer_key')
        .execute()
    : [];
  const byRequest = new Map<number, string[]>();
  for (const c of customers) byRequest.set(c.request_id, [...(byRequest.get(c.request_id) ?? []), c.customer]);
  return rows.map((r) => ({
    id: r.id,
    productKey: r.product_key,
    title: r.title,
    description: r.description,
    customer: r.customer,
    customers: byRequest.get(r.id) ?? [],
    impact: r.impact as RequestImpact,
    link: r.link,
    requester: { id: r.requester_id, name: r.requester_name },
    state: r.state as RequestState,
    item: r.item_key
      ? { key: r.item_key, title: r.item_title ?? '', stateCategory: (r.item_category ?? 'backlog') as StateCategory }
      : null,
    mergedInto: r.merged_into_id != null ? { id: r.merged_into_id, title: r.target_title ?? '' } : null,
    declineReason: r.decline_reason,
    triagedBy: r.triaged_by != null ? { id: r.triaged_by, name: r.triager_name ?? '' } : null,
    triagedAt: r.triaged_at,
    votes: r.votes,
    voted: r.my_vote != null,
    createdAt: r.created_at,
  }));
}

export async function loadRequest(db: Conn, id: number, viewerId: number): Promise<TRequest> {
  const [request] = await presentRequests(db, await requestQuery(db, viewerId).where('r.id', '=', id).execute());
  return request!;
}

/** "Acme  Corp" and "acme corp" are one customer. */
export const customerKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
