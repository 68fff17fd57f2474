import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';
import { SseClient } from '../support/sse.js';
import { activityAfter } from '../../src/services/activity.js';
import { mutate } from '../../src/services/context.js';
import { createState } from '../../src/services/products/create-state.js';
import { updateState } from '../../src/services/products/update-state.js';

const WRITERS = 20;
const CHANGES_PER_WRITER = 10;

/**
 * DESIGN.md "Beware": event numbers must become visible in number order, or a reader resuming
 * after 42 skips a 41 that commits later. Many writers race on one product (through a pool of 10
 * connections on PostgreSQL) while readers keep resuming from the last number they saw.
 */
describeEachDialect('event order under concurrent writers', (h) => {
  let base = '';
  beforeAll(async () => {
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('lets a resuming reader see every event number exactly once, in order, with no gaps', async () => {
    const { key, owner } = await h.buildProduct();
    const product = await h.ctx.db.selectFrom('products').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
    const states = [];
    for (let w = 0; w < WRITERS; w++)
      states.push(await createState(h.ctx, owner.actor, key, { name: `Lane ${w}`, category: 'in_progress' }));
    const start = (await h.ctx.db.selectFrom('products').select('last_event').where('id', '=', product.id).executeTakeFirstOrThrow())
      .last_event;

    let writing = true;
    const writers = states.map(async (state, w) => {
      for (let c = 0; c < CHANGES_PER_WRITER; c++) {
        if ((w + c) % 2 === 0) {
          await updateState(h.ctx, owner.actor, key, state.id, { name: `Lane ${w} take ${c}` });
        } else {
          // Hold the transaction open after taking the number, so a later number could commit first
          // if numbers were not ordered by commit.
          await mutate(h.ctx, async (tx) => {
            await tx.record({
              productId: product.id,
              actorId: owner.id,
              entityType: 'product',
              entityId: product.id,
              action: 'updated',
              before: {},
              after: {},
            });
            await sleep(Math.random() * 4);
          });
        }
      }
    });

    const end = start + WRITERS * CHANGES_PER_WRITER;
    const seenByPolling: number[] = [];
    const polling = (async () => {
      let last = start;
      while (writing || last < end) {
        const rows = await activityAfter(h.ctx.db, product.id, last, 7);
        for (const r of rows) seenByPolling.push(r.id);
        if (rows.length) last = rows[rows.length - 1]!.id;
        else await sleep(1);
      }
    })();

    // An SSE client that drops its connection every few events and resumes with Last-Event-ID.
    const seenByStream: number[] = [];
    const streaming = (async () => {
      let last = start;
      while (last < end) {
        const stream = await SseClient.open(`${base}/api/products/${key}/events`, { ...owner.auth, 'last-event-id': String(last) });
        try {
          const events = await stream.activities(Math.min(9, end - last), 20_000);
          for (const e of events) seenByStream.push(e.id);
          last = events[events.length - 1]!.id;
        } finally {
          stream.close();
        }
      }
    })();

    await Promise.all(writers);
    writing = false;
    await Promise.all([polling, streaming]);

    const expected = Array.from({ length: end - start }, (_, i) => start + 1 + i);
    expect(seenByPolling).toEqual(expected);
    expect(seenByStream).toEqual(expected);
  }, 60_000);
});
