import { can } from '../../../src/domain/permissions.js';
import type { Harness, TestUser } from '../../support/harness.js';
import { ok, unique, type Row, type World, type Who } from './walk.js';

/** Questions, decisions and requests. */
export function rows(h: Harness): Row[] {
  const post = (user: TestUser, url: string, payload: Record<string, unknown>) => ok(h, user, { method: 'POST', url, payload });
  const question = (w: World) => post(w.owner, `/api/products/${w.key}/questions`, { body: unique('Question') });
  /** a new request filed by the owner, who does not vote for what they file */
  const request = (w: World) =>
    post(w.owner, `/api/products/${w.key}/requests`, { title: unique('Request'), customer: 'Acme', impact: 'low' });
  const votesAs = (who: Who) => who !== 'none' && can(who, 'request.vote');

  return [
    {
      method: 'POST',
      route: '/api/items/:key/questions',
      actions: ['question.ask'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/questions`, payload: { body: unique('Question') } }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/questions',
      actions: ['question.ask'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/questions`, payload: { body: unique('Question') } }),
    },
    {
      method: 'GET',
      route: '/api/products/:key/questions',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/questions?state=open` }),
    },
    {
      method: 'GET',
      route: '/api/items/:key/questions',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/questions` }),
    },
    {
      method: 'POST',
      route: '/api/questions/:id/answer',
      variant: "a question to the product's owners",
      actions: ['question.answer'],
      prepare: async (w) => ({ url: `/api/questions/${(await question(w)).id}/answer`, payload: { body: unique('Answer') } }),
    },
    {
      method: 'POST',
      route: '/api/questions/:id/answer',
      variant: 'as a decision',
      actions: ['question.answer'],
      prepare: async (w) => ({
        url: `/api/questions/${(await question(w)).id}/answer`,
        payload: { body: unique('Answer'), decision: true },
      }),
    },
    {
      method: 'GET',
      route: '/api/products/:key/decisions',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/decisions?q=csv` }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/decisions',
      actions: ['question.answer'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/decisions`, payload: { title: unique('Decision') } }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/requests',
      actions: ['request.create'],
      prepare: async (w) => ({
        url: `/api/products/${w.key}/requests`,
        payload: { title: unique('Request'), customer: 'Acme', impact: 'medium' },
      }),
    },
    {
      method: 'GET',
      route: '/api/products/:key/requests',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/requests?state=new&sort=votes` }),
    },
    {
      method: 'GET',
      route: '/api/requests/:id',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/requests/${(await request(w)).id}` }),
    },
    {
      method: 'POST',
      route: '/api/requests/:id/votes',
      actions: ['request.vote'],
      prepare: async (w) => ({ url: `/api/requests/${(await request(w)).id}/votes` }),
    },
    {
      method: 'DELETE',
      route: '/api/requests/:id/votes',
      actions: ['request.vote'],
      prepare: async (w, who) => {
        const r = await request(w);
        if (votesAs(who)) await post(w.users[who], `/api/requests/${r.id}/votes`, {});
        return { url: `/api/requests/${r.id}/votes` };
      },
    },
    {
      method: 'POST',
      route: '/api/requests/:id/customers',
      actions: ['request.vote'],
      prepare: async (w) => ({ url: `/api/requests/${(await request(w)).id}/customers`, payload: { customer: unique('Customer') } }),
    },
    {
      method: 'POST',
      route: '/api/requests/:id/triage',
      actions: ['request.triage'],
      prepare: async (w) => ({
        url: `/api/requests/${(await request(w)).id}/triage`,
        payload: { action: 'decline', reason: 'Out of scope' },
      }),
    },
    {
      method: 'POST',
      route: '/api/requests/:id/triage',
      variant: 'into a new item',
      actions: ['request.triage'],
      prepare: async (w) => ({ url: `/api/requests/${(await request(w)).id}/triage`, payload: { action: 'create' } }),
    },
    {
      method: 'GET',
      route: '/api/items/:key/requests',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/requests` }),
    },
  ];
}

/** The person's own inbox, across products. */
export const unscoped = ['GET /api/inbox', 'GET /api/inbox/questions', 'GET /api/inbox/requests'];
