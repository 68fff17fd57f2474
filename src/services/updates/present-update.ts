import type { Conn, StatusUpdateRow } from '../../db/schema.js';
import type { TStatusUpdate } from '../../contract/updates.js';
import type { Health } from '../../domain/status-update.js';

/** Status updates with the names of who wrote, published and corrected them. */
export function updateQuery(db: Conn) {
  return db
    .selectFrom('status_updates as u')
    .innerJoin('products as p', 'p.id', 'u.product_id')
    .leftJoin('users as author', 'author.id', 'u.author_id')
    .leftJoin('users as publisher', 'publisher.id', 'u.published_by')
    .leftJoin('users as corrector', 'corrector.id', 'u.corrected_by')
    .selectAll('u')
    .select(['p.key as product_key', 'author.name as author_name', 'publisher.name as publisher_name', 'corrector.name as corrector_name']);
}

export type UpdateRow = StatusUpdateRow & {
  product_key: string;
  author_name: string | null;
  publisher_name: string | null;
  corrector_name: string | null;
};

const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

export function presentUpdate(r: UpdateRow): TStatusUpdate {
  return {
    id: r.id,
    productKey: r.product_key,
    state: r.state as TStatusUpdate['state'],
    body: r.body,
    health: r.health as Health | null,
    suggestion: { health: r.suggested_health as Health, reason: r.suggested_reason },
    since: r.since,
    author: ref(r.author_id, r.author_name),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
    publishedBy: ref(r.published_by, r.publisher_name),
    correction: r.corrected_at ? { at: r.corrected_at, by: ref(r.corrected_by, r.corrector_name), note: r.correction_note ?? '' } : null,
    version: r.version,
  };
}

/** The product's open draft, if any. */
export async function openDraft(db: Conn, productId: number): Promise<UpdateRow | undefined> {
  return updateQuery(db).where('u.product_id', '=', productId).where('u.state', '=', 'draft').executeTakeFirst();
}
