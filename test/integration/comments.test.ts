import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import type { ProductRole } from '../../src/domain/roles.js';

async function team(h: Harness, roles: ProductRole[]) {
  const { key, owner } = await h.buildProduct();
  const people: Partial<Record<ProductRole, TestUser>> = {};
  for (const role of roles) {
    const u = await h.buildUser({ name: `${role[0]!.toUpperCase()}${role.slice(1)} Person` });
    await h.addMember(key, owner, u, role);
    people[role] = u;
  }
  const res = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'Refund to original card' } });
  expect(res.statusCode, res.body).toBe(201);
  return { key, owner, item: res.json().key as string, ...people };
}

async function comment(h: Harness, user: TestUser, item: string, body: string) {
  const res = await h.api(user, { method: 'POST', url: `/api/items/${item}/comments`, payload: { body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describeEachDialect('comments on an item', (h) => {
  it('lets a stakeholder comment but not a viewer, and lists comments oldest first with their authors', async () => {
    const { item, owner, stakeholder, viewer } = await team(h, ['stakeholder', 'viewer']);
    await comment(h, stakeholder!, item, 'Customers ask for this weekly');
    h.clock.advance(60_000);
    await comment(h, owner, item, 'Planned for the next sprint');
    const refused = await h.api(viewer!, { method: 'POST', url: `/api/items/${item}/comments`, payload: { body: 'me too' } });
    expect(refused.statusCode).toBe(403);

    const list = await h.api(viewer!, { method: 'GET', url: `/api/items/${item}/comments` });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      items: [
        expect.objectContaining({ author: { id: stakeholder!.id, name: 'Stakeholder Person' }, body: 'Customers ask for this weekly' }),
        expect.objectContaining({ author: { id: owner.id, name: owner.name }, body: 'Planned for the next sprint' }),
      ],
      nextCursor: null,
    });
  });

  it('pages through a long discussion without repeating or skipping a comment', async () => {
    const { item, owner } = await team(h, []);
    for (let i = 1; i <= 5; i++) await comment(h, owner, item, `Comment ${i}`);
    const bodies: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.api(owner, { method: 'GET', url: `/api/items/${item}/comments?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode).toBe(200);
      bodies.push(...res.json().items.map((c: { body: string }) => c.body));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(bodies).toEqual(['Comment 1', 'Comment 2', 'Comment 3', 'Comment 4', 'Comment 5']);
    const bad = await h.api(owner, { method: 'GET', url: `/api/items/${item}/comments?cursor=abc` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('cursor');
  });

  it('keeps Markdown exactly as written and refuses an empty comment naming the field', async () => {
    const { item, owner } = await team(h, []);
    const body = '**Note**: see <script>alert(1)</script> and [docs](javascript:alert(1))';
    expect((await comment(h, owner, item, body)).body).toBe(body);
    const empty = await h.api(owner, { method: 'POST', url: `/api/items/${item}/comments`, payload: { body: '   ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields[0].path).toBe('body');
  });

  it("lets only the author edit a comment: editing someone else's is 403", async () => {
    const { item, owner, developer } = await team(h, ['developer']);
    const c = await comment(h, developer!, item, 'Shall we include archived items?');
    const byOwner = await h.api(owner, { method: 'PATCH', url: `/api/comments/${c.id}`, payload: { body: 'Rewritten by the owner' } });
    expect(byOwner.statusCode).toBe(403);
    h.clock.advance(5_000);
    const byAuthor = await h.api(developer!, {
      method: 'PATCH',
      url: `/api/comments/${c.id}`,
      payload: { body: 'Should export include archived items?' },
    });
    expect(byAuthor.statusCode).toBe(200);
    expect(byAuthor.json()).toMatchObject({ body: 'Should export include archived items?', createdAt: c.createdAt });
    expect(byAuthor.json().updatedAt > c.updatedAt).toBe(true);
  });

  it('lets the author or the owner delete a comment, not another developer, and hides it afterwards', async () => {
    const { key, item, owner, developer, qa } = await team(h, ['developer', 'qa']);
    const mine = await comment(h, developer!, item, 'Typo, ignore');
    const spam = await comment(h, qa!, item, 'Off-topic');
    expect((await h.api(qa!, { method: 'DELETE', url: `/api/comments/${mine.id}` })).statusCode).toBe(403);
    expect((await h.api(developer!, { method: 'DELETE', url: `/api/comments/${mine.id}` })).statusCode).toBe(204);
    expect((await h.api(owner, { method: 'DELETE', url: `/api/comments/${spam.id}` })).statusCode).toBe(204);
    expect((await h.api(owner, { method: 'DELETE', url: `/api/comments/${spam.id}` })).statusCode).toBe(404);
    const list = await h.api(owner, { method: 'GET', url: `/api/items/${item}/comments` });
    expect(list.json().items).toEqual([]);
    // The audit trail keeps what was said and who removed it.
    const trail = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/activity?entityType=comment` })).json().items;
    expect(trail[0]).toMatchObject({ action: 'deleted', actor: { id: owner.id }, before: { body: 'Off-topic' } });
  });

  it('hides the comments of a product one has no role on (404)', async () => {
    const { item, owner } = await team(h, []);
    const c = await comment(h, owner, item, 'Internal');
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: `/api/items/${item}/comments` })).statusCode).toBe(404);
    expect((await h.api(stranger, { method: 'POST', url: `/api/items/${item}/comments`, payload: { body: 'hi' } })).statusCode).toBe(404);
    expect((await h.api(stranger, { method: 'PATCH', url: `/api/comments/${c.id}`, payload: { body: 'hi' } })).statusCode).toBe(404);
    expect((await h.api(stranger, { method: 'DELETE', url: `/api/comments/${c.id}` })).statusCode).toBe(404);
  });
});
