import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';
import { writeItemsInBulk } from '../../src/cli/seed/bulk.js';
import { productStates } from '../../src/cli/seed/product.js';
import { createItem } from '../../src/services/items/create-item.js';
import { moveItem } from '../../src/services/items/move-item.js';

/** The benches' data stands for real use only if bulk rows are the rows the services write. */
describeEachDialect('bulk seeding (src/cli/seed/bulk.ts)', (h) => {
  const HOUR = 3_600_000;

  /** What a user can see of an item, and of its history, whichever way it was written. */
  const seen = async (productKey: string) => {
    const items = await h.ctx.db
      .selectFrom('items')
      .innerJoin('products', 'products.id', 'items.product_id')
      .innerJoin('workflow_states', 'workflow_states.id', 'items.state_id')
      .select([
        'items.type',
        'items.title',
        'items.description',
        'items.estimate',
        'items.labels',
        'items.blocked',
        'items.created_at',
        'items.updated_at',
        'items.state_entered_at',
        'items.started_at',
        'items.done_at',
        'items.version',
        'workflow_states.name as state',
      ])
      .where('products.key', '=', productKey)
      .execute();
    const history = await h.ctx.db
      .selectFrom('activity')
      .innerJoin('products', 'products.id', 'activity.product_id')
      .select(['activity.action', 'activity.before', 'activity.after', 'activity.created_at', 'activity.event_number'])
      .where('products.key', '=', productKey)
      .where('activity.entity_type', '=', 'item')
      .orderBy('activity.event_number')
      .execute();
    const state = (json: string | null) => (json ? (JSON.parse(json) as { state: string }).state : null);
    const labels = await h.ctx.db
      .selectFrom('item_labels')
      .innerJoin('products', 'products.id', 'item_labels.product_id')
      .select('item_labels.label')
      .where('products.key', '=', productKey)
      .execute();
    return {
      items,
      labels: labels.map((l) => l.label).sort(),
      history: history.map((a) => ({ action: a.action, from: state(a.before), to: state(a.after), at: a.created_at })),
      lastEvent: history.at(-1)!.event_number,
    };
  };

  it('writes an item, its labels and its history as creating and moving it through the services does', async () => {
    const { owner, key: viaServices } = await h.buildProduct();
    const { key: inBulk } = await h.buildProduct(owner);
    const t0 = Date.parse('2026-02-02T09:00:00.000Z');
    const journey = [
      { state: 'Backlog', at: t0 },
      { state: 'To do', at: t0 + 26 * HOUR },
      { state: 'In progress', at: t0 + 50 * HOUR },
      { state: 'Done', at: t0 + 98 * HOUR },
    ];

    const { stateId } = await productStates(h.ctx.db, viaServices);
    h.clock.set(t0);
    const { key } = await createItem(h.ctx, owner.actor, viaServices, {
      title: 'Refund to the card',
      type: 'bug',
      labels: ['api', 'billing'],
    });
    for (const step of journey.slice(1)) {
      h.clock.set(step.at);
      await moveItem(h.ctx, owner.actor, key, { stateId: stateId(step.state) });
    }

    const written = await writeItemsInBulk(h.ctx.db, { productKey: inBulk, actorId: owner.id }, 1, () => ({
      type: 'bug',
      title: 'Refund to the card',
      rank: 'a0',
      labels: ['api', 'billing'],
      journey,
    }));

    const expected = await seen(viaServices);
    const actual = await seen(inBulk);
    expect(written.activityRows).toBe(4);
    expect(actual.items).toEqual(expected.items);
    expect(actual.labels).toEqual(['api', 'billing']);
    expect(actual.history).toEqual(expected.history);
    // The product's event counter moved on, so the next change through the services numbers after the bulk rows.
    const product = await h.ctx.db
      .selectFrom('products')
      .select(['last_event', 'next_item_number'])
      .where('key', '=', inBulk)
      .executeTakeFirstOrThrow();
    expect(product).toEqual({ last_event: actual.lastEvent, next_item_number: 2 });
  });
});
