import { createHash } from 'node:crypto';
import type { Conn, ShareLinkRow } from '../../db/schema.js';
import type { TShareLink } from '../../contract/share-links.js';

/** A token is looked up by its SHA-256 only: the table never holds a token, and no prefix of one is ever compared. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function shareLinkQuery(db: Conn) {
  return db
    .selectFrom('share_links as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('users as creator', 'creator.id', 'l.created_by')
    .selectAll('l')
    .select(['p.key as product_key', 'creator.name as creator_name']);
}

/** Neither revoked nor past its expiry. */
export const isActive = (l: Pick<ShareLinkRow, 'revoked_at' | 'expires_at'>, now: string) =>
  l.revoked_at === null && (l.expires_at === null || l.expires_at > now);

export function presentShareLink(l: ShareLinkRow & { product_key: string; creator_name: string | null }, now: string): TShareLink {
  return {
    id: l.id,
    productKey: l.product_key,
    label: l.label,
    scope: { updates: !!l.show_updates, forecasts: !!l.show_forecasts, roadmap: !!l.show_roadmap },
    createdAt: l.created_at,
    createdBy: l.created_by !== null && l.creator_name !== null ? { id: l.created_by, name: l.creator_name } : null,
    expiresAt: l.expires_at,
    revokedAt: l.revoked_at,
    active: isActive(l, now),
    lastOpenedAt: l.last_opened_at,
    openCount: l.open_count,
  };
}
