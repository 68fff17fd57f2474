import { randomBytes } from 'node:crypto';
import type { TCreateShareLinkRequest, TCreatedShareLink, TShareLink } from '../../contract/share-links.js';
import { invalid, notFound } from '../../domain/errors.js';
import { requireProduct } from '../access.js';
import { mutate, type Actor, type ServiceContext } from '../context.js';
import { hashToken, presentShareLink, shareLinkQuery } from './present-share-link.js';

/** Where a share link's page lives, relative to the server's origin. */
export const sharePath = (token: string) => `/s/${token}`;

/**
 * Creates a share link: 256 random bits as the token (base64url, 43 characters), kept only as its
 * SHA-256, answered this once with its path. An expiry must lie in the future.
 */
export async function createShareLink(
  ctx: ServiceContext,
  actor: Actor,
  productKey: string,
  input: TCreateShareLinkRequest,
): Promise<Omit<TCreatedShareLink, 'url'> & { path: string }> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'share.manage');
  const now = ctx.clock.now().toISOString();
  const expiresAt = input.expiresAt ? expiryOf(input.expiresAt) : null;
  if (expiresAt !== null && expiresAt <= now) throw invalid('expiresAt', 'must be in the future');
  const token = randomBytes(32).toString('base64url');
  return mutate(ctx, { productId: product.id }, async (tx) => {
    const row = await tx.db
      .insertInto('share_links')
      .values({
        product_id: product.id,
        label: input.label,
        token_hash: hashToken(token),
        show_updates: input.scope.updates ? 1 : 0,
        show_forecasts: input.scope.forecasts ? 1 : 0,
        show_roadmap: input.scope.roadmap ? 1 : 0,
        created_by: actor.userId,
        created_at: now,
        expires_at: expiresAt,
        revoked_at: null,
        last_opened_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'share_link',
      entityId: row.id,
      action: 'created',
      after: { label: input.label, scope: input.scope, expiresAt },
    });
    const link = presentShareLink(await shareLinkQuery(tx.db).where('l.id', '=', row.id).executeTakeFirstOrThrow(), now);
    return { ...link, token, path: sharePath(token) };
  });
}

/** A date means the end of that day (UTC); a timestamp is taken as given, stored in UTC. */
function expiryOf(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : new Date(value).toISOString();
}

/** The product's links, newest first, without tokens (none is stored). */
export async function listShareLinks(ctx: ServiceContext, actor: Actor, productKey: string): Promise<TShareLink[]> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'share.manage');
  const now = ctx.clock.now().toISOString();
  const rows = await shareLinkQuery(ctx.db)
    .where('l.product_id', '=', product.id)
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .execute();
  return rows.map((r) => presentShareLink(r, now));
}

/** Revokes a link; from then on its page and feed answer 404. Revoking twice changes nothing. */
export async function revokeShareLink(ctx: ServiceContext, actor: Actor, productKey: string, id: number): Promise<void> {
  const { product } = await requireProduct(ctx.db, actor, { key: productKey }, 'share.manage');
  const link = await ctx.db
    .selectFrom('share_links')
    .selectAll()
    .where('id', '=', id)
    .where('product_id', '=', product.id)
    .executeTakeFirst();
  if (!link) throw notFound(`Share link ${id}`);
  if (link.revoked_at) return;
  await mutate(ctx, { productId: product.id }, async (tx) => {
    const revokedAt = tx.clock.now().toISOString();
    await tx.db.updateTable('share_links').set({ revoked_at: revokedAt }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    await tx.record({
      productId: product.id,
      actorId: actor.userId,
      entityType: 'share_link',
      entityId: id,
      action: 'revoked',
      before: { label: link.label },
      after: { revokedAt },
    });
  });
}
