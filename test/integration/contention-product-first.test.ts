import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type Harness } from '../support/harness.js';
import { buildBacklog, buildItem, eventGaps } from '../support/items.js';

type Answer = { op: string; status: number; body: string };

/** Runs `n` rounds of one kind of write, one after another, and keeps every answer. */
async function worker(
  n: number,
  op: string,
  write: (i: number) => Promise<Array<{ statusCode: number; body: string }>>,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < n; i++) for (const res of await write(i)) answers.push({ op, status: res.statusCode, body: res.body });
  return answers;
}

/** PostgreSQL's count of deadlocks it broke in this database (each one a transaction rolled back and retried); 0 on SQLite. */
async function deadlocks(h: Harness): Promise<number> {
  if (h.dialect !== 'postgres') return 0;
  const { rows } = await sql<{ n: string }>`SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()`.execute(
    h.ctx.db,
  );
  return Number(rows[0]!.n);
}

/**
 * Status updates, share links and webhooks write a product's activity like item writes do; each
 * takes the product row first (issue 12), so none of them deadlocks with creators and movers of
 * the same product on PostgreSQL.
 */
describeEachDialect('reporting and settings writes beside item writes of one product', (h: Harness) => {
  // Webhooks to this machine are refused unless allowed; nothing is delivered (no worker runs).
  beforeAll(() => void (process.env.WEBHOOK_ALLOW_PRIVATE = 'true'));
  afterAll(() => void delete process.env.WEBHOOK_ALLOW_PRIVATE);

  it('answers every write with success or a 409 that says why, never a 5xx', async () => {
    const { key, owner, state } = await buildBacklog(h);
    const items: string[] = [];
    for (let i = 0; i < 10; i++) items.push((await buildItem(h, owner, key, { title: `Seed ${i}` })).key);
    const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      h.api(owner, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    const rounds = 10;
    const create = (w: number) =>
      worker(rounds, 'create', async (i) => [await api('POST', `/api/products/${key}/items`, { title: `C${w}-${i}` })]);
    const move = (w: number) =>
      worker(rounds, 'move', async (i) => {
        const moving = items[(w * 3 + i) % items.length]!;
        const anchor = items[(w * 7 + i * 3 + 1) % items.length]!;
        const payload =
          moving === anchor || i % 3 === 1
            ? { position: 'top' }
            : i % 3 === 0
              ? { stateId: state(i % 2 ? 'In progress' : 'To do') }
              : { after: anchor };
        return [await api('POST', `/api/items/${moving}/move`, payload)];
      });
    const report = worker(rounds, 'update', async (i) => {
      const draft = await api('POST', `/api/products/${key}/updates/draft`);
      if (draft.statusCode >= 300) return [draft];
      const edited = await api('PATCH', `/api/products/${key}/updates/draft`, {
        body: `Week ${i}: on track.`,
        health: 'on_track',
        version: draft.json().version,
      });
      if (edited.statusCode >= 300) return [draft, edited];
      return [draft, edited, await api('POST', `/api/products/${key}/updates/draft/publish`, { version: edited.json().version })];
    });
    const share = worker(rounds, 'share link', async (i) => {
      const made = await api('POST', `/api/products/${key}/share-links`, {
        label: `Board ${i}`,
        scope: { updates: true, forecasts: false, roadmap: true },
      });
      if (made.statusCode >= 300) return [made];
      return [made, await api('DELETE', `/api/products/${key}/share-links/${made.json().id}`)];
    });
    const hook = worker(rounds, 'webhook', async (i) => {
      const made = await api('POST', `/api/products/${key}/webhooks`, { url: `http://127.0.0.1:9/hook-${i}`, events: ['item.created'] });
      if (made.statusCode >= 300) return [made];
      return [made, await api('DELETE', `/api/products/${key}/webhooks/${made.json().id}`)];
    });
    const deadlocksBefore = await deadlocks(h);
    const answers = (await Promise.all([create(0), create(1), move(0), move(1), report, share, hook])).flat();

    // Taking the product row first leaves PostgreSQL nothing to break (before: about 20 deadlocks here, each retried).
    expect((await deadlocks(h)) - deadlocksBefore).toBe(0);
    const wrong = answers.filter((a) => !(a.status < 300 || (a.status === 409 && JSON.parse(a.body).error?.message)));
    expect(wrong).toEqual([]);
    // Each kind did its work: the reporter published, links and webhooks came and went.
    for (const op of ['create', 'move', 'update', 'share link', 'webhook'])
      expect(
        answers.some((a) => a.op === op && a.status < 300),
        op,
      ).toBe(true);
    const published = await api('GET', `/api/products/${key}/updates`);
    expect(published.json().items.length).toBeGreaterThan(0);

    expect(await eventGaps(h, key)).toEqual([]);
  }, 120_000);
});
