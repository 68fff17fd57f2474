import type { ProductRow } from '../../db/schema.js';
import { composeDraft, suggestHealth, type DraftFacts, type Health, type ReleaseOutlook } from '../../domain/status-update.js';
import type { ServiceContext } from '../context.js';
import { throughputHistory } from '../forecasts.js';
import { releaseScopeIds } from '../releases.js';
import { scopeItems } from '../sprints/scope-items.js';
import { dayOf, isoDay } from '../../domain/dates.js';
import { DEFAULT_WINDOW_DAYS, forecastByThroughput } from '../../domain/forecast.js';
import { openQuestionSummary } from '../questions/find-questions.js';
import { unfinishedBlocked } from '../items/unfinished-blocked.js';

/** How many items each list of the draft names; the counts cover them all. */
const NOTABLE = 5;

export interface WrittenDraft {
  facts: DraftFacts;
  body: string;
  suggestion: { health: Health; reason: string };
}

/**
 * Writes a status update from the data since `since`: reads the facts, then lets the domain
 * compose the Markdown and suggest a health. The forecasts are the release page's own (the same
 * service), so the draft words each one exactly as the page does.
 */
export async function writeDraft(ctx: ServiceContext, product: ProductRow, since: string): Promise<WrittenDraft> {
  const facts = await draftFacts(ctx, product, since);
  return { facts, body: composeDraft(facts), suggestion: suggestHealth(facts) };
}

export async function draftFacts(ctx: ServiceContext, product: ProductRow, since: string): Promise<DraftFacts> {
  const now = ctx.clock.now().toISOString();
  const live = () => ctx.db.selectFrom('items').where('items.product_id', '=', product.id).where('items.deleted_at', 'is', null);
  const [byType, epics, notable, inProgressCount, inProgress, blocked, releases, added, removed, questions, requests] = await Promise.all([
    live()
      .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('done_at', '>=', since)
      .where('done_at', '<=', now)
      .where('type', '!=', 'epic')
      .groupBy('type')
      .execute(),
    live()
      .select(['key', 'title'])
      .where('done_at', '>=', since)
      .where('done_at', '<=', now)
      .where('type', '=', 'epic')
      .orderBy('rank')
      .execute(),
    live()
      .select(['key', 'title'])
      .where('done_at', '>=', since)
      .where('done_at', '<=', now)
      .where('type', '!=', 'epic')
      .orderBy('rank')
      .limit(NOTABLE)
      .execute(),
    inProgressItems(ctx, product.id)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    inProgressItems(ctx, product.id).select(['items.key', 'items.title']).orderBy('items.rank').limit(NOTABLE).execute(),
    unfinishedBlocked(ctx.db, [product.id])
      .select(['items.id', 'items.key', 'items.title', 'items.blocked_reason', 'items.blocked_since'])
      .execute(),
    releaseOutlooks(ctx, product.id),
    live()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_at', '>=', since)
      .where('type', '!=', 'epic')
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', product.id)
      .where('deleted_at', '>=', since)
      .where('type', '!=', 'epic')
      .executeTakeFirstOrThrow(),
    openQuestionSummary(ctx, product.id),
    ctx.db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', product.id)
      .where('state', '=', 'new')
      .executeTakeFirstOrThrow(),
  ]);
  const nowMs = Date.parse(now);
  // Longest blocked first (read in rank order, from the index of blocked items).
  blocked.sort((a, b) => (a.blocked_since ?? '').localeCompare(b.blocked_since ?? '') || a.id - b.id);
  const blockedItems = blocked.map((b) => ({
    key: b.key,
    title: b.title,
    reason: b.blocked_reason,
    seconds: b.blocked_since ? Math.max(0, Math.floor((nowMs - Date.parse(b.blocked_since)) / 1000)) : 0,
  }));
  return {
    since,
    now,
    finished: {
      total: byType.reduce((a, r) => a + Number(r.n), 0),
      byType: Object.fromEntries(byType.map((r) => [r.type, Number(r.n)])),
      epics,
      notable,
    },
    inProgress: { total: Number(inProgressCount.n), items: inProgress },
    blocked: { items: blockedItems, totalSeconds: blockedItems.reduce((a, b) => a + b.seconds, 0) },
    releases,
    scope: { added: Number(added.n), removed: Number(removed.n) },
    questions: { open: questions.total, oldestAt: questions.oldestOpenAt },
    requests: { untriaged: Number(requests.n) },
  };
}

function inProgressItems(ctx: ServiceContext, productId: number) {
  return ctx.db
    .selectFrom('items')
    .innerJoin('workflow_states as s', 's.id', 'items.state_id')
    .where('items.product_id', '=', productId)
    .where('items.deleted_at', 'is', null)
    .where('items.type', '!=', 'epic')
    .where('s.category', '=', 'in_progress');
}

export type ReleaseOutlookRow = ReleaseOutlook & {
  id: number;
  /** the 85 % date; null without a forecast or when it lies beyond the horizon */
  p85Date: string | null;
  /** days from the target to the 85 % date (negative: early); null without both */
  daysLate85: number | null;
};

/**
 * Each open (unreleased) release with the release page's forecast sentence, by target date. The
 * sentence comes from the release page's item forecast with the same inputs (its scope, the
 * throughput window ending yesterday, the product's learned pace; seeded, so the same answer),
 * without the rest that page shows (points, confidence, burnup): the team's history is read once
 * for all of a product's releases, which keeps a portfolio of twenty products quick.
 */
export async function releaseOutlooks(ctx: ServiceContext, productId: number): Promise<ReleaseOutlookRow[]> {
  // A forecast changes only with the product's data (every change takes an event number) or the
  // day: the last answer is kept per product until either moves, so a portfolio reloaded all day
  // simulates only the products that changed. Keyed by database handle too (tests run several).
  const { last_event } = await ctx.db.selectFrom('products').select('last_event').where('id', '=', productId).executeTakeFirstOrThrow();
  const key = `${last_event}:${dayOf(ctx.clock.now().toISOString())}`;
  let cache = OUTLOOKS.get(ctx.db);
  if (!cache) OUTLOOKS.set(ctx.db, (cache = new Map()));
  const kept = cache.get(productId);
  if (kept?.key === key) return kept.value;
  const value = forecastOutlooks(ctx, productId);
  cache.set(productId, { key, value });
  value.catch(() => cache.delete(productId));
  return value;
}

const OUTLOOKS = new WeakMap<object, Map<number, { key: string; value: Promise<ReleaseOutlookRow[]> }>>();

async function forecastOutlooks(ctx: ServiceContext, productId: number): Promise<ReleaseOutlookRow[]> {
  const releases = await ctx.db
    .selectFrom('releases')
    .selectAll()
    .where('product_id', '=', productId)
    .where('released_at', 'is', null)
    .orderBy('target_date')
    .orderBy('id')
    .execute();
  if (!releases.length) return [];
  const today = dayOf(ctx.clock.now().toISOString());
  const history = await throughputHistory(ctx.db, productId, today, DEFAULT_WINDOW_DAYS);
  const out: ReleaseOutlookRow[] = [];
  for (const r of releases) {
    const scope = await scopeItems(ctx.db, { itemIds: await releaseScopeIds(ctx.db, r) });
    const f = forecastByThroughput({
      remaining: scope.filter((i) => i.stateCategory !== 'done').length,
      samples: history.samples,
      today,
      targetDay: r.target_date ? dayOf(r.target_date) : null,
      model: history.learned.model,
    });
    const p85 = f.status === 'ok' ? (f.percentiles.find((p) => p.percent === 85)?.day ?? null) : null;
    out.push({
      id: r.id,
      name: r.name,
      targetDate: r.target_date,
      sentence: f.status === 'ok' ? f.sentence : f.message,
      targetProbability: f.status === 'ok' ? f.targetProbability : null,
      p85Date: p85 === null ? null : isoDay(p85),
      daysLate85: f.status === 'ok' ? f.daysLate85 : null,
    });
  }
  return out;
}
