import type { TNotificationSettings, TUpdateNotificationSettings } from '../../contract/notifications.js';
import { effectiveChannel, NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from '../../domain/notifications.js';
import { invalid, notFound } from '../../domain/errors.js';
import type { Actor, ServiceContext } from '../context.js';

/** What reaches the caller per kind, their digest, and whether this server can send e-mail at all. */
export async function getNotificationSettings(ctx: ServiceContext, actor: Actor): Promise<TNotificationSettings> {
  const [user, chosen, state] = await Promise.all([
    ctx.db.selectFrom('users').select('email').where('id', '=', actor.userId).executeTakeFirst(),
    ctx.db.selectFrom('notification_settings').select(['kind', 'channel']).where('user_id', '=', actor.userId).execute(),
    ctx.db.selectFrom('notification_users').select('digest_minutes').where('user_id', '=', actor.userId).executeTakeFirst(),
  ]);
  if (!user) throw notFound('User');
  const emailAvailable = !!ctx.mailer;
  const byKind = new Map(chosen.map((c) => [c.kind, c.channel]));
  const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, effectiveChannel(k, byKind.get(k), emailAvailable)])) as Record<
    NotificationKind,
    NotificationChannel
  >;
  return { email: { available: emailAvailable, address: user.email }, digestMinutes: state?.digest_minutes ?? 0, kinds };
}

/** Changes the caller's choices; choosing e-mail on a server without SMTP_URL is refused with the reason. */
export async function updateNotificationSettings(
  ctx: ServiceContext,
  actor: Actor,
  input: TUpdateNotificationSettings,
): Promise<TNotificationSettings> {
  const kinds = Object.entries(input.kinds ?? {}) as Array<[NotificationKind, NotificationChannel]>;
  const noEmail = kinds.find(([, channel]) => channel === 'email' && !ctx.mailer);
  if (noEmail) throw invalid(`kinds.${noEmail[0]}`, 'e-mail is not set up on this server (its admin sets SMTP_URL); choose in_app or off');
  await ctx.db.transaction().execute(async (trx) => {
    if (kinds.length > 0) {
      await trx
        .insertInto('notification_settings')
        .values(kinds.map(([kind, channel]) => ({ user_id: actor.userId, kind, channel })))
        .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({ channel: eb.ref('excluded.channel') })))
        .execute();
    }
    if (input.digestMinutes !== undefined) {
      await trx
        .insertInto('notification_users')
        .values({ user_id: actor.userId, digest_minutes: input.digestMinutes })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ digest_minutes: input.digestMinutes }))
        .execute();
    }
  });
  return getNotificationSettings(ctx, actor);
}
