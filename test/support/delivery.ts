import { expect } from 'vitest';
import type { Harness, TestUser } from './harness.js';

export const DAY = 86_400_000;

/** A product with the default workflow; `state('Done')` gives a state's id. */
export async function deliveryProduct(h: Harness) {
  const { key, owner } = await h.buildProduct();
  const detail = (await h.api(owner, { method: 'GET', url: `/api/products/${key}` })).json();
  const state = (name: string): number => detail.states.find((s: { name: string }) => s.name === name).id;
  return { key, owner, state };
}

export async function addItem(h: Harness, user: TestUser, productKey: string, payload: Record<string, unknown> = {}) {
  const res = await h.api(user, { method: 'POST', url: `/api/products/${productKey}/items`, payload: { title: 'Work', ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { key: string; version: number };
}

export async function moveTo(h: Harness, user: TestUser, itemKey: string, stateId: number) {
  const res = await h.api(user, { method: 'POST', url: `/api/items/${itemKey}/move`, payload: { stateId } });
  expect(res.statusCode, res.body).toBe(200);
}

export async function edit(h: Harness, user: TestUser, itemKey: string, payload: Record<string, unknown>) {
  const current = (await h.api(user, { method: 'GET', url: `/api/items/${itemKey}` })).json();
  const res = await h.api(user, { method: 'PATCH', url: `/api/items/${itemKey}`, payload: { ...payload, version: current.version } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
