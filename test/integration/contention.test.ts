import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, eventGaps } from '../support/items.js';
import { startOrdo } from '../support/ordo-process.js';

type Answer = { op: string; status: number; body: string };

/** Runs `n` rounds of one kind of write, one after another, and keeps every answer. */
async function worker(n: number, op: string, write: (i: number) => Promise<{ statusCode: number; body: string }>): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < n; i++) {
    const res = await write(i);
    answers.push({ op, status: res.statusCode, body: res.body });
  }
  return answers;
}

const serverErrors = (answers: Answer[]) => answers.filter((a) => a.status >= 500);

describeEachDialect('writes of one product under contention', (h: Harness) => {
  it('answers creators, movers and editors working at once with success or a 409, never a 5xx', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const items: string[] = [];
    for (let i = 0; i < 12; i++) items.push((await buildItem(h, owner, key, { title: `Seed ${i}` })).key);
    const rounds = 12;
    const create = (w: number) =>
      worker(rounds, 'create', (i) =>
        h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: `C${w}-${i}` } }),
      );
    const move = (w: number) =>
      worker(rounds, 'move', (i) => {
        const moving = items[(w * 5 + i) % items.length]!;
        const anchor = items[(w * 3 + i * 7 + 1) % items.length]!;
        const payload =
          moving === anchor
            ? { position: 'top' }
            : i % 3 === 1
              ? { position: 'bottom' }
              : i % 3 === 0
                ? { stateId: state(i % 2 ? 'In progress' : 'To do') }
                : { after: anchor };
        return h.api(owner, { method: 'POST', url: `/api/items/${moving}/move`, payload });
      });
    const edit = (w: number) =>
      worker(rounds, 'edit', async (i) => {
        const itemKey = items[(w * 4 + i) % items.length]!;
        const current = (await h.api(owner, { method: 'GET', url: `/api/items/${itemKey}` })).json();
        return h.api(owner, { method: 'PATCH', url: `/api/items/${itemKey}`, payload: { title: `E${w}-${i}`, version: current.version } });
      });
    const answers = (await Promise.all([create(0), create(1), create(2), move(0), move(1), move(2), edit(0), edit(1)])).flat();
    expect(serverErrors(answers)).toEqual([]);
    // Creates never conflict with anything; moves and edits may lose an edit race (409) but must not fail otherwise.
    expect(answers.filter((a) => a.op === 'create').every((a) => a.status === 201)).toBe(true);
    expect(answers.filter((a) => a.op === 'move').every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.op === 'edit').every((a) => a.status === 200 || a.status === 409)).toBe(true);
    expect(await eventGaps(h, key)).toEqual([]);
  }, 120_000);

  it('answers the same mix over real HTTP from ordo serve with no 5xx', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const items: string[] = [];
    for (let i = 0; i < 12; i++) items.push((await buildItem(h, owner, key, { title: `Seed ${i}` })).key);
    const server = await startOrdo(h.dialect === 'postgres' ? { databaseUrl: h.db.url } : { dataDir: h.db.url });
    try {
      const send = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { ...owner.auth, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { statusCode: res.status, body: await res.text() };
      };
      const rounds = 8;
      const create = (w: number) => worker(rounds, 'create', (i) => send('POST', `/api/products/${key}/items`, { title: `H${w}-${i}` }));
      const move = (w: number) =>
        worker(rounds, 'move', (i) => {
          const moving = items[(w * 5 + i) % items.length]!;
          const anchor = items[(w * 3 + i * 7 + 1) % items.length]!;
          const payload =
            moving === anchor || i % 3 === 1 ? { position: 'bottom' } : i % 3 === 0 ? { stateId: state('In progress') } : { after: anchor };
          return send('POST', `/api/items/${moving}/move`, payload);
        });
      const edit = (w: number) =>
        worker(rounds, 'edit', async (i) => {
          const itemKey = items[(w * 4 + i) % items.length]!;
          const current = JSON.parse((await send('GET', `/api/items/${itemKey}`)).body);
          return send('PATCH', `/api/items/${itemKey}`, { title: `HE${w}-${i}`, version: current.version });
        });
      const answers = (await Promise.all([create(0), create(1), create(2), move(0), move(1), move(2), edit(0), edit(1)])).flat();
      expect(serverErrors(answers)).toEqual([]);
      expect(answers.filter((a) => a.op !== 'edit' && a.status >= 300)).toEqual([]);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('places 64 concurrent moves into one spot, each between fresh neighbours', async () => {
    const { key, owner } = await buildBacklog(h);
    const anchor = (await buildItem(h, owner, key, { title: 'Anchor' })).key;
    const after = (await buildItem(h, owner, key, { title: 'After' })).key;
    const movers: string[] = [];
    for (let i = 0; i < 64; i++) movers.push((await buildItem(h, owner, key, { title: `M${i}` })).key);
    const answers = await Promise.all(
      movers.map((m) => h.api(owner, { method: 'POST', url: `/api/items/${m}/move`, payload: { after: anchor } })),
    );
    expect(
      answers
        .filter((a) => a.statusCode !== 200)
        .map((a) => a.body)
        .slice(0, 2),
    ).toEqual([]);
    const rows = await h.ctx.db
      .selectFrom('items')
      .innerJoin('products', 'products.id', 'items.product_id')
      .select(['items.key', 'items.rank'])
      .where('products.key', '=', key)
      .orderBy('items.rank')
      .execute();
    const order = rows.map((r) => r.key);
    expect(order[0]).toBe(anchor);
    expect(order.at(-1)).toBe(after);
    expect(new Set(rows.map((r) => r.rank)).size).toBe(rows.length);
  }, 120_000);

  it('lets one of two owners demoting or removing each other win, so the product keeps an owner', async () => {
    for (let round = 0; round < 5; round++) {
      const { key, owner: a } = await buildBacklog(h);
      const b = await h.buildUser({ name: `Second owner ${round}` });
      await h.addMember(key, a, b, 'owner');
      const demote = (by: TestUser, who: TestUser) =>
        h.api(by, { method: 'PUT', url: `/api/products/${key}/members`, payload: { userId: who.id, role: 'developer' } });
      const remove = (by: TestUser, who: TestUser) => h.api(by, { method: 'DELETE', url: `/api/products/${key}/members/${who.id}` });
      const answers = await Promise.all(round % 2 ? [demote(a, b), demote(b, a)] : [remove(a, b), remove(b, a)]);
      expect(answers.map((r) => r.statusCode).filter((s) => s >= 500)).toEqual([]);
      const owners = await h.ctx.db
        .selectFrom('memberships')
        .innerJoin('products', 'products.id', 'memberships.product_id')
        .select('memberships.user_id')
        .where('products.key', '=', key)
        .where('memberships.role', 'in', ['owner', 'lead'])
        .execute();
      expect(owners.length).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);

  it('lets one of eight concurrent creations of a state, a user or a product with one name win; the others hear why', async () => {
    const { key, owner } = await buildBacklog(h);
    const names = ['Same', 'same', 'SAME', 'Same', 'same', 'Same', 'sAme', 'Same'];
    const states = await Promise.all(
      names.map((name) => h.api(owner, { method: 'POST', url: `/api/products/${key}/states`, payload: { name, category: 'in_progress' } })),
    );
    expect(states.map((r) => r.statusCode).sort()).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
    const stored = await h.ctx.db
      .selectFrom('workflow_states')
      .innerJoin('products', 'products.id', 'workflow_states.product_id')
      .select('workflow_states.name')
      .where('products.key', '=', key)
      .execute();
    expect(stored.filter((s) => s.name.toLowerCase() === 'same')).toHaveLength(1);

    const email = `twin-${key.toLowerCase()}@example.com`;
    const users = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        h.api(owner, {
          method: 'POST',
          url: '/api/users',
          payload: { email: i % 2 ? email.toUpperCase() : email, name: `Twin ${i}`, password: 'long enough pw' },
        }),
      ),
    );
    expect(users.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);

    const productKey = `Q${key}`.slice(0, 10);
    const products = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        h.api(owner, { method: 'POST', url: '/api/products', payload: { key: productKey, name: `Twin ${i}` } }),
      ),
    );
    expect(products.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  }, 120_000);
});
