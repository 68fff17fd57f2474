import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';
import { SseClient } from '../support/sse.js';
import { createState } from '../../src/services/products/create-state.js';

/**
 * Readers of one product share their reads of the log (src/http/routes/events.ts, sharedRead):
 * however changes and signals interleave, each reader still gets every event once and in order.
 */
describeEachDialect('many readers of one product sharing their reads', (h) => {
  let base = '';
  beforeAll(async () => {
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('each of 40 readers gets every one of 30 concurrent changes, once, in order', async () => {
    const { key, owner } = await h.buildProduct();
    const { last_event: start } = await h.ctx.db
      .selectFrom('products')
      .select('last_event')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    const readers = await Promise.all(Array.from({ length: 40 }, () => SseClient.open(`${base}/api/products/${key}/events`, owner.auth)));
    try {
      // Three writers at once, ten changes each: signals arrive while reads are in flight.
      await Promise.all(
        [0, 1, 2].map(async (w) => {
          for (let i = 0; i < 10; i++) await createState(h.ctx, owner.actor, key, { name: `W${w} step ${i}`, category: 'in_progress' });
        }),
      );
      const expected = Array.from({ length: 30 }, (_, i) => start + 1 + i);
      for (const r of readers) expect((await r.activities(30, 10_000)).map((e) => e.id)).toEqual(expected);
      await new Promise((r) => setTimeout(r, 100));
      expect(readers.map((r) => r.pending.length)).toEqual(readers.map(() => 0));
    } finally {
      for (const r of readers) r.close();
    }
  });
});
