/// <reference types="vite/client" />
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { can } from '../../src/domain/permissions.js';
import { PRODUCT_ROLES } from '../../src/domain/roles.js';
import { buildWalkWorld, type Call, type Row, type Who, type World } from './roles/walk.js';

/**
 * Every product-scoped endpoint × every role, with the expectation derived from the permission
 * matrix: without a role the product does not exist (404); a role lacking the action gets 403; a
 * role having it succeeds. The rows live in roles/*.rows.ts, one file per resource; together they
 * must name every such route the server registers, so a new endpoint cannot ship unwalked.
 */

const WHO: Who[] = ['admin', ...PRODUCT_ROLES, 'none'];

const modules = import.meta.glob<{ rows: (h: Harness) => Row[]; unscoped?: string[] }>('./roles/*.rows.ts', { eager: true });
const rows = (h: Harness): Row[] => Object.values(modules).flatMap((m) => m.rows(h));

/** Routes that are not about one product: sign-in, the caller's own account, users, the product list. */
const UNSCOPED = new Set([
  ...Object.values(modules).flatMap((m) => m.unscoped ?? []),
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/products',
  'POST /api/products',
  'GET /api/me',
  'GET /api/setup',
  'POST /api/setup',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/tokens',
  'POST /api/tokens',
  'DELETE /api/tokens/:id',
  'GET /api/users',
  'POST /api/users',
]);

type Outcome = 'hidden' | 'forbidden' | 'allowed' | string;

function expected(row: Row, who: Who): Outcome {
  if (who === 'none') return 'hidden';
  return row.actions.every((a) => can(who, a)) ? 'allowed' : 'forbidden';
}

function outcome(status: number, body: string): Outcome {
  if (status === 404) return 'hidden';
  if (status === 403) return 'forbidden';
  if (status >= 200 && status < 300) return 'allowed';
  return `${status} ${body.slice(0, 200)}`;
}

describeEachDialect('every product endpoint × every role', (h) => {
  const w = {} as World;

  beforeAll(async () => {
    Object.assign(w, await buildWalkWorld(h, { base: await h.app.listen({ port: 0, host: '127.0.0.1' }) }));
  });

  async function call(row: Row, user: TestUser, c: Call): Promise<Outcome> {
    if (!row.stream) {
      const res = await h.api(user, { method: c.method ?? row.method, url: c.url, payload: c.payload });
      return outcome(res.statusCode, res.body);
    }
    const abort = new AbortController();
    const res = await fetch(`${w.base}${c.url}`, { headers: { accept: 'text/event-stream', ...user.auth }, signal: abort.signal });
    const body = res.status === 200 ? '' : await res.text();
    abort.abort();
    await res.body?.cancel().catch(() => {});
    return outcome(res.status, body);
  }

  for (const row of rows(h)) {
    it(`${row.method} ${row.route}${row.variant ? ` (${row.variant})` : ''} needs ${row.actions.join(' + ')}`, async () => {
      const want: Record<string, Outcome> = {};
      const got: Record<string, Outcome> = {};
      for (const who of WHO) {
        want[who] = expected(row, who);
        got[who] = await call(row, w.users[who], await row.prepare(w, who));
      }
      expect(got).toEqual(want);
    });
  }

  it('walks every product-scoped route the server registers', async () => {
    const spec = (await h.api(w.owner, { method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const registered = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const walked = new Set(rows(h).map((r) => `${r.method} ${r.route}`));
    expect(registered.filter((r) => !UNSCOPED.has(r) && !walked.has(r))).toEqual([]);
  });
});
