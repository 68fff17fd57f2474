import type { Conn } from '../../db/schema.js';
import type { SourcePerson } from './import-model.js';

export interface PersonMatch {
  ref: string;
  name: string;
  user: { id: number; name: string } | null;
  by: 'email' | 'name' | null;
}

/**
 * The people an export names, matched to Ordo's active users by e-mail, else by name (case and
 * spacing ignored). Who matches nobody is kept as text on what they wrote or were assigned.
 */
export async function matchPeople(db: Conn, people: Map<string, SourcePerson>): Promise<PersonMatch[]> {
  const users = await db.selectFrom('users').select(['id', 'name', 'email']).where('disabled_at', 'is', null).execute();
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  const byEmail = new Map(users.map((u) => [norm(u.email), u]));
  const byName = new Map<string, (typeof users)[number] | null>();
  // A name two users share matches neither.
  for (const u of users) byName.set(norm(u.name), byName.has(norm(u.name)) ? null : u);
  return [...people].map(([ref, p]) => {
    const email = p.email ? byEmail.get(norm(p.email)) : undefined;
    if (email) return { ref, name: p.name, user: { id: email.id, name: email.name }, by: 'email' as const };
    const named = byName.get(norm(p.name));
    if (named) return { ref, name: p.name, user: { id: named.id, name: named.name }, by: 'name' as const };
    return { ref, name: p.name, user: null, by: null };
  });
}
