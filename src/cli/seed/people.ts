import type { Actor, ServiceContext } from '../../services/context.js';
import { createUser } from '../../services/users.js';

export interface SeededUser {
  id: number;
  name: string;
  email: string;
  password: string;
  /** the user as services see them acting */
  actor: Actor;
}

/** A person's e-mail from their first name: "Tomás Reyes" at example.com is tomas@example.com. */
export function emailFor(name: string, domain: string): string {
  const first = name
    .split(' ')[0]!
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
  return `${first}@${domain}`;
}

/** Creates a user who can sign in with `password`; the e-mail is `emailFor(name, domain)` unless given. */
export async function seedUser(
  ctx: ServiceContext,
  input: { name: string; password: string; email?: string; domain?: string; isAdmin?: boolean },
): Promise<SeededUser> {
  const email = input.email ?? emailFor(input.name, input.domain ?? 'example.com');
  const user = await createUser(ctx, { email, name: input.name, password: input.password, isAdmin: input.isAdmin });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    password: input.password,
    actor: { userId: user.id, name: user.name, isAdmin: user.isAdmin },
  };
}
