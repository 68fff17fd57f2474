import { sql } from 'kysely';
import type { Conn } from '../../db/schema.js';
import type { TNotification, TNotificationPage, TNotificationQuery } from '../../contract/notifications.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../domain/notifications.js';
import { invalid } from '../../domain/errors.js';
import { USER_CHANNEL } from '../../realtime/pg-bus.js';
import type { Actor, ServiceContext, TxContext } from '../context.js';

/** Notifications with what they show: the product's key and the actor's name. */
export function notificationQuery(db: Conn) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('products as p', 'p.id', 'n.product_id')
    .leftJoin('users as a', 'a.id', 'n.actor_id')
    .select([
      'n.id',
      'n.seq',
      'n.kind',
      'n.actor_id',
      'n.title',
      'n.body',
      'n.link',
      'n.entity_type',
      'n.entity_id',
      'n.created_at',
      'n.read_at',
      'p.key as product_key',
      'a.name as actor_name',
    ]);
}

type NotificationQueryRow = Awaited<ReturnType<ReturnType<typeof notificationQuery>['execute']>>[number];

export function presentNotification(r: NotificationQueryRow): TNotification {
  return {
    id: r.id,
    kind: r.kind as NotificationKind,
    productKey: r.product_key,
    actor: r.actor_id != null && r.actor_name != null ? { id: r.actor_id, name: r.actor_name } : null,
    title: r.title,
    body: r.body,
    link: r.link,
    entity: r.entity_type != null && r.entity_id != null ? { type: r.entity_type, id: r.entity_id } : null,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

/** The caller's notifications, newest first; the cursor is the number of the last one read. */
export async function findNotifications(ctx: ServiceContext, actor: Actor, query: TNotificationQuery): Promise<TNotificationPage> {
  const kinds = query.kind?.length ? query.kind : null;
  for (const k of kinds ?? [])
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(k)) throw invalid('kind', `must be one of ${NOTIFICATION_KINDS.join(', ')}`);
  let q = notificationQuery(ctx.db).where('n.user_id', '=', actor.userId);
  if (query.unread === 'true') q = q.where('n.read_at', 'is', null);
  if (query.unread === 'false') q = q.where('n.read_at', 'is not', null);
  if (kinds) q = q.where('n.kind', 'in', kinds);
  if (query.cursor) q = q.where('n.seq', '<', Number(query.cursor));
  const [rows, unread] = await Promise.all([
    q
      .orderBy('n.seq', 'desc')
      .limit(query.limit + 1)
      .execute(),
    unreadCount(ctx.db, actor.userId),
  ]);
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return { items: page.map(presentNotification), nextCursor: more ? String(page.at(-1)!.seq) : null, unread };
}

export async function unreadCount(db: Conn, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A person's notifications after number `afterSeq`, oldest first: what their live stream sends next. */
export async function notificationsAfter(
  db: Conn,
  userId: number,
  afterSeq: number,
  limit: number,
): Promise<Array<TNotification & { seq: number }>> {
  const rows = await notificationQuery(db)
    .where('n.user_id', '=', userId)
    .where('n.seq', '>', afterSeq)
    .orderBy('n.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...presentNotification(r), seq: r.seq }));
}

/** The number of the person's last notification (0 before the first). */
export async function lastNotificationSeq(db: Conn, userId: number): Promise<number> {
  const row = await db.selectFrom('notification_users').select('last_seq').where('user_id', '=', userId).executeTakeFirst();
  return row?.last_seq ?? 0;
}

/**
 * Marks some of the caller's notifications read, or all of them; answers the unread count left.
 * Ids that are not the caller's are ignored rather than refused: they reveal nothing either way.
 */
export async function markNotificationsRead(
  ctx: ServiceContext,
  actor: Actor,
  input: { ids?: number[]; all?: true },
): Promise<{ unread: number }> {
  const changed = await markRead(ctx, actor.userId, (q) => (input.all ? q : q.where('id', 'in', input.ids ?? [])));
  if (changed) await signalRead(ctx, actor.userId);
  return { unread: await unreadCount(ctx.db, actor.userId) };
}

/**
 * Marks read what a person was told about one thing (a question they have now answered, a
 * request they have triaged): acting on it is reading it. For services, inside their change.
 */
export async function markEntityRead(tx: TxContext, userId: number, entity: { type: string; id: number }): Promise<void> {
  const changed = await markRead(tx, userId, (q) => q.where('entity_type', '=', entity.type).where('entity_id', '=', entity.id));
  if (changed) await signalRead(tx, userId, tx);
}

async function markRead(ctx: ServiceContext, userId: number, where: (q: any) => any): Promise<boolean> {
  const result = await where(
    ctx.db
      .updateTable('notifications')
      .set({ read_at: ctx.clock.now().toISOString() })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null),
  ).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Tells the person's open streams that their unread count changed: this process's after the
 * commit, other processes' by a PostgreSQL NOTIFY, which is delivered at commit.
 */
async function signalRead(ctx: ServiceContext, userId: number, tx?: TxContext) {
  if (ctx.dialect === 'postgres') await sql`SELECT pg_notify(${USER_CHANNEL}, ${`${userId}:r`})`.execute(ctx.db);
  if (tx) tx.afterCommit(() => ctx.bus.publishUser(userId, { type: 'read' }));
  else ctx.bus.publishUser(userId, { type: 'read' });
}
