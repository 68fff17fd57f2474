import { sql } from 'kysely';
import type { Conn } from '../db/schema.js';
import { invalid } from '../domain/errors.js';
import type { Actor, TxContext } from './context.js';
import { notify } from './notifications/notify.js';

export interface Mentioned {
  id: number;
  name: string;
}

/**
 * An @ that starts a mention: at the start or after a space or punctuation (not inside an e-mail
 * address), followed by up to four words of a name ("@Olivia Owner", "@Dev").
 */
const MENTION = /(?<![\p{L}\p{N}_.+@-])@(\p{L}[\p{L}\p{N}'’.-]*(?:[ \t]\p{L}[\p{L}\p{N}'’.-]*){0,3})/gu;

/** Text without code: `@Override` in a code span or block names nobody. */
function prose(text: string): string {
  return text.replace(/```[\s\S]*?(```|$)/g, ' ').replace(/`[^`\n]*`/g, ' ');
}

const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The people `text` mentions, by their name as the editor completes it ("@Olivia Owner") or by a
 * first name only one member has ("@Olivia"). Only people with a role on the product can be
 * mentioned: naming someone else is refused with a 400 that names them and the field. An @ word
 * that is nobody's name is left as text.
 */
export async function resolveMentions(db: Conn, product: { id: number; key: string }, text: string, field: string): Promise<Mentioned[]> {
  const candidates = [...prose(text).matchAll(MENTION)].map((m) => m[1]!.replace(/[.'’-]+$/, '').split(/[ \t]/));
  if (candidates.length === 0) return [];
  const members = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name'])
    .where('memberships.product_id', '=', product.id)
    .where('users.disabled_at', 'is', null)
    .execute();
  const byName = new Map(members.map((m) => [fold(m.name), m]));
  const found = new Map<number, Mentioned>();
  const unmatched: string[][] = [];
  for (const words of candidates) {
    let hit: Mentioned | undefined;
    for (let n = words.length; n > 0 && !hit; n--) hit = byName.get(fold(words.slice(0, n).join(' ')));
    if (!hit) {
      const first = members.filter((m) => fold(m.name).split(' ')[0] === fold(words[0]!));
      if (first.length === 1) hit = first[0];
    }
    if (hit) found.set(hit.id, { id: hit.id, name: hit.name });
    else unmatched.push(words);
  }
  if (unmatched.length > 0) {
    // Someone of the workspace by that name, but without a role here: say so rather than drop it.
    const phrases = [...new Set(unmatched.flatMap((words) => words.map((_, i) => fold(words.slice(0, i + 1).join(' ')))))];
    const outsider = await db
      .selectFrom('users')
      .select('name')
      .where(sql`lower(name)`, 'in', phrases)
      .where('disabled_at', 'is', null)
      .orderBy(sql`length(name)`, 'desc')
      .executeTakeFirst();
    if (outsider) {
      throw invalid(field, `@${outsider.name} is not a member of ${product.key}; only people with a role on the product can be mentioned`);
    }
  }
  return [...found.values()];
}

/** Tells the people a text mentions, except those in `except` (already told another way). */
export async function notifyMentions(
  tx: TxContext,
  input: {
    product: { id: number; key: string };
    actor: Actor;
    mentioned: Mentioned[];
    except?: number[];
    /** "in a comment on PAY-12", "in a question on PAY" */
    where: string;
    text: string;
    link: string;
    entity: { type: string; id: number };
  },
): Promise<void> {
  const recipients = input.mentioned.map((m) => m.id).filter((id) => !input.except?.includes(id));
  if (recipients.length === 0) return;
  await notify(tx, {
    kind: 'mention',
    recipientIds: recipients,
    productId: input.product.id,
    actorId: input.actor.userId,
    title: `${input.actor.name} mentioned you ${input.where}`,
    body: clip(input.text),
    link: input.link,
    entity: input.entity,
  });
}

export const clip = (text: string, max = 500) => (text.length > max ? `${text.slice(0, max)}…` : text);
