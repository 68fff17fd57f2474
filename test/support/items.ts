import { expect } from 'vitest';
import type { Harness, TestUser } from './harness.js';
import { productStates } from '../../src/cli/seed/product.js';

/** A product with the default workflow; `state('Done')` gives a state's id. */
export async function buildBacklog(h: Harness, owner?: TestUser) {
  const { key, owner: own } = await h.buildProduct(owner);
  const { stateId } = await productStates(h.ctx.db, key);
  return { key, owner: own, state: stateId };
}

/** Creates an item through the API and returns it; fails the test on anything but 201. */
export async function buildItem(h: Harness, user: TestUser, productKey: string, payload: Record<string, unknown> = {}) {
  const res = await h.api(user, { method: 'POST', url: `/api/products/${productKey}/items`, payload: { title: 'An item', ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Moves an item through the API; fails the test on anything but 200. */
export async function moveTo(h: Harness, user: TestUser, itemKey: string, stateId: number) {
  const res = await h.api(user, { method: 'POST', url: `/api/items/${itemKey}/move`, payload: { stateId } });
  expect(res.statusCode, res.body).toBe(200);
}

/** Edits an item through the API at its current version; fails the test on anything but 200. */
export async function edit(h: Harness, user: TestUser, itemKey: string, payload: Record<string, unknown>) {
  const current = (await h.api(user, { method: 'GET', url: `/api/items/${itemKey}` })).json();
  const res = await h.api(user, { method: 'PATCH', url: `/api/items/${itemKey}`, payload: { ...payload, version: current.version } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Every item of a product as stored (deleted ones too), for asserting what a change did not touch. */
export async function storedItems(h: Harness, productKey: string) {
  return h.ctx.db
    .selectFrom('items')
    .innerJoin('products', 'products.id', 'items.product_id')
    .select(['items.key', 'items.rank', 'items.version', 'items.state_id', 'items.updated_at'])
    .where('products.key', '=', productKey)
    .orderBy('items.id')
    .execute();
}

/** The activity rows of one item, oldest first, with before/after parsed. */
export async function itemActivity(h: Harness, itemKey: string) {
  const rows = await h.ctx.db
    .selectFrom('activity')
    .innerJoin('items', 'items.id', 'activity.item_id')
    .select(['activity.action', 'activity.before', 'activity.after', 'activity.entity_type'])
    .where('items.key', '=', itemKey)
    .orderBy('activity.event_number')
    .execute();
  return rows.map((r) => ({ ...r, before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null }));
}

/** Adds a member with a role and returns them. */
export async function member(
  h: Harness,
  productKey: string,
  owner: TestUser,
  role: 'lead' | 'owner' | 'developer' | 'qa' | 'stakeholder' | 'viewer',
  name?: string,
) {
  const u = await h.buildUser({ name });
  await h.addMember(productKey, owner, u, role);
  return u;
}

/** A sprint and a release of a product, through the API. */
export async function buildSprintAndRelease(h: Harness, owner: TestUser, productKey: string) {
  const sprint = await h.api(owner, { method: 'POST', url: `/api/products/${productKey}/sprints`, payload: { name: 'Sprint 1' } });
  expect(sprint.statusCode, sprint.body).toBe(201);
  const release = await h.api(owner, { method: 'POST', url: `/api/products/${productKey}/releases`, payload: { name: 'Release 1' } });
  expect(release.statusCode, release.body).toBe(201);
  return { sprintId: sprint.json().id as number, releaseId: release.json().id as number };
}

/**
 * Where a product's event numbers are not consecutive: each number must be taken once, with no
 * gap a reader would wait on forever. Empty when they are.
 */
export async function eventGaps(h: Harness, key: string): Promise<string[]> {
  const rows = await h.ctx.db
    .selectFrom('activity')
    .innerJoin('products', 'products.id', 'activity.product_id')
    .select('activity.event_number')
    .where('products.key', '=', key)
    .orderBy('activity.event_number')
    .execute();
  const gaps: string[] = [];
  for (let i = 1; i < rows.length; i++) {
    const [before, after] = [rows[i - 1]!.event_number, rows[i]!.event_number];
    if (after !== before + 1) gaps.push(`${before} → ${after}`);
  }
  return gaps;
}
