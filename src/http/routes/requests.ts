import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { findInboxQuestions, findInboxRequests, getInbox } from '../../services/inbox.js';
import { createRequest } from '../../services/requests/create-request.js';
import { findItemRequests, findRequests, getRequest } from '../../services/requests/find-requests.js';
import { triageRequest } from '../../services/requests/triage-request.js';
import { addRequestCustomer, voteForRequest, withdrawVote } from '../../services/requests/votes.js';
import { routes, type Route } from '../route.js';

/** Requests with their votes, customers and triage; and the person's inbox across products. */
export function requestRoutes(ctx: ServiceContext): Route[] {
  return [
    ...routes(endpoints.requests, {
      create: ({ actor, params, body }) => createRequest(ctx, actor, params.key, body),
      list: ({ actor, params, query }) => findRequests(ctx, actor, params.key, query),
      get: ({ actor, params }) => getRequest(ctx, actor, params.id),
      vote: ({ actor, params }) => voteForRequest(ctx, actor, params.id),
      unvote: ({ actor, params }) => withdrawVote(ctx, actor, params.id),
      addCustomer: ({ actor, params, body }) => addRequestCustomer(ctx, actor, params.id, body.customer),
      triage: ({ actor, params, body }) => triageRequest(ctx, actor, params.id, body),
      onItem: ({ actor, params }) => findItemRequests(ctx, actor, params.key),
    }),
    ...routes(endpoints.inbox, {
      get: ({ actor, query }) => getInbox(ctx, actor, query.limit),
      questions: ({ actor, query }) => findInboxQuestions(ctx, actor, query),
      requests: ({ actor, query }) => findInboxRequests(ctx, actor, query),
    }),
  ];
}
