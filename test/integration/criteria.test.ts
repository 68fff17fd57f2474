import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import type { ProductRole } from '../../src/domain/roles.js';

async function team(h: Harness, roles: ProductRole[]) {
  const owner = await h.buildUser({ name: 'Olga Owner' });
  const { key } = await h.buildProduct(owner);
  const people: Partial<Record<ProductRole, TestUser>> = {};
  for (const role of roles) {
    const u = await h.buildUser({ name: `${role[0]!.toUpperCase()}${role.slice(1)} Person` });
    await h.addMember(key, owner, u, role);
    people[role] = u;
  }
  const res = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'Export statements as CSV' } });
  expect(res.statusCode, res.body).toBe(201);
  return { key, owner, item: res.json().key as string, ...people };
}

async function add(h: Harness, user: TestUser, item: string, text: string) {
  const res = await h.api(user, { method: 'POST', url: `/api/items/${item}/criteria`, payload: { text } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const texts = async (h: Harness, user: TestUser, item: string) =>
  (await h.api(user, { method: 'GET', url: `/api/items/${item}/criteria` })).json().items.map((c: { text: string }) => c.text);

describeEachDialect('acceptance criteria', (h) => {
  it('lets a stakeholder comment but not add criteria; the team adds them in checklist order', async () => {
    const { item, stakeholder, developer, owner } = await team(h, ['stakeholder', 'developer']);
    const said = await h.api(stakeholder!, { method: 'POST', url: `/api/items/${item}/comments`, payload: { body: 'Please include VAT' } });
    expect(said.statusCode).toBe(201);
    const refused = await h.api(stakeholder!, { method: 'POST', url: `/api/items/${item}/criteria`, payload: { text: 'VAT is shown' } });
    expect(refused.statusCode).toBe(403);
    const first = await add(h, developer!, item, 'One row per transaction');
    const second = await add(h, owner, item, 'Amounts use the account currency');
    expect(first).toMatchObject({ position: 0, accepted: false, acceptedBy: null, acceptedAt: null });
    expect(second.position).toBe(1);
    expect(await texts(h, stakeholder!, item)).toEqual(['One row per transaction', 'Amounts use the account currency']);
  });

  it("refuses a developer's acceptance (403) but takes the owner's, and the history shows it with the owner's name", async () => {
    const { item, owner, developer } = await team(h, ['developer']);
    const c = await add(h, developer!, item, 'Dates are ISO 8601');
    const byDev = await h.api(developer!, { method: 'PATCH', url: `/api/criteria/${c.id}`, payload: { accepted: true } });
    expect(byDev.statusCode).toBe(403);
    expect(byDev.json().error.message).toContain('owner');

    h.clock.advance(3_600_000);
    const byOwner = await h.api(owner, { method: 'PATCH', url: `/api/criteria/${c.id}`, payload: { accepted: true } });
    expect(byOwner.statusCode).toBe(200);
    expect(byOwner.json()).toMatchObject({
      accepted: true,
      acceptedBy: { id: owner.id, name: 'Olga Owner' },
      acceptedAt: h.clock.now().toISOString(),
    });

    const history = (await h.api(developer!, { method: 'GET', url: `/api/items/${item}/history` })).json().items;
    expect(history[0]).toMatchObject({
      entityType: 'criterion',
      entityId: c.id,
      itemKey: item,
      action: 'accepted',
      actor: { id: owner.id, name: 'Olga Owner' },
      after: { text: 'Dates are ISO 8601', accepted: true },
    });
    const detail = (await h.api(developer!, { method: 'GET', url: `/api/items/${item}` })).json();
    expect(detail.criteria).toEqual([
      expect.objectContaining({ id: c.id, accepted: true, acceptedBy: { id: owner.id, name: 'Olga Owner' } }),
    ]);
  });

  it('withdraws the acceptance when a developer rewords an accepted criterion', async () => {
    const { item, owner, developer } = await team(h, ['developer']);
    const c = await add(h, developer!, item, 'Exports finish in a minute');
    await h.api(owner, { method: 'PATCH', url: `/api/criteria/${c.id}`, payload: { accepted: true } });
    const reworded = await h.api(developer!, {
      method: 'PATCH',
      url: `/api/criteria/${c.id}`,
      payload: { text: 'Exports finish in an hour' },
    });
    expect(reworded.statusCode).toBe(200);
    expect(reworded.json()).toMatchObject({ text: 'Exports finish in an hour', accepted: false, acceptedBy: null });
    const history = (await h.api(owner, { method: 'GET', url: `/api/items/${item}/history` })).json().items;
    expect(history[0]).toMatchObject({
      action: 'updated',
      actor: { id: developer!.id },
      before: { text: 'Exports finish in a minute', accepted: true },
      after: { text: 'Exports finish in an hour', accepted: false },
    });
    const unaccept = await h.api(owner, { method: 'PATCH', url: `/api/criteria/${c.id}`, payload: { accepted: false } });
    expect(unaccept.json().accepted).toBe(false);
  });

  it('reorders the checklist, including many moves into the same gap', async () => {
    const { item, developer } = await team(h, ['developer']);
    const [a, b, c] = [await add(h, developer!, item, 'A'), await add(h, developer!, item, 'B'), await add(h, developer!, item, 'C')];
    const move = async (id: number, position: number) => {
      const res = await h.api(developer!, { method: 'PATCH', url: `/api/criteria/${id}`, payload: { position } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect((await move(c.id, 0)).position).toBe(0);
    expect(await texts(h, developer!, item)).toEqual(['C', 'A', 'B']);
    expect((await move(c.id, 99)).position).toBe(2);
    expect(await texts(h, developer!, item)).toEqual(['A', 'B', 'C']);
    // Alternately dropping B and C between A and the other halves the gap each time, until the
    // floats run out and the checklist is renumbered; the order must stay right throughout.
    for (let i = 0; i < 70; i++) {
      await move(i % 2 ? c.id : b.id, 1);
      expect(await texts(h, developer!, item)).toEqual(i % 2 ? ['A', 'C', 'B'] : ['A', 'B', 'C']);
    }
    await move(a.id, 2);
    expect(await texts(h, developer!, item)).toEqual(['C', 'B', 'A']);
    // The item itself shows the same checklist, positions and all.
    const list = (await h.api(developer!, { method: 'GET', url: `/api/items/${item}/criteria` })).json().items;
    expect(list.map((x: { position: number }) => x.position)).toEqual([0, 1, 2]);
    expect((await h.api(developer!, { method: 'GET', url: `/api/items/${item}` })).json().criteria).toEqual(list);
  });

  it('deletes a criterion for the team but not for a viewer; a stranger sees nothing (404)', async () => {
    const { item, developer, viewer } = await team(h, ['developer', 'viewer']);
    const c = await add(h, developer!, item, 'Obsolete');
    expect((await h.api(viewer!, { method: 'DELETE', url: `/api/criteria/${c.id}` })).statusCode).toBe(403);
    expect((await h.api(viewer!, { method: 'PATCH', url: `/api/criteria/${c.id}`, payload: { text: 'x' } })).statusCode).toBe(403);
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'DELETE', url: `/api/criteria/${c.id}` })).statusCode).toBe(404);
    expect((await h.api(stranger, { method: 'GET', url: `/api/items/${item}/criteria` })).statusCode).toBe(404);
    expect((await h.api(developer!, { method: 'DELETE', url: `/api/criteria/${c.id}` })).statusCode).toBe(204);
    expect(await texts(h, developer!, item)).toEqual([]);
    expect((await h.api(developer!, { method: 'DELETE', url: `/api/criteria/${c.id}` })).statusCode).toBe(404);
  });

  it('rejects an empty criterion and unknown fields, naming them', async () => {
    const { item, owner } = await team(h, []);
    const empty = await h.api(owner, { method: 'POST', url: `/api/items/${item}/criteria`, payload: { text: ' ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields[0].path).toBe('text');
    const c = await add(h, owner, item, 'Real');
    const unknown = await h.api(owner, { method: 'PATCH', url: `/api/criteria/${c.id}`, payload: { done: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('done');
  });
});
