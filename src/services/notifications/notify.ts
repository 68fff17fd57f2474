import { sql } from 'kysely';
import { rowsOf } from '../../db/rows.js';
import { digestDueAt, effectiveChannel, type NotificationChannel, type NotificationKind } from '../../domain/notifications.js';
import { USER_CHANNEL } from '../../realtime/pg-bus.js';
import type { TxContext } from '../context.js';
import { enqueueJobs, type OutboxJob } from '../outbox.js';
import type { EmailJob } from './email-handler.js';

/** What to tell whom; see notify(). */
export interface Notification {
  kind: NotificationKind;
  /** who to tell; the actor, people without access to the product and disabled users are left out */
  recipientIds: readonly number[];
  /** the product it is about (recipients must have a role on it, or be admins); null for workspace matters */
  productId: number | null;
  /** who did it; never told about their own doing */
  actorId: number | null;
  /** one line, the e-mail's subject too: "Olivia answered your question on PAY-12" */
  title: string;
  /** a few lines of context (Markdown as written) */
  body?: string;
  /** where it leads in the web app: /p/PAY/items/PAY-12 (e-mails prefix PUBLIC_URL) */
  link: string;
  /** what it is about, for clients that group or clear notifications: { type: 'question', id: 4 } */
  entity?: { type: string; id: number };
}

/** Typed parameters: in INSERT … SELECT, PostgreSQL cannot tell a bare parameter's type from its column. */
const int = (v: number | null) => sql`CAST(${v} AS integer)`;
const text = (v: string | null) => sql`CAST(${v} AS text)`;

/** Rows per statement: under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

/**
 * Tells people something, inside the transaction of the change it is about: Ordo's one way to
 * notify. Writes one in-app notification per recipient that has not turned the kind off, numbered
 * in the recipient's own sequence (their live stream resumes after the last number it sent);
 * e-mails go to the outbox as jobs, at once or gathered into the recipient's digest. Everything
 * commits or rolls back with the change, and the live streams hear of it after the commit.
 *
 * A few statements whatever the number of recipients (500 members cost the same round trips as
 * one): who may be told and their choices, their sequence numbers, the rows, the e-mail jobs.
 * Returns how many people were told.
 */
export async function notify(tx: TxContext, n: Notification): Promise<number> {
  const candidates = [...new Set(n.recipientIds)].filter((id) => id !== n.actorId && Number.isInteger(id) && id > 0);
  if (candidates.length === 0) return 0;
  // Ascending, so concurrent fan-outs lock the recipients' counter rows in the same order.
  candidates.sort((a, b) => a - b);
  const emailAvailable = !!tx.mailer;
  const channels = new Map<number, NotificationChannel>();
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const rows = await tx.db
      .selectFrom('users')
      .leftJoin('notification_settings as s', (j) => j.onRef('s.user_id', '=', 'users.id').on('s.kind', '=', n.kind))
      .$if(n.productId !== null, (q) =>
        q
          .leftJoin('memberships as m', (j) => j.onRef('m.user_id', '=', 'users.id').on('m.product_id', '=', n.productId!))
          .where((eb) => eb.or([eb('m.role', 'is not', null), eb('users.is_admin', '=', 1)])),
      )
      .select(['users.id', 's.channel'])
      .where('users.id', 'in', candidates.slice(i, i + CHUNK))
      .where('users.disabled_at', 'is', null)
      .execute();
    for (const r of rows) {
      const channel = effectiveChannel(n.kind, r.channel, emailAvailable);
      if (channel !== 'off') channels.set(r.id, channel);
    }
  }
  const recipients = candidates.filter((id) => channels.has(id));
  if (recipients.length === 0) return 0;

  const now = tx.clock.now();
  const at = now.toISOString();
  const jobs: OutboxJob[] = [];
  const wakes: Array<{ userId: number; seq: number }> = [];
  /** recipients whose digest starts collecting with this notification, by their digest's minutes */
  const startDigest = new Map<number, number[]>();
  for (let i = 0; i < recipients.length; i += CHUNK) {
    const chunk = recipients.slice(i, i + CHUNK);
    // Each recipient's next number, from their counter row: on PostgreSQL the row lock orders
    // concurrent writers, so a person's numbers become visible in order (as products' event numbers do).
    // (SQLite wants a WHERE in an upsert's SELECT, to tell its ON CONFLICT from a join's ON.)
    const counters = await tx.db
      .insertInto('notification_users')
      .columns(['user_id', 'last_seq'])
      .expression(
        sql`SELECT r.u, 1 FROM ${rowsOf(
          tx.dialect,
          { u: 'int' },
          chunk.map((id) => [id]),
        )} WHERE true ORDER BY r.u`,
      )
      .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({ last_seq: eb('notification_users.last_seq', '+', 1) })))
      .returning(['user_id', 'last_seq', 'digest_minutes', 'digest_due_at'])
      .execute();
    const rows: unknown[][] = counters.map((c) => {
      const email = channels.get(c.user_id) === 'email' ? (c.digest_minutes > 0 ? 'digest' : 'immediate') : null;
      if (email === 'digest' && c.digest_due_at === null) {
        const group = startDigest.get(c.digest_minutes) ?? [];
        startDigest.set(c.digest_minutes, group);
        group.push(c.user_id);
      }
      return [c.user_id, c.last_seq, email];
    });
    // What differs per recipient travels as rows; what is the same for all, once.
    const written = await tx.db
      .insertInto('notifications')
      .columns([
        'user_id',
        'seq',
        'email_state',
        'kind',
        'product_id',
        'actor_id',
        'title',
        'body',
        'link',
        'entity_type',
        'entity_id',
        'created_at',
      ])
      .expression(
        sql`SELECT r.u, r.s, r.e, ${text(n.kind)}, ${int(n.productId)}, ${int(n.actorId)}, ${text(n.title)}, ${text(n.body ?? '')}, ${text(
          n.link,
        )}, ${text(n.entity?.type ?? null)}, ${int(n.entity?.id ?? null)}, ${text(at)} FROM ${rowsOf(tx.dialect, { u: 'int', s: 'int', e: 'text' }, rows)}`,
      )
      .returning(['id', 'user_id', 'seq', 'email_state'])
      .execute();
    for (const w of written) {
      wakes.push({ userId: w.user_id, seq: w.seq });
      if (w.email_state === 'immediate') jobs.push({ kind: 'email', payload: { notificationId: w.id } satisfies EmailJob });
    }
  }
  for (const [minutes, userIds] of startDigest) {
    const due = digestDueAt(now, minutes);
    for (const userId of userIds) jobs.push({ kind: 'email', payload: { digestFor: userId } satisfies EmailJob, runAt: due });
    for (let i = 0; i < userIds.length; i += CHUNK) {
      await tx.db
        .updateTable('notification_users')
        .set({ digest_due_at: due.toISOString() })
        .where('user_id', 'in', userIds.slice(i, i + CHUNK))
        .execute();
    }
  }
  await enqueueJobs(tx, jobs);
  await signalRecipients(tx, wakes);
  return recipients.length;
}

/** A NOTIFY payload must stay under 8000 bytes; recipients are packed into as few as fit. */
const PAYLOAD_BYTES = 7_000;

/**
 * Wakes the recipients' live streams once the transaction commits, in every process: on
 * PostgreSQL by NOTIFY (delivered at commit), recipients packed `n:<user>:<seq>,<user>:<seq>…`
 * so 500 of them are one or two notifications rather than 500.
 */
async function signalRecipients(tx: TxContext, wakes: Array<{ userId: number; seq: number }>) {
  if (tx.dialect === 'postgres') {
    const payloads: string[] = [];
    let current = '';
    for (const w of wakes) {
      const part = `${w.userId}:${w.seq}`;
      if (current && current.length + part.length + 1 > PAYLOAD_BYTES) {
        payloads.push(`n:${current}`);
        current = '';
      }
      current = current ? `${current},${part}` : part;
    }
    if (current) payloads.push(`n:${current}`);
    for (const payload of payloads) await sql`SELECT pg_notify(${USER_CHANNEL}, ${payload})`.execute(tx.db);
  }
  tx.afterCommit(() => {
    for (const w of wakes) tx.bus.publishUser(w.userId, { type: 'notification', seq: w.seq });
  });
}
