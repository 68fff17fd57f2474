/**
 * A unique index refused the write (SQLite's and PostgreSQL's codes for it): two writers chose
 * the same rank, the same link or the same active sprint, and the later one lost.
 */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
