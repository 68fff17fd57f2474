import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, buildSprintAndRelease, itemActivity, member, storedItems } from '../support/items.js';

const move = (h: Harness, user: TestUser, key: string, payload: Record<string, unknown>) =>
  h.api(user, { method: 'POST', url: `/api/items/${key}/move`, payload });

/** Keys of the product's live items in rank order, by title. */
async function order(h: Harness, productKey: string): Promise<string[]> {
  const rows = await h.ctx.db
    .selectFrom('items')
    .innerJoin('products', 'products.id', 'items.product_id')
    .select(['items.title', 'items.rank'])
    .where('products.key', '=', productKey)
    .where('items.deleted_at', 'is', null)
    .orderBy('items.rank')
    .execute();
  return rows.map((r) => r.title);
}

async function sixItems(h: Harness) {
  const b = await buildBacklog(h);
  const items: Record<string, { key: string; rank: string }> = {};
  for (const t of ['A', 'B', 'C', 'D', 'E', 'F']) items[t] = await buildItem(h, b.owner, b.key, { title: t });
  return { ...b, items };
}

/** Moves and checks that every other item's stored row is exactly as before. */
async function moveTouchingOnlyIt(h: Harness, user: TestUser, productKey: string, itemKey: string, payload: Record<string, unknown>) {
  const before = (await storedItems(h, productKey)).filter((r) => r.key !== itemKey);
  const res = await move(h, user, itemKey, payload);
  expect(res.statusCode, res.body).toBe(200);
  const after = (await storedItems(h, productKey)).filter((r) => r.key !== itemKey);
  expect(after).toEqual(before);
  return res.json();
}

describeEachDialect('POST /api/items/:key/move', (h) => {
  it('places the item exactly before, after, on top or at the bottom, writing no other row', async () => {
    const { key, owner, items } = await sixItems(h);
    await moveTouchingOnlyIt(h, owner, key, items.E!.key, { before: items.B!.key });
    expect(await order(h, key)).toEqual(['A', 'E', 'B', 'C', 'D', 'F']);
    await moveTouchingOnlyIt(h, owner, key, items.A!.key, { after: items.D!.key });
    expect(await order(h, key)).toEqual(['E', 'B', 'C', 'D', 'A', 'F']);
    await moveTouchingOnlyIt(h, owner, key, items.F!.key, { position: 'top' });
    expect(await order(h, key)).toEqual(['F', 'E', 'B', 'C', 'D', 'A']);
    const moved = await moveTouchingOnlyIt(h, owner, key, items.E!.key, { position: 'bottom' });
    expect(await order(h, key)).toEqual(['F', 'B', 'C', 'D', 'A', 'E']);
    // A rank change is not an edit: the version stays, so nobody's open edit goes stale.
    expect(moved.version).toBe(1);
    const log = await itemActivity(h, items.E!.key);
    expect(log.at(-1)).toMatchObject({
      action: 'moved',
      before: { rank: expect.any(String), state: 'Backlog' },
      after: { rank: moved.rank, state: 'Backlog' },
    });
  });

  it('finds neighbours among deleted items too, so ranks stay unique', async () => {
    const { key, owner, items } = await sixItems(h);
    expect((await h.api(owner, { method: 'DELETE', url: `/api/items/${items.B!.key}` })).statusCode).toBe(204);
    await moveTouchingOnlyIt(h, owner, key, items.E!.key, { after: items.A!.key });
    expect(await order(h, key)).toEqual(['A', 'E', 'C', 'D', 'F']);
    const restored = await h.api(owner, { method: 'POST', url: `/api/items/${items.B!.key}/restore` });
    expect(restored.statusCode).toBe(200);
    // "After A" meant right after A, and a restored item comes back where it was.
    expect(await order(h, key)).toEqual(['A', 'E', 'B', 'C', 'D', 'F']);
  });

  it('moves across columns: to the top or bottom of the target column, or keeping its place', async () => {
    const { key, owner, items, state } = await sixItems(h);
    const dev = await member(h, key, owner, 'developer');
    const inProgress = state('In progress');
    const columnOrder = async () =>
      (await storedItems(h, key))
        .filter((r) => r.state_id === inProgress)
        .sort((a, b) => (a.rank < b.rank ? -1 : 1))
        .map((r) => r.key);
    const c = await moveTouchingOnlyIt(h, dev, key, items.C!.key, { stateId: inProgress });
    expect(c).toMatchObject({ stateId: inProgress, stateCategory: 'in_progress', rank: items.C!.rank, version: 2 });
    await moveTouchingOnlyIt(h, dev, key, items.F!.key, { stateId: inProgress, position: 'top' });
    await moveTouchingOnlyIt(h, dev, key, items.A!.key, { stateId: inProgress, position: 'bottom' });
    await moveTouchingOnlyIt(h, dev, key, items.E!.key, { stateId: inProgress, before: items.C!.key });
    expect(await columnOrder()).toEqual([items.F!.key, items.E!.key, items.C!.key, items.A!.key]);
    const log = await itemActivity(h, items.F!.key);
    expect(log.at(-1)).toMatchObject({
      action: 'moved',
      before: { state: 'Backlog' },
      after: { state: 'In progress', stateId: inProgress },
    });
  });

  it('refuses a move over a WIP limit, lets an owner override it on the record, and forbids a developer to try', async () => {
    const { key, owner, items } = await sixItems(h);
    const dev = await member(h, key, owner, 'developer');
    const res = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/states`,
      payload: { name: 'Doing', category: 'in_progress', wipLimit: 2 },
    });
    const doing = res.json().id;
    expect((await move(h, dev, items.A!.key, { stateId: doing })).statusCode).toBe(200);
    expect((await move(h, dev, items.B!.key, { stateId: doing })).statusCode).toBe(200);
    const refused = await move(h, dev, items.C!.key, { stateId: doing, position: 'top' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'rule_violation',
      details: { violations: [{ rule: 'wip_limit', message: expect.stringContaining('WIP limit of 2') }] },
    });
    expect((await move(h, dev, items.C!.key, { stateId: doing, override: true })).statusCode).toBe(403);
    const forced = await move(h, owner, items.C!.key, { stateId: doing, override: true });
    expect(forced.statusCode).toBe(200);
    expect((await itemActivity(h, items.C!.key)).at(-1)).toMatchObject({
      action: 'moved',
      after: { override: true, violations: [{ rule: 'wip_limit' }] },
    });
    // Moving within the full column is not entering it.
    expect((await move(h, dev, items.A!.key, { stateId: doing, position: 'bottom' })).statusCode).toBe(200);
  });

  it('lets only one of two concurrent moves take the last free place in a column', async () => {
    const { key, owner, items } = await sixItems(h);
    const res = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/states`,
      payload: { name: 'Doing', category: 'in_progress', wipLimit: 1 },
    });
    const doing = res.json().id;
    const results = await Promise.all([move(h, owner, items.A!.key, { stateId: doing }), move(h, owner, items.B!.key, { stateId: doing })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    expect((await storedItems(h, key)).filter((r) => r.state_id === doing)).toHaveLength(1);
  });

  it('refuses to enter a state whose Definition of Ready the item does not meet', async () => {
    const { key, owner, items } = await sixItems(h);
    const res = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/states`,
      payload: { name: 'Ready', category: 'todo', entryRules: ['ready.estimate', 'ready.description'] },
    });
    const refused = await move(h, owner, items.A!.key, { stateId: res.json().id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.violations.map((v: { rule: string }) => v.rule)).toEqual(['ready.estimate', 'ready.description']);
    expect((await storedItems(h, key)).find((r) => r.key === items.A!.key)!.state_id).not.toBe(res.json().id);
  });

  it('answers 404 for a neighbour that does not exist or belongs to another product, 400 for nonsense', async () => {
    const { key, owner, items } = await sixItems(h);
    const other = await buildBacklog(h);
    const foreign = await buildItem(h, other.owner, other.key);
    expect((await move(h, owner, items.A!.key, { before: `${key}-999` })).statusCode).toBe(404);
    expect((await move(h, owner, items.A!.key, { after: foreign.key })).statusCode).toBe(404);
    const self = await move(h, owner, items.A!.key, { before: items.A!.key });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details.fields[0].path).toBe('before');
    expect((await move(h, owner, items.A!.key, { before: items.B!.key, position: 'top' })).statusCode).toBe(400);
    expect((await move(h, owner, items.A!.key, {})).statusCode).toBe(400);
    const unknownField = await move(h, owner, items.A!.key, { before: items.B!.key, column: 2 });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.message).toContain('column');
    expect((await move(h, owner, items.A!.key, { stateId: 999_999 })).statusCode).toBe(400);
  });

  it('lets the team move items within board columns but only owners reorder the backlog; others cannot move at all', async () => {
    const { key, owner, items, state } = await sixItems(h);
    const dev = await member(h, key, owner, 'developer');
    const backlog = state('Backlog');
    expect((await move(h, dev, items.C!.key, { stateId: backlog, before: items.A!.key })).statusCode).toBe(200);
    // Before the first item is the top by another name: one rule refuses both.
    expect((await move(h, dev, items.C!.key, { before: items.A!.key })).statusCode).toBe(403);
    expect((await move(h, dev, items.C!.key, { position: 'top' })).statusCode).toBe(403);
    for (const role of ['stakeholder', 'viewer'] as const) {
      const u = await member(h, key, owner, role);
      expect((await move(h, u, items.C!.key, { before: items.A!.key })).statusCode).toBe(403);
    }
    const stranger = await h.buildUser();
    expect((await move(h, stranger, items.C!.key, { before: items.A!.key })).statusCode).toBe(404);
  });

  it('gives two concurrent moves into one gap distinct places, both between the same neighbours', async () => {
    const { key, owner, items } = await sixItems(h);
    const results = await Promise.all([
      move(h, owner, items.E!.key, { after: items.A!.key }),
      move(h, owner, items.F!.key, { after: items.A!.key }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const o = await order(h, key);
    expect(o.slice(0, 3).sort()).toEqual(['A', 'E', 'F']);
    expect(o[0]).toBe('A');
    expect(o.slice(3)).toEqual(['B', 'C', 'D']);
  });

  it('keeps the order a model predicts through 50 random moves', async () => {
    const { key, owner } = await buildBacklog(h);
    const model: string[] = [];
    for (let i = 0; i < 12; i++) model.push((await buildItem(h, owner, key, { title: `T${i}` })).key);
    const titleOf = new Map(model.map((k, i) => [k, `T${i}`]));
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let step = 0; step < 50; step++) {
      const moving = model[random(model.length)]!;
      const rest = model.filter((k) => k !== moving);
      const kind = random(4);
      const anchor = rest[random(rest.length)]!;
      const payload = kind === 0 ? { before: anchor } : kind === 1 ? { after: anchor } : { position: kind === 2 ? 'top' : 'bottom' };
      expect((await move(h, owner, moving, payload)).statusCode).toBe(200);
      const at = kind === 0 ? rest.indexOf(anchor) : kind === 1 ? rest.indexOf(anchor) + 1 : kind === 2 ? 0 : rest.length;
      rest.splice(at, 0, moving);
      model.splice(0, model.length, ...rest);
    }
    expect(await order(h, key)).toEqual(model.map((k) => titleOf.get(k)));
  });
});

describeEachDialect('POST /api/products/:key/items/bulk', (h) => {
  const bulk = (user: TestUser, key: string, payload: Record<string, unknown>) =>
    h.api(user, { method: 'POST', url: `/api/products/${key}/items/bulk`, payload });

  it('moves several items to the top or bottom keeping their order, writing only their rows', async () => {
    const { key, owner, items } = await sixItems(h);
    const untouched = (await storedItems(h, key)).filter((r) => ![items.E!.key, items.C!.key].includes(r.key));
    const res = await bulk(owner, key, { keys: [items.E!.key, items.C!.key], position: 'top' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { title: string }) => i.title)).toEqual(['C', 'E']);
    expect(await order(h, key)).toEqual(['C', 'E', 'A', 'B', 'D', 'F']);
    expect((await storedItems(h, key)).filter((r) => ![items.E!.key, items.C!.key].includes(r.key))).toEqual(untouched);
    await bulk(owner, key, { keys: [items.A!.key, items.C!.key, items.F!.key], position: 'bottom' });
    expect(await order(h, key)).toEqual(['E', 'B', 'D', 'C', 'A', 'F']);
  });

  it('sets state, sprint and assignee together, with one activity row per item that changed', async () => {
    const { key, owner, items, state } = await sixItems(h);
    const dev = await member(h, key, owner, 'developer');
    const { sprintId } = await buildSprintAndRelease(h, owner, key);
    const todo = state('To do');
    await move(h, owner, items.B!.key, { stateId: todo });
    expect((await bulk(dev, key, { keys: [items.A!.key], sprintId })).statusCode).toBe(403);
    const res = await bulk(owner, key, { keys: [items.A!.key, items.B!.key], stateId: todo, sprintId, assigneeId: dev.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ key: items.A!.key, stateId: todo, sprintId, assignee: { id: dev.id, name: dev.name } }),
      expect.objectContaining({ key: items.B!.key, stateId: todo, sprintId, assignee: { id: dev.id, name: dev.name } }),
    ]);
    const a = (await itemActivity(h, items.A!.key)).at(-1)!;
    expect(a).toMatchObject({
      action: 'moved',
      before: { state: 'Backlog', sprintId: null },
      after: { state: 'To do', stateId: todo, sprintId, assigneeId: dev.id },
    });
    const b = await itemActivity(h, items.B!.key);
    expect(b.at(-1)).toMatchObject({ action: 'updated', after: { sprintId, assigneeId: dev.id } });
    expect(b.at(-1)!.after).not.toHaveProperty('stateId');
    // Nothing to change is no change at all.
    const again = await bulk(dev, key, { keys: [items.A!.key], stateId: todo });
    expect(again.statusCode).toBe(200);
    expect(await itemActivity(h, items.A!.key)).toHaveLength(2);
  });

  it('changes nothing when one key is unknown (404 naming it) or a rule refuses one item', async () => {
    const { key, owner, items } = await sixItems(h);
    const dev = await member(h, key, owner, 'developer');
    const before = await storedItems(h, key);
    const unknown = await bulk(owner, key, { keys: [items.A!.key, `${key}-404`], position: 'top' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain(`${key}-404`);
    const state = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/states`,
      payload: { name: 'Doing', category: 'in_progress', wipLimit: 2 },
    });
    const doing = state.json().id;
    const refused = await bulk(dev, key, { keys: [items.A!.key, items.B!.key, items.C!.key], stateId: doing, position: 'top' });
    expect(refused.statusCode).toBe(403); // a developer may not reorder the whole backlog
    const full = await bulk(owner, key, { keys: [items.A!.key, items.B!.key, items.C!.key], stateId: doing });
    expect(full.statusCode).toBe(422);
    expect(full.json().error.details.violations).toEqual([expect.objectContaining({ key: items.C!.key, rule: 'wip_limit' })]);
    expect(await storedItems(h, key)).toEqual(before);
    expect((await bulk(dev, key, { keys: [items.A!.key, items.B!.key, items.C!.key], stateId: doing, override: true })).statusCode).toBe(
      403,
    );
    const forced = await bulk(owner, key, { keys: [items.A!.key, items.B!.key, items.C!.key], stateId: doing, override: true });
    expect(forced.statusCode).toBe(200);
    expect((await itemActivity(h, items.C!.key)).at(-1)!.after).toMatchObject({ override: true, violations: [{ rule: 'wip_limit' }] });
    const viewer = await member(h, key, owner, 'viewer');
    expect((await bulk(viewer, key, { keys: [items.D!.key], sprintId: null })).statusCode).toBe(403);
  });
});
