import type { Conn, ItemRow } from '../../db/schema.js';

/** Keeps item_labels (the index label filters use) equal to the item's labels. */
export async function writeLabels(db: Conn, item: Pick<ItemRow, 'id' | 'product_id'>, labels: string[], replace = false) {
  if (replace) await db.deleteFrom('item_labels').where('item_id', '=', item.id).execute();
  if (labels.length === 0) return;
  await db
    .insertInto('item_labels')
    .values(labels.map((label) => ({ item_id: item.id, product_id: item.product_id, label })))
    .execute();
}
