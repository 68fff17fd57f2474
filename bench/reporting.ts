import { sql } from 'kysely';
import { freshDatabase } from '../test/support/database.js';
import { startOrdo } from '../test/support/ordo-process.js';
import { PG_ADMIN_URL } from './lib/fixture.js';
import { generateProduct } from './lib/generate.js';
import { percentile, SequentialClient } from './lib/load.js';
import { fmt, type BenchContext, type SectionResult, type Table } from './lib/report.js';

const PRODUCTS = 20;
const ITEMS_PER_PRODUCT = 10_000;
/** each product's open release: this many of its unfinished items, due in three weeks */
const RELEASE_ITEMS = 300;
const RUNS = 20;

/**
 * Reporting up on a lead's portfolio of 20 products of 10,000 items each (a year of history, a
 * release of 300 open items due in three weeks, some blocked work): drafting a status update (the
 * facts since the previous update and each open release's forecast, written as Markdown; the
 * draft is deleted between runs so each run writes a new one) and loading the portfolio (all
 * twenty rows with their forecasts). `--items` below 10,000 shrinks the products for a quick try.
 */
export async function reportingBench(ctx: BenchContext): Promise<SectionResult> {
  const perProduct = Math.min(ITEMS_PER_PRODUCT, ctx.items);
  const table: Table = {
    title: `${PRODUCTS} products × ${perProduct.toLocaleString('en')} items (targets on SQLite: draft < 300 ms, portfolio < 500 ms)`,
    columns: ['dialect', 'operation', 'p50 ms', 'p99 ms', 'KB', 'target'],
    rows: [],
  };
  for (const dialect of ctx.dialects) {
    const db = await freshDatabase(dialect, { prefix: 'ordo_bench_reporting', adminUrl: PG_ADMIN_URL });
    try {
      ctx.log(`[${dialect}] generating ${PRODUCTS} products of ${perProduct.toLocaleString('en')} items`);
      let token = '';
      for (let p = 1; p <= PRODUCTS; p++) {
        const key = `RP${String(p).padStart(2, '0')}`;
        const product = await generateProduct(db.handle, { key, items: perProduct, seed: 1000 + p });
        if (p === 1) token = product.token;
        const productId = (await db.handle.db.selectFrom('products').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id;
        const now = new Date().toISOString();
        const release = await db.handle.db
          .insertInto('releases')
          .values({
            product_id: productId,
            name: `${key} 2.0`,
            description: '',
            target_date: new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10),
            created_at: now,
            released_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const open = await db.handle.db
          .selectFrom('items')
          .select('id')
          .where('product_id', '=', productId)
          .where('done_at', 'is', null)
          .where('type', '!=', 'epic')
          .orderBy('rank')
          .limit(RELEASE_ITEMS)
          .execute();
        await db.handle.db
          .updateTable('items')
          .set({ release_id: release.id })
          .where(
            'id',
            'in',
            open.map((o) => o.id),
          )
          .execute();
      }
      if (dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(db.handle.db);
      const server = await startOrdo(dialect === 'sqlite' ? { dataDir: db.url } : { databaseUrl: db.url });
      const client = new SequentialClient(server.url, { authorization: `Bearer ${token}` });
      try {
        // A change to a product (a new event number) makes its forecasts be simulated afresh; without one they are kept.
        const touch = () =>
          db.handle.db
            .updateTable('products')
            .set((eb) => ({ last_event: eb('last_event', '+', 1) }))
            .execute();
        const draft: number[] = [];
        let draftBytes = 0;
        for (let i = 0; i < RUNS + 2; i++) {
          await db.handle.db.deleteFrom('status_updates').where('state', '=', 'draft').execute();
          await touch();
          const res = await client.request('POST', '/api/products/RP01/updates/draft');
          if (res.status !== 200) throw new Error(`draft answered ${res.status}: ${res.text.slice(0, 200)}`);
          if (i >= 2) draft.push(res.ms);
          draftBytes = res.bytes;
        }
        const p50 = percentile(draft, 50);
        table.rows.push([
          dialect,
          'draft a status update',
          fmt.ms(p50),
          fmt.ms(percentile(draft, 99)),
          fmt.kb(draftBytes),
          fmt.verdict(dialect === 'sqlite' ? p50 < 300 : null),
        ]);

        for (const changed of [true, false]) {
          const portfolio: number[] = [];
          let portfolioBytes = 0;
          for (let i = 0; i < RUNS + 2; i++) {
            if (changed) await touch();
            const res = await client.request('GET', '/api/portfolio');
            if (res.status !== 200) throw new Error(`portfolio answered ${res.status}: ${res.text.slice(0, 200)}`);
            if (i >= 2) portfolio.push(res.ms);
            portfolioBytes = res.bytes;
          }
          const q50 = percentile(portfolio, 50);
          table.rows.push([
            dialect,
            changed
              ? `portfolio, every product changed since the last load (${PRODUCTS} forecasts)`
              : 'portfolio, nothing changed since the last load',
            fmt.ms(q50),
            fmt.ms(percentile(portfolio, 99)),
            fmt.kb(portfolioBytes),
            fmt.verdict(dialect === 'sqlite' ? q50 < 500 : null),
          ]);
        }
      } finally {
        client.close();
        await server.close();
      }
    } finally {
      await db.drop();
    }
  }
  return {
    tables: [table],
    notes: [
      `Each figure is the time from request to last byte on one kept-alive connection, ${RUNS} runs after two warm-ups. Drafting reads the facts since the product's creation (no update yet) and forecasts the open release with the release page's own 10,000-trial simulation; the portfolio forecasts every product's open release, one after another. A product's forecasts are kept until it changes (its event number) or the day turns, so the portfolio is measured both ways: every product changed before each load (the worst case: twenty 10,000-trial simulations), and nothing changed (a lead reloading).`,
    ],
  };
}
