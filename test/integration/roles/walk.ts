import type { InjectOptions } from 'fastify';
import type { Harness, TestUser } from '../../support/harness.js';
import type { Action } from '../../../src/domain/permissions.js';
import { PRODUCT_ROLES, type ProductRole } from '../../../src/domain/roles.js';

/**
 * The role walk's vocabulary: a row is one product-scoped endpoint (or one way of calling it) with
 * the actions it needs. Each `*.rows.ts` file beside this one exports `rows(h)` for a resource (and,
 * when it adds endpoints that are not about one product, `unscoped`); roles.test.ts walks them all.
 */

export type Who = 'admin' | ProductRole | 'none';

export interface World {
  key: string;
  owner: TestUser;
  users: Record<Who, TestUser>;
  state: (name: string) => number;
  /** a fresh item in the walked product, created by its owner */
  item(): Promise<{ key: string; version: number }>;
  /** a fresh product with every role, for changes that would disturb the shared one */
  product(): Promise<string>;
  base: string;
}

export interface Call {
  url: string;
  method?: InjectOptions['method'];
  payload?: Record<string, unknown>;
}

export interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** the route as registered, e.g. /api/items/:key/move */
  route: string;
  /** what the call does, when one route is walked several ways */
  variant?: string;
  /** every action the call needs */
  actions: Action[];
  /** a long-lived response (SSE): only its status is read */
  stream?: boolean;
  prepare(w: World, who: Who): Promise<Call>;
}

let n = 0;
export const unique = (prefix: string) => `${prefix} ${++n}`;

export async function ok<T = any>(h: Harness, user: TestUser, opts: InjectOptions): Promise<T> {
  const res = await h.api(user, opts);
  if (res.statusCode >= 300) throw new Error(`fixture ${opts.method} ${opts.url} answered ${res.statusCode}: ${res.body}`);
  return res.body ? res.json() : (undefined as T);
}

/**
 * The walk's world: an admin, the product's owner, one member per other role, someone without a
 * role, and fixtures (items, fresh products with the same members). `onProduct` hears of every
 * product made, for tests that must act on all of them (archive them, say).
 */
export async function buildWalkWorld(h: Harness, opts: { base?: string; onProduct?: (key: string) => void } = {}): Promise<World> {
  const admin = await h.buildUser({ name: 'Admin', isAdmin: true });
  const owner = await h.buildUser({ name: 'Owner' });
  const { key } = await h.buildProduct(owner);
  opts.onProduct?.(key);
  const users = { admin, owner, none: await h.buildUser({ name: 'Nobody' }) } as Record<Who, TestUser>;
  for (const role of PRODUCT_ROLES) {
    if (role === 'owner') continue;
    users[role] = await h.buildUser({ name: role });
    await h.addMember(key, owner, users[role], role);
  }
  const states = (await ok<{ items: { id: number; name: string }[] }>(h, owner, { method: 'GET', url: `/api/products/${key}/states` }))
    .items;
  return {
    key,
    owner,
    users,
    state: (name: string) => states.find((s) => s.name === name)!.id,
    item: () => ok(h, owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: unique('Fixture') } }),
    product: async () => {
      const { key: fresh } = await h.buildProduct(owner);
      for (const role of PRODUCT_ROLES) if (role !== 'owner') await h.addMember(fresh, owner, users[role], role);
      opts.onProduct?.(fresh);
      return fresh;
    },
    base: opts.base ?? '',
  };
}
