import type { Db, NewItemRow } from '../../db/schema.js';
import { NEVER_BLOCKED, NO_SCORES, stateEntryColumns } from '../../services/items/item-columns.js';

/** One item of a bulk-written product: what it is, and the states it went through, from its creation. */
export interface BulkItem {
  type: NewItemRow['type'];
  title: string;
  rank: string;
  labels?: string[];
  /** where it was created (the first) and every state it entered after, with when (ms since the epoch) */
  journey: Array<{ state: string; at: number }>;
  /** the rest of the row, where it differs from what createItem writes by default */
  fields?: Partial<Omit<NewItemRow, 'product_id' | 'number' | 'key' | 'labels' | 'state_id'>>;
}

const BATCH = 500;

/**
 * Writes `count` items into a product that has none yet, in large batches, as creating and moving
 * them through the item services would have left them: the item rows with their state dates and
 * versions, their labels, and one activity row per creation and per state change, numbered after
 * the product's last event (test/integration/seed-bulk.test.ts holds it to that). For benches,
 * where 100,000 items through the services would take too long. Items 1…count get keys
 * KEY-1…KEY-count; `itemAt(i, epicIds)` describes item i, given the ids of the epics written in
 * earlier batches.
 */
export async function writeItemsInBulk(
  db: Db,
  target: { productKey: string; actorId: number },
  count: number,
  itemAt: (i: number, epicIds: readonly number[]) => BulkItem,
): Promise<{ activityRows: number }> {
  const product = await db.selectFrom('products').selectAll().where('key', '=', target.productKey).executeTakeFirstOrThrow();
  const stateRows = await db.selectFrom('workflow_states').selectAll().where('product_id', '=', product.id).execute();
  const stateNamed = (name: string) => {
    const state = stateRows.find((s) => s.name === name);
    if (!state) throw new Error(`product ${product.key} has no state named ${name}`);
    return state;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  let event = product.last_event;
  let activityRows = 0;

  await db.transaction().execute(async (trx) => {
    const epicIds: number[] = [];
    const activity: Array<Record<string, unknown>> = [];
    const labelRows: Array<{ item_id: number; product_id: number; label: string }> = [];
    const flush = async (force: boolean) => {
      while (activity.length >= BATCH || (force && activity.length > 0)) {
        const rows = activity.splice(0, BATCH);
        activityRows += rows.length;
        await trx
          .insertInto('activity')
          .values(rows as never)
          .execute();
      }
      while (labelRows.length >= BATCH * 2 || (force && labelRows.length > 0)) {
        await trx
          .insertInto('item_labels')
          .values(labelRows.splice(0, BATCH * 2))
          .execute();
      }
    };

    for (let first = 0; first < count; first += BATCH) {
      const batch: BulkItem[] = [];
      for (let i = first; i < Math.min(first + BATCH, count); i++) batch.push(itemAt(i, epicIds));
      const rows = batch.map((item, j): NewItemRow => {
        const created = item.journey[0]!;
        const last = item.journey[item.journey.length - 1]!;
        // The dates a state change sets, replayed along the journey as moveItem would have set them.
        let entry = stateEntryColumns(null, stateNamed(created.state), iso(created.at));
        for (const step of item.journey.slice(1)) entry = stateEntryColumns(entry, stateNamed(step.state), iso(step.at));
        return {
          product_id: product.id,
          number: first + j + 1,
          key: `${product.key}-${first + j + 1}`,
          type: item.type,
          title: item.title,
          description: '',
          state_id: stateNamed(last.state).id,
          rank: item.rank,
          estimate: null,
          ...NO_SCORES,
          labels: JSON.stringify(item.labels ?? []),
          assignee_id: null,
          parent_id: null,
          sprint_id: null,
          release_id: null,
          ...NEVER_BLOCKED,
          created_by: target.actorId,
          created_at: iso(created.at),
          updated_at: iso(last.at),
          ...entry,
          deleted_at: null,
          version: item.journey.length,
          ...item.fields,
        };
      });
      const inserted = await trx.insertInto('items').values(rows).returning(['id', 'key', 'type']).execute();
      for (const [j, row] of inserted.entries()) {
        const item = batch[j]!;
        if (row.type === 'epic') epicIds.push(row.id);
        for (const label of item.labels ?? []) labelRows.push({ item_id: row.id, product_id: product.id, label });
        const step = (action: string, before: Record<string, unknown> | null, after: Record<string, unknown>, at: number) =>
          activity.push({
            product_id: product.id,
            event_number: ++event,
            actor_id: target.actorId,
            entity_type: 'item',
            entity_id: row.id,
            item_id: row.id,
            action,
            before: before ? JSON.stringify(before) : null,
            after: JSON.stringify(after),
            created_at: iso(at),
          });
        const [created, ...moves] = item.journey;
        const where = (name: string) => ({ stateId: stateNamed(name).id, state: name });
        step('created', null, { key: row.key, type: row.type, title: item.title, ...where(created!.state), rank: item.rank }, created!.at);
        let from = created!.state;
        for (const move of moves) {
          step('moved', where(from), where(move.state), move.at);
          from = move.state;
        }
      }
      await flush(false);
    }
    await flush(true);
    await trx
      .updateTable('products')
      .set({ last_event: event, next_item_number: count + 1 })
      .where('id', '=', product.id)
      .execute();
  });
  return { activityRows };
}
