import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';
import { freeKey, generateDemo } from '../../src/cli/demo.js';
import type { EventBus } from '../../src/realtime/bus.js';

describeEachDialect('ordo demo, stopped half-way', (h) => {
  it('leaves no half-built product and none of its people', async () => {
    const usersBefore = await h.ctx.db.selectFrom('users').select('id').execute();
    const stop = new AbortController();
    let writes = 0;
    // Stops the demo after its 300th committed change: deep in its history, with everything made.
    const bus: EventBus = Object.create(h.ctx.bus, {
      publish: {
        value: (productId: number, n: number) => {
          if (++writes === 300) stop.abort(new Error('stopped by the test'));
          h.ctx.bus.publish(productId, n);
        },
      },
    });
    await expect(generateDemo({ ...h.ctx, bus }, { key: 'HALF', signal: stop.signal })).rejects.toThrow('stopped by the test');
    expect(writes).toBeGreaterThanOrEqual(300);
    expect(await h.ctx.db.selectFrom('products').select('id').where('key', '=', 'HALF').execute()).toEqual([]);
    expect(await h.ctx.db.selectFrom('users').select('id').execute()).toEqual(usersBefore);
    expect(await h.ctx.db.selectFrom('items').select('id').execute()).toEqual([]);
    // Nothing stops a later demo under the same key.
    expect(await freeKey(h.ctx, 'HALF', false)).toBe('HALF');
  }, 120_000);

  it('removes the second product and the lead it made when stopped at its very end', async () => {
    // The whole demo once is enough to show it; SQLite runs it in seconds.
    if (h.dialect !== 'sqlite') return;
    const usersBefore = await h.ctx.db.selectFrom('users').select('id').execute();
    const productsBefore = await h.ctx.db.selectFrom('products').select('key').execute();
    const stop = new AbortController();
    const started = new Set<number>();
    const bus: EventBus = Object.create(h.ctx.bus, {
      publish: {
        value: (productId: number, n: number) => {
          // The first events of a second product: the reporting step's healthy product is being made.
          started.add(productId);
          if (started.size === 2 && !stop.signal.aborted) stop.abort(new Error('stopped at the end'));
          h.ctx.bus.publish(productId, n);
        },
      },
    });
    await expect(generateDemo({ ...h.ctx, bus }, { key: 'LATE', signal: stop.signal })).rejects.toThrow('stopped at the end');
    expect(await h.ctx.db.selectFrom('products').select('key').execute()).toEqual(productsBefore);
    expect(await h.ctx.db.selectFrom('users').select('id').execute()).toEqual(usersBefore);
  }, 120_000);
});
