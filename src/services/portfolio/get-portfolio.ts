import type { TPortfolio, TPortfolioRow } from '../../contract/portfolio.js';
import { DAY_MS } from '../../domain/dates.js';
import { portfolioAttention } from '../../domain/portfolio.js';
import type { Health } from '../../domain/status-update.js';
import type { Actor, ServiceContext } from '../context.js';
import { releaseOutlooks } from '../updates/write-draft.js';
import { unfinishedBlocked } from '../items/unfinished-blocked.js';

/**
 * The lead's view across products: every live product where the caller is lead (an admin sees
 * all), each summed up in one row, the ones needing attention first. Counts are read for all the
 * products at once; forecasts, one release at a time, are the release page's own.
 */
export async function getPortfolio(ctx: ServiceContext, actor: Actor): Promise<TPortfolio> {
  let products = ctx.db
    .selectFrom('products')
    .select(['products.id', 'products.key', 'products.name'])
    .where('products.archived_at', 'is', null);
  // An admin sees every product but one `ordo demo` is still building (its lead is one of its people).
  if (actor.isAdmin) products = products.where('products.building_since', 'is', null);
  else
    products = products
      .innerJoin('memberships as m', 'm.product_id', 'products.id')
      .where('m.user_id', '=', actor.userId)
      .where('m.role', '=', 'lead');
  const list = await products.orderBy('products.name').execute();
  if (!list.length) return { items: [], nextCursor: null };
  const ids = list.map((p) => p.id);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const ageDays = (iso: string) => Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);

  const [owners, latest, blocked, wip, questions, oldest, requests] = await Promise.all([
    ctx.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.product_id', 'u.id', 'u.name'])
      .where('m.product_id', 'in', ids)
      .where('m.role', '=', 'owner')
      .where('u.disabled_at', 'is', null)
      .orderBy('u.name')
      .execute(),
    ctx.db
      .selectFrom('status_updates as s')
      .select(['s.product_id', 's.health', 's.published_at'])
      .where('s.product_id', 'in', ids)
      .where('s.state', '=', 'published')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('status_updates as later')
              .select('later.id')
              .whereRef('later.product_id', '=', 's.product_id')
              .where('later.state', '=', 'published')
              .whereRef('later.published_at', '>', 's.published_at'),
          ),
        ),
      )
      .execute(),
    unfinishedBlocked(ctx.db, ids).select(['items.product_id', 'items.blocked_since']).execute(),
    ctx.db
      .selectFrom('workflow_states as s')
      .leftJoin('items as i', (j) => j.onRef('i.state_id', '=', 's.id').on('i.deleted_at', 'is', null))
      .select(['s.product_id', 's.name', 's.wip_limit', 's.position', (eb) => eb.fn.count<number>('i.id').as('n')])
      .where('s.product_id', 'in', ids)
      .where('s.wip_limit', 'is not', null)
      .groupBy(['s.id', 's.product_id', 's.name', 's.wip_limit', 's.position'])
      .orderBy('s.position')
      .execute(),
    ctx.db
      .selectFrom('questions')
      .select(['product_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('product_id', 'in', ids)
      .where('state', '=', 'open')
      .groupBy('product_id')
      .execute(),
    ctx.db
      .selectFrom('questions as q')
      .select(['q.product_id', 'q.id', 'q.created_at'])
      .where('q.product_id', 'in', ids)
      .where('q.state', '=', 'open')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('questions as older')
              .select('older.id')
              .whereRef('older.product_id', '=', 'q.product_id')
              .where('older.state', '=', 'open')
              .where((eb) =>
                eb.or([
                  eb('older.created_at', '<', eb.ref('q.created_at')),
                  eb.and([eb('older.created_at', '=', eb.ref('q.created_at')), eb('older.id', '<', eb.ref('q.id'))]),
                ]),
              ),
          ),
        ),
      )
      .execute(),
    ctx.db
      .selectFrom('requests')
      .select(['product_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('product_id', 'in', ids)
      .where('state', '=', 'new')
      .groupBy('product_id')
      .execute(),
  ]);

  const rows: TPortfolioRow[] = [];
  for (const p of list) {
    const releases = (await releaseOutlooks(ctx, p.id)).map((r) => ({
      id: r.id,
      name: r.name,
      targetDate: r.targetDate,
      p85Date: r.p85Date,
      weeksLate: r.daysLate85 === null ? null : Math.round(r.daysLate85 / 7),
      targetProbability: r.targetProbability,
      sentence: r.sentence,
    }));
    const update = latest.find((u) => u.product_id === p.id);
    const blockedHere = blocked.filter((b) => b.product_id === p.id);
    const question = oldest.find((q) => q.product_id === p.id);
    const row: Omit<TPortfolioRow, 'attention'> = {
      productKey: p.key,
      productName: p.name,
      owners: owners.filter((o) => o.product_id === p.id).map((o) => ({ id: o.id, name: o.name })),
      health: update
        ? { health: update.health as Health, publishedAt: update.published_at!, ageDays: ageDays(update.published_at!) }
        : null,
      releases,
      blocked: {
        count: blockedHere.length,
        seconds: blockedHere.reduce(
          (a, b) => a + (b.blocked_since ? Math.max(0, Math.floor((Date.parse(nowIso) - Date.parse(b.blocked_since)) / 1000)) : 0),
          0,
        ),
      },
      wip: wip.filter((w) => w.product_id === p.id).map((w) => ({ state: w.name, count: Number(w.n), limit: w.wip_limit! })),
      oldestOpenQuestion: question ? { id: question.id, askedAt: question.created_at, ageDays: ageDays(question.created_at) } : null,
      openQuestions: Number(questions.find((q) => q.product_id === p.id)?.n ?? 0),
      untriagedRequests: Number(requests.find((r) => r.product_id === p.id)?.n ?? 0),
    };
    rows.push({ ...row, attention: portfolioAttention(row) });
  }
  rows.sort((a, b) => b.attention - a.attention || a.productName.localeCompare(b.productName));
  return { items: rows, nextCursor: null };
}
