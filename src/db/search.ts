import { sql, type SelectQueryBuilder, type Expression, type SqlBool } from 'kysely';
import type { Dialect } from './dialect.js';

/** Words of a user's query, stripped of syntax so no input can break the FTS parser. */
export function searchTerms(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 12);
}

/**
 * A WHERE condition matching items whose key, title or description contain every term,
 * the last one as a prefix so results follow the user's typing.
 */
export function itemSearchCondition(dialect: Dialect, q: string): Expression<SqlBool> | null {
  const terms = searchTerms(q);
  if (terms.length === 0) return null;
  if (dialect === 'sqlite') {
    const match = terms.map((t) => `"${t}"*`).join(' ');
    return sql<SqlBool>`items.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ${match})`;
  }
  const query = terms.map((t) => `${t}:*`).join(' & ');
  return sql<SqlBool>`items.search @@ to_tsquery('simple', ${query})`;
}

export type { SelectQueryBuilder };
