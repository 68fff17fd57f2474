import type { ProductRow } from '../../db/schema.js';
import type { Role } from '../../domain/roles.js';

/** A product as the caller sees it, with the caller's role. */
export function presentProduct(p: ProductRow, role: Role) {
  return {
    key: p.key,
    name: p.name,
    vision: p.vision,
    role,
    archivedAt: p.archived_at,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    lastEvent: p.last_event,
    version: p.version,
  };
}
