/**
 * A unique index refused the write (SQLite's and PostgreSQL's codes for it): two writers chose
 * the same rank, the same link or the same active sprint, and the later one lost.
 */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/**
 * The database gave up on a transaction that would succeed if run again: a deadlock (40P01) or a
 * serialization failure (40001) on PostgreSQL, a busy or stale-snapshot write on SQLite.
 */
export function isRetryableConflict(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'));
}

/**
 * Runs a write that a unique index guards and turns the database's refusal into `duplicate()`'s
 * error: of concurrent writers of one name, key or e-mail the first commits and the others hear
 * why, where a check before the write would let them all through.
 */
export async function refuseDuplicate<T>(write: Promise<T>, duplicate: () => Error): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate();
    throw e;
  }
}
