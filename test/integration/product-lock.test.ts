import { sql } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import { transactionLockingProduct } from '../../src/db/locks.js';
import { describeEachDialect, type Harness } from '../support/harness.js';
import { buildBacklog } from '../support/items.js';

async function productId(h: Harness, key: string): Promise<number> {
  return (await h.ctx.db.selectFrom('products').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id;
}

/** A connection of its own, outside the app's pool, as another process would hold one. */
async function otherConnection(h: Harness): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: h.db.url });
  await client.connect();
  return client;
}

describeEachDialect("a product's writer locks its row as its transaction begins", (h: Harness) => {
  it('holds the row from the first statement, so another writer of the product waits its turn', async () => {
    const { key } = await buildBacklog(h);
    const id = await productId(h, key);
    const seen = await transactionLockingProduct(h.ctx.db, id, async (trx, { productLocked: locked }) => {
      if (h.dialect !== 'postgres') return { locked, otherCould: null };
      const other = await otherConnection(h);
      try {
        const tried = await other
          .query('SELECT id FROM products WHERE id = $1 FOR UPDATE NOWAIT', [id])
          .catch((e: { code: string }) => e.code);
        return { locked, otherCould: tried };
      } finally {
        await other.end();
      }
    });
    // On SQLite the transaction is the only writer (BEGIN IMMEDIATE); there is no row lock to take.
    if (h.dialect === 'postgres') expect(seen).toEqual({ locked: true, otherCould: '55P03' });
    else expect(seen).toEqual({ locked: false, otherCould: null });
  });

  it('gives its connection back clean when the lock is not granted', async () => {
    if (h.dialect !== 'postgres') return; // SQLite takes no row lock
    const { key } = await buildBacklog(h);
    const id = await productId(h, key);
    const holder = await otherConnection(h);
    const watcher = await otherConnection(h);
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM products WHERE id = $1 FOR UPDATE', [id]);
      const waiting = transactionLockingProduct(h.ctx.db, id, async () => 'ran').catch((e: { code?: string }) => e.code);
      // The writer waits for the row; cancelling its wait fails the BEGIN's lock, as a deadlock would.
      await expect
        .poll(async () => {
          const { rows } = await watcher.query(
            `SELECT pg_cancel_backend(pid) AS cancelled FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'BEGIN; SELECT id FROM products%'`,
          );
          return rows.length;
        })
        .toBe(1);
      expect(await waiting).toBe('57014');
      await holder.query('ROLLBACK');
      // Every connection of the pool answers: none was left inside the failed transaction.
      const answers = await Promise.all(Array.from({ length: 20 }, () => sql<{ one: number }>`SELECT 1 AS one`.execute(h.ctx.db)));
      expect(answers.map((a) => a.rows[0]!.one)).toEqual(Array(20).fill(1));
      expect(await transactionLockingProduct(h.ctx.db, id, async (_trx, begun) => begun.productLocked)).toBe(true);
    } finally {
      await holder.end();
      await watcher.end();
    }
  });

  it("reads the product's states as it begins when asked, as a read inside the transaction would give them", async () => {
    const { key } = await buildBacklog(h);
    const id = await productId(h, key);
    const { begun, read } = await transactionLockingProduct(
      h.ctx.db,
      id,
      async (trx, begun) => ({
        begun,
        read: await trx.selectFrom('workflow_states').selectAll().where('product_id', '=', id).orderBy('position').execute(),
      }),
      { readStates: true },
    );
    expect(read.map((s) => s.name)).toEqual(['Backlog', 'To do', 'In progress', 'Review', 'Done']);
    // SQLite reads them in the mutation instead (no round trip to save).
    if (h.dialect === 'postgres') expect(begun).toEqual({ productLocked: true, states: read });
    else expect(begun).toEqual({ productLocked: false });
  });
});
