import type { Health } from '../../domain/status-update.js';
import { mutate, type ServiceContext } from '../context.js';
import { releaseOutlooks } from '../updates/write-draft.js';
import { hashToken, isActive } from './present-share-link.js';

/** What a share link shows, and nothing else: no people, no comments, no item descriptions. */
export interface SharedView {
  linkId: number;
  productKey: string;
  productName: string;
  scope: { updates: boolean; forecasts: boolean; roadmap: boolean };
  /** published updates, newest first */
  updates: { id: number; health: Health; body: string; publishedAt: string; correctedAt: string | null; correctionNote: string | null }[];
  releases: { name: string; targetDate: string | null; sentence: string }[];
  roadmap: { title: string; done: number; total: number }[];
  asOf: string;
}

/** The updates a page and a feed show. */
const SHOWN_UPDATES = 20;

/**
 * Opens a share link by its token: unknown, revoked and expired links are all simply absent (the
 * caller answers the same 404 for each). The lookup is by the token's hash on a unique index, so
 * neither the answer nor its timing says whether part of a token was right. Records the opening.
 */
export async function openShareLink(ctx: ServiceContext, token: string, opts: { count?: boolean } = {}): Promise<SharedView | null> {
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(token)) return null;
  const now = ctx.clock.now().toISOString();
  const link = await ctx.db
    .selectFrom('share_links as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .selectAll('l')
    .select(['p.key as product_key', 'p.name as product_name', 'p.archived_at'])
    .where('l.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!link || !isActive(link, now) || link.archived_at) return null;
  if (opts.count !== false)
    await mutate(ctx, async (tx) => {
      await tx.db
        .updateTable('share_links')
        .set((eb) => ({ last_opened_at: now, open_count: eb('open_count', '+', 1) }))
        .where('id', '=', link.id)
        .execute();
    });
  const scope = { updates: !!link.show_updates, forecasts: !!link.show_forecasts, roadmap: !!link.show_roadmap };
  const [updates, releases, roadmap] = await Promise.all([
    scope.updates
      ? ctx.db
          .selectFrom('status_updates')
          .select(['id', 'health', 'body', 'published_at', 'corrected_at', 'correction_note'])
          .where('product_id', '=', link.product_id)
          .where('state', '=', 'published')
          .orderBy('published_at', 'desc')
          .orderBy('id', 'desc')
          .limit(SHOWN_UPDATES)
          .execute()
      : [],
    scope.forecasts ? releaseOutlooks(ctx, link.product_id) : [],
    scope.roadmap ? epicProgress(ctx, link.product_id) : [],
  ]);
  return {
    linkId: link.id,
    productKey: link.product_key,
    productName: link.product_name,
    scope,
    updates: updates.map((u) => ({
      id: u.id,
      health: u.health as Health,
      body: u.body,
      publishedAt: u.published_at!,
      correctedAt: u.corrected_at,
      correctionNote: u.correction_note,
    })),
    releases: releases.map((r) => ({ name: r.name, targetDate: r.targetDate, sentence: r.sentence })),
    roadmap,
    asOf: now,
  };
}

/** The product's epics in backlog order, each with its children done and in all. */
async function epicProgress(ctx: ServiceContext, productId: number) {
  const [epics, counts] = await Promise.all([
    ctx.db
      .selectFrom('items')
      .select(['id', 'title'])
      .where('product_id', '=', productId)
      .where('type', '=', 'epic')
      .where('deleted_at', 'is', null)
      .orderBy('rank')
      .limit(50)
      .execute(),
    ctx.db
      .selectFrom('items as c')
      .innerJoin('items as e', 'e.id', 'c.parent_id')
      .select(['c.parent_id', (eb) => eb.fn.countAll<number>().as('total'), (eb) => eb.fn.count<number>('c.done_at').as('done')])
      .where('e.product_id', '=', productId)
      .where('e.type', '=', 'epic')
      .where('c.deleted_at', 'is', null)
      .groupBy('c.parent_id')
      .execute(),
  ]);
  const byEpic = new Map(counts.map((c) => [c.parent_id, c]));
  return epics.map((e) => ({ title: e.title, done: Number(byEpic.get(e.id)?.done ?? 0), total: Number(byEpic.get(e.id)?.total ?? 0) }));
}
