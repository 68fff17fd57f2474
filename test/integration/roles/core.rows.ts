import { can } from '../../../src/domain/permissions.js';
import type { Harness, TestUser } from '../../support/harness.js';
import { ok, unique, type Row, type World, type Who } from './walk.js';

/** Products, members, workflow, items and their parts, the board, events, sprints, releases and reports. */
export function rows(h: Harness): Row[] {
  const post = (user: TestUser, url: string, payload: Record<string, unknown>) => ok(h, user, { method: 'POST', url, payload });
  /** a comment by the walker when their role may comment, else by the owner */
  const commentBy = async (w: World, who: Who) => {
    const author = who !== 'none' && can(who, 'comment.create') ? w.users[who] : w.owner;
    const item = await w.item();
    return post(author, `/api/items/${item.key}/comments`, { body: unique('Comment') });
  };
  const criterion = async (w: World) => {
    const item = await w.item();
    return post(w.owner, `/api/items/${item.key}/criteria`, { text: unique('Criterion') });
  };
  const linked = async (w: World) => {
    const [a, b] = [await w.item(), await w.item()];
    await post(w.owner, `/api/items/${a.key}/links`, { kind: 'blocks', key: b.key });
    return [a.key, b.key] as const;
  };
  const member = async (w: World) => {
    const user = await h.buildUser();
    await h.addMember(w.key, w.owner, user, 'viewer');
    return user;
  };
  const freshState = async (w: World) => post(w.owner, `/api/products/${w.key}/states`, { name: unique('Step'), category: 'in_progress' });
  const sprint = async (w: World, key = w.key) => post(w.owner, `/api/products/${key}/sprints`, { name: unique('Sprint') });
  /** an active sprint, in a product of its own since a product has one active sprint at a time */
  const activeSprint = async (w: World) => {
    const s = await sprint(w, await w.product());
    await post(w.owner, `/api/sprints/${s.id}/start`, {});
    return s;
  };
  const release = async (w: World) => post(w.owner, `/api/products/${w.key}/releases`, { name: unique('Release') });
  const bulk = (payload: (keys: string[]) => Record<string, unknown>) => async (w: World) => {
    const keys = [(await w.item()).key, (await w.item()).key];
    return { url: `/api/products/${w.key}/items/bulk`, payload: { keys, ...payload(keys) } };
  };

  return [
    // products, members, workflow
    { method: 'GET', route: '/api/products/:key', actions: ['product.read'], prepare: async (w) => ({ url: `/api/products/${w.key}` }) },
    {
      method: 'PATCH',
      route: '/api/products/:key',
      actions: ['product.update'],
      prepare: async (w) => ({ url: `/api/products/${w.key}`, payload: { vision: unique('Vision') } }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/archive',
      actions: ['product.archive'],
      prepare: async (w) => ({ url: `/api/products/${await w.product()}/archive` }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/unarchive',
      actions: ['product.archive'],
      prepare: async (w) => {
        const key = await w.product();
        await ok(h, w.users.admin, { method: 'POST', url: `/api/products/${key}/archive` });
        return { url: `/api/products/${key}/unarchive` };
      },
    },
    {
      method: 'GET',
      route: '/api/products/:key/members',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/members` }),
    },
    {
      method: 'PUT',
      route: '/api/products/:key/members',
      actions: ['member.manage'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/members`, payload: { userId: (await h.buildUser()).id, role: 'viewer' } }),
    },
    {
      method: 'DELETE',
      route: '/api/products/:key/members/:userId',
      actions: ['member.manage'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/members/${(await member(w)).id}` }),
    },
    {
      method: 'GET',
      route: '/api/products/:key/states',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/states` }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/states',
      actions: ['workflow.manage'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/states`, payload: { name: unique('Step'), category: 'in_progress' } }),
    },
    {
      method: 'PATCH',
      route: '/api/products/:key/states/:id',
      actions: ['workflow.manage'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/states/${(await freshState(w)).id}`, payload: { wipLimit: 9 } }),
    },
    {
      method: 'DELETE',
      route: '/api/products/:key/states/:id',
      actions: ['workflow.manage'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/states/${(await freshState(w)).id}` }),
    },
    {
      method: 'GET',
      route: '/api/products/:key/events',
      actions: ['product.read'],
      stream: true,
      prepare: async (w) => ({ url: `/api/products/${w.key}/events` }),
    },
    {
      method: 'GET',
      route: '/api/products/:key/activity',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/activity?entityType=item` }),
    },

    // items
    {
      method: 'POST',
      route: '/api/products/:key/items',
      actions: ['item.create'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/items`, payload: { title: unique('Item') } }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/items',
      variant: 'straight into a sprint',
      actions: ['item.create', 'sprint.manage'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/items`, payload: { title: unique('Item'), sprintId: (await sprint(w)).id } }),
    },
    {
      method: 'GET',
      route: '/api/items/:key',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}` }),
    },
    {
      method: 'PATCH',
      route: '/api/items/:key',
      variant: 'edit',
      actions: ['item.update'],
      prepare: async (w) => {
        const item = await w.item();
        return { url: `/api/items/${item.key}`, payload: { title: unique('Renamed'), version: item.version } };
      },
    },
    {
      method: 'PATCH',
      route: '/api/items/:key',
      variant: 'flag as blocked',
      actions: ['item.update', 'item.block'],
      prepare: async (w) => {
        const item = await w.item();
        return { url: `/api/items/${item.key}`, payload: { blocked: true, blockedReason: 'Waiting', version: item.version } };
      },
    },
    {
      method: 'PATCH',
      route: '/api/items/:key',
      variant: 'change state',
      actions: ['item.update', 'item.move'],
      prepare: async (w) => {
        const item = await w.item();
        return { url: `/api/items/${item.key}`, payload: { stateId: w.state('To do'), version: item.version } };
      },
    },
    {
      method: 'PATCH',
      route: '/api/items/:key',
      variant: 'change state overriding rules',
      actions: ['item.update', 'item.move', 'rule.override'],
      prepare: async (w) => {
        const item = await w.item();
        return { url: `/api/items/${item.key}`, payload: { stateId: w.state('To do'), override: true, version: item.version } };
      },
    },
    {
      method: 'PATCH',
      route: '/api/items/:key',
      variant: 'plan into a sprint',
      actions: ['item.update', 'sprint.manage'],
      prepare: async (w) => {
        const [item, s] = [await w.item(), await sprint(w)];
        return { url: `/api/items/${item.key}`, payload: { sprintId: s.id, version: item.version } };
      },
    },
    {
      method: 'PATCH',
      route: '/api/items/:key',
      variant: 'plan into a release',
      actions: ['item.update', 'release.manage'],
      prepare: async (w) => {
        const [item, r] = [await w.item(), await release(w)];
        return { url: `/api/items/${item.key}`, payload: { releaseId: r.id, version: item.version } };
      },
    },
    {
      method: 'DELETE',
      route: '/api/items/:key',
      actions: ['item.delete'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}` }),
    },
    {
      method: 'POST',
      route: '/api/items/:key/restore',
      actions: ['item.delete'],
      prepare: async (w) => {
        const item = await w.item();
        await ok(h, w.owner, { method: 'DELETE', url: `/api/items/${item.key}` });
        return { url: `/api/items/${item.key}/restore` };
      },
    },
    {
      method: 'POST',
      route: '/api/items/:key/move',
      variant: 'to another column',
      actions: ['item.move'],
      prepare: async (w) => ({
        url: `/api/items/${(await w.item()).key}/move`,
        payload: { stateId: w.state('In progress'), position: 'top' },
      }),
    },
    {
      method: 'POST',
      route: '/api/items/:key/move',
      variant: 'next to another item in the backlog',
      actions: ['item.move', 'item.rank'],
      prepare: async (w) => {
        const [a, b] = [await w.item(), await w.item()];
        return { url: `/api/items/${b.key}/move`, payload: { before: a.key } };
      },
    },
    {
      method: 'POST',
      route: '/api/items/:key/move',
      variant: 'next to another item in a board column',
      actions: ['item.move'],
      prepare: async (w) => {
        const [a, b] = [await w.item(), await w.item()];
        return { url: `/api/items/${b.key}/move`, payload: { stateId: w.state('Backlog'), before: a.key } };
      },
    },
    {
      method: 'POST',
      route: '/api/items/:key/move',
      variant: 'to the top of the backlog',
      actions: ['item.move', 'item.rank'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/move`, payload: { position: 'top' } }),
    },
    {
      method: 'POST',
      route: '/api/items/:key/move',
      variant: 'overriding rules',
      actions: ['item.move', 'rule.override'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/move`, payload: { stateId: w.state('Review'), override: true } }),
    },

    {
      method: 'GET',
      route: '/api/products/:key/items',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/items?limit=5&q=Fixture` }),
    },
    {
      method: 'GET',
      route: '/api/products/:key/board',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/board` }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/items/bulk',
      variant: 'to the top',
      actions: ['item.rank'],
      prepare: bulk(() => ({ position: 'top' })),
    },
    {
      method: 'POST',
      route: '/api/products/:key/items/bulk',
      variant: 'into a state',
      actions: ['item.move'],
      prepare: async (w) => bulk(() => ({ stateId: w.state('To do') }))(w),
    },
    {
      method: 'POST',
      route: '/api/products/:key/items/bulk',
      variant: 'into a state overriding rules',
      actions: ['item.move', 'rule.override'],
      prepare: async (w) => bulk(() => ({ stateId: w.state('Review'), override: true }))(w),
    },
    {
      method: 'POST',
      route: '/api/products/:key/items/bulk',
      variant: 'assign',
      actions: ['item.update'],
      prepare: async (w) => bulk(() => ({ assigneeId: w.users.developer.id }))(w),
    },
    {
      method: 'POST',
      route: '/api/products/:key/items/bulk',
      variant: 'into a sprint',
      actions: ['item.update', 'sprint.manage'],
      prepare: async (w) => {
        const s = await sprint(w);
        return bulk(() => ({ sprintId: s.id }))(w);
      },
    },
    {
      method: 'POST',
      route: '/api/products/:key/items/bulk',
      variant: 'into a release',
      actions: ['item.update', 'release.manage'],
      prepare: async (w) => {
        const r = await release(w);
        return bulk(() => ({ releaseId: r.id }))(w);
      },
    },

    // comments
    {
      method: 'GET',
      route: '/api/items/:key/comments',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/comments` }),
    },
    {
      method: 'POST',
      route: '/api/items/:key/comments',
      actions: ['comment.create'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/comments`, payload: { body: unique('Comment') } }),
    },
    {
      method: 'PATCH',
      route: '/api/comments/:id',
      variant: 'own comment',
      actions: ['comment.create'],
      prepare: async (w, who) => ({ url: `/api/comments/${(await commentBy(w, who)).id}`, payload: { body: unique('Edited') } }),
    },
    {
      method: 'DELETE',
      route: '/api/comments/:id',
      variant: "someone else's comment",
      actions: ['item.delete'],
      prepare: async (w, who) => {
        const item = await w.item();
        const author = who === 'owner' ? w.users.developer : w.owner;
        const c = await post(author, `/api/items/${item.key}/comments`, { body: unique('Comment') });
        return { url: `/api/comments/${c.id}` };
      },
    },

    // acceptance criteria
    {
      method: 'GET',
      route: '/api/items/:key/criteria',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/criteria` }),
    },
    {
      method: 'POST',
      route: '/api/items/:key/criteria',
      actions: ['criteria.edit'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/criteria`, payload: { text: unique('Criterion') } }),
    },
    {
      method: 'PATCH',
      route: '/api/criteria/:id',
      variant: 'reword',
      actions: ['criteria.edit'],
      prepare: async (w) => ({ url: `/api/criteria/${(await criterion(w)).id}`, payload: { text: unique('Reworded') } }),
    },
    {
      method: 'PATCH',
      route: '/api/criteria/:id',
      variant: 'reorder',
      actions: ['criteria.edit'],
      prepare: async (w) => {
        const first = await criterion(w);
        return { url: `/api/criteria/${first.id}`, payload: { position: 0 } };
      },
    },
    {
      method: 'PATCH',
      route: '/api/criteria/:id',
      variant: 'accept',
      actions: ['criteria.accept'],
      prepare: async (w) => ({ url: `/api/criteria/${(await criterion(w)).id}`, payload: { accepted: true } }),
    },
    {
      method: 'DELETE',
      route: '/api/criteria/:id',
      actions: ['criteria.edit'],
      prepare: async (w) => ({ url: `/api/criteria/${(await criterion(w)).id}` }),
    },

    // links and history
    {
      method: 'GET',
      route: '/api/items/:key/links',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/items/${(await linked(w))[0]}/links` }),
    },
    {
      method: 'POST',
      route: '/api/items/:key/links',
      actions: ['item.update'],
      prepare: async (w) => {
        const [a, b] = [await w.item(), await w.item()];
        return { url: `/api/items/${a.key}/links`, payload: { kind: 'relates', key: b.key } };
      },
    },
    {
      method: 'DELETE',
      route: '/api/items/:key/links/:kind/:otherKey',
      actions: ['item.update'],
      prepare: async (w) => {
        const [a, b] = await linked(w);
        return { url: `/api/items/${b}/links/blocked_by/${a}` };
      },
    },
    {
      method: 'GET',
      route: '/api/items/:key/history',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/items/${(await w.item()).key}/history` }),
    },

    // sprints
    {
      method: 'GET',
      route: '/api/products/:key/sprints',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/sprints` }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/sprints',
      actions: ['sprint.manage'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/sprints`, payload: { name: unique('Sprint'), goal: 'Ship it' } }),
    },
    {
      method: 'GET',
      route: '/api/products/:key/velocity',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/velocity` }),
    },
    {
      method: 'GET',
      route: '/api/sprints/:id',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/sprints/${(await sprint(w)).id}` }),
    },
    {
      method: 'PATCH',
      route: '/api/sprints/:id',
      actions: ['sprint.manage'],
      prepare: async (w) => {
        const s = await sprint(w);
        return { url: `/api/sprints/${s.id}`, payload: { goal: unique('Goal'), version: s.version } };
      },
    },
    {
      method: 'DELETE',
      route: '/api/sprints/:id',
      actions: ['sprint.manage'],
      prepare: async (w) => ({ url: `/api/sprints/${(await sprint(w)).id}` }),
    },
    {
      method: 'POST',
      route: '/api/sprints/:id/items',
      actions: ['sprint.manage'],
      prepare: async (w) => ({ url: `/api/sprints/${(await sprint(w)).id}/items`, payload: { keys: [(await w.item()).key] } }),
    },
    {
      method: 'DELETE',
      route: '/api/sprints/:id/items/:itemKey',
      actions: ['sprint.manage'],
      prepare: async (w) => {
        const [s, item] = [await sprint(w), await w.item()];
        await post(w.owner, `/api/sprints/${s.id}/items`, { keys: [item.key] });
        return { url: `/api/sprints/${s.id}/items/${item.key}` };
      },
    },
    {
      method: 'POST',
      route: '/api/sprints/:id/start',
      actions: ['sprint.manage'],
      prepare: async (w) => ({ url: `/api/sprints/${(await sprint(w, await w.product())).id}/start`, payload: {} }),
    },
    {
      method: 'POST',
      route: '/api/sprints/:id/close',
      actions: ['sprint.manage'],
      prepare: async (w) => ({ url: `/api/sprints/${(await activeSprint(w)).id}/close`, payload: { unfinished: 'backlog' } }),
    },

    // releases
    {
      method: 'GET',
      route: '/api/products/:key/releases',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/releases` }),
    },
    {
      method: 'POST',
      route: '/api/products/:key/releases',
      actions: ['release.manage'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/releases`, payload: { name: unique('Release'), targetDate: '2026-06-01' } }),
    },
    {
      method: 'GET',
      route: '/api/releases/:id',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/releases/${(await release(w)).id}` }),
    },
    {
      method: 'GET',
      route: '/api/releases/:id/forecast',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/releases/${(await release(w)).id}/forecast` }),
    },
    {
      method: 'PATCH',
      route: '/api/releases/:id',
      actions: ['release.manage'],
      prepare: async (w) => {
        const r = await release(w);
        return { url: `/api/releases/${r.id}`, payload: { description: unique('Scope'), version: r.version } };
      },
    },
    {
      method: 'DELETE',
      route: '/api/releases/:id',
      actions: ['release.manage'],
      prepare: async (w) => ({ url: `/api/releases/${(await release(w)).id}` }),
    },
    {
      method: 'POST',
      route: '/api/releases/:id/items',
      actions: ['release.manage'],
      prepare: async (w) => ({ url: `/api/releases/${(await release(w)).id}/items`, payload: { keys: [(await w.item()).key] } }),
    },
    {
      method: 'DELETE',
      route: '/api/releases/:id/items/:itemKey',
      actions: ['release.manage'],
      prepare: async (w) => {
        const [r, item] = [await release(w), await w.item()];
        await post(w.owner, `/api/releases/${r.id}/items`, { keys: [item.key] });
        return { url: `/api/releases/${r.id}/items/${item.key}` };
      },
    },

    // reports
    ...(['cfd', 'cycle-time', 'throughput', 'aging'] as const).map((report): Row => ({
      method: 'GET',
      route: `/api/products/:key/reports/${report}`,
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/reports/${report}` }),
    })),
  ];
}
