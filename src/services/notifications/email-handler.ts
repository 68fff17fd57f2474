import { digestDueAt } from '../../domain/notifications.js';
import { mutate, type ServiceContext } from '../context.js';
import { enqueueJob } from '../outbox.js';
import type { OutboxHandler } from '../outbox-worker.js';
import { digestEmail, notificationEmail, type MailNotification } from './email-content.js';
import type { Mailer } from './mailer.js';

/** An `email` job of the outbox: one notification at once, or a person's digest. */
export type EmailJob = { notificationId: number } | { digestFor: number };

/** Notifications gathered into one digest at most; more wait for the next one. */
const DIGEST_LIMIT = 100;
/** While the mail server is unreachable, the e-mail queue waits this long before the next try. */
const WAIT_WHILE_DOWN_MS = 30_000;

/**
 * Sends the e-mails notify() asked for, after the change that caused them committed. A failure
 * (server down, refused for now) is retried with the outbox's backoff for about six hours, so a
 * mail server that is down for the afternoon delays e-mail but loses none.
 */
export function emailHandler(ctx: ServiceContext, mailer: Mailer): OutboxHandler<EmailJob> {
  return {
    maxAttempts: 12,
    async handle(job) {
      try {
        if ('notificationId' in job) await sendOne(ctx, mailer, job.notificationId);
        else await sendDigest(ctx, mailer, job.digestFor);
      } catch (e) {
        if (mailer.isDown()) await postponeEmail(ctx);
        throw e;
      }
    },
  };
}

function notificationQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('products as p', 'p.id', 'n.product_id')
    .leftJoin('users as a', 'a.id', 'n.actor_id')
    .select([
      'n.id',
      'n.seq',
      'n.title',
      'n.body',
      'n.link',
      'n.created_at',
      'n.read_at',
      'n.email_state',
      'u.email',
      'u.disabled_at',
      'p.name as product_name',
      'a.name as actor_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof notificationQuery>['execute']>>[number];

const toMail = (r: Row): MailNotification => ({
  title: r.title,
  body: r.body,
  link: r.link,
  productName: r.product_name,
  actorName: r.actor_name,
  createdAt: r.created_at,
});

async function sendOne(ctx: ServiceContext, mailer: Mailer, id: number) {
  const row = await notificationQuery(ctx).where('n.id', '=', id).executeTakeFirst();
  // Gone with its user or product, or already sent by an earlier attempt that died before finishing the job.
  if (!row || row.email_state !== 'immediate' || row.disabled_at) return;
  await mailer.send({ to: row.email, ...notificationEmail(toMail(row), mailer.publicUrl) });
  await ctx.db.updateTable('notifications').set({ email_state: 'sent' }).where('id', '=', id).execute();
}

/**
 * Sends a person's digest: what is still unread of the notifications gathered since the last one
 * (what they already read in Ordo needs no e-mail). Notifications that arrive while it is being
 * sent start the next digest, N minutes on.
 */
async function sendDigest(ctx: ServiceContext, mailer: Mailer, userId: number) {
  const rows = await notificationQuery(ctx)
    .where('n.user_id', '=', userId)
    .where('n.email_state', '=', 'digest')
    .orderBy('n.seq')
    .limit(DIGEST_LIMIT)
    .execute();
  const unread = rows.filter((r) => r.read_at === null);
  const user = rows[0];
  if (user && !user.disabled_at && unread.length > 0) {
    await mailer.send({ to: user.email, ...digestEmail(unread.map(toMail), mailer.publicUrl) });
  }
  await mutate(ctx, async (tx) => {
    const now = tx.clock.now();
    // Taking the counter row first serialises this with notify(), which takes it for every recipient.
    const state = await tx.db
      .updateTable('notification_users')
      .set({ digest_due_at: null, ...(unread.length > 0 ? { last_digest_at: now.toISOString() } : {}) })
      .where('user_id', '=', userId)
      .returning('digest_minutes')
      .executeTakeFirst();
    if (rows.length > 0) {
      const sent = unread.map((r) => r.id);
      const skipped = rows.filter((r) => r.read_at !== null).map((r) => r.id);
      if (sent.length) await tx.db.updateTable('notifications').set({ email_state: 'sent' }).where('id', 'in', sent).execute();
      if (skipped.length) await tx.db.updateTable('notifications').set({ email_state: null }).where('id', 'in', skipped).execute();
    }
    const waiting = await tx.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', userId)
      .where('email_state', '=', 'digest')
      .limit(1)
      .executeTakeFirst();
    if (waiting && state) {
      const due = digestDueAt(now, state.digest_minutes);
      await tx.db.updateTable('notification_users').set({ digest_due_at: due.toISOString() }).where('user_id', '=', userId).execute();
      await enqueueJob(tx, { kind: 'email', payload: { digestFor: userId } satisfies EmailJob, runAt: due });
    }
  });
}

/**
 * The mail server cannot be reached: every other e-mail due now waits too, in one statement,
 * instead of each being claimed and failed in turn (a fan-out to 500 people would otherwise make
 * the worker churn through 500 attempts every time the server is down).
 */
async function postponeEmail(ctx: ServiceContext) {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  await ctx.db
    .updateTable('outbox')
    .set({ run_at: new Date(now.getTime() + WAIT_WHILE_DOWN_MS).toISOString() })
    .where('kind', '=', 'email')
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('run_at', '<=', nowIso)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', nowIso)]))
    .execute();
}
