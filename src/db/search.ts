import { sql, type Kysely, type SelectQueryBuilder, type Expression, type SqlBool } from 'kysely';
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
  if (dialect === 'sqlite') return sql<SqlBool>`items.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ${ftsMatch(terms)})`;
  const query = terms.map((t) => `${t}:*`).join(' & ');
  return sql<SqlBool>`items.search @@ to_tsquery('simple', ${query})`;
}

const ftsMatch = (terms: string[]) => terms.map((t) => `"${t}"*`).join(' ');

/**
 * The same condition on SQLite, shaped by how many items match, for a page in rank order.
 * Up to `few` matches are fetched once and handed back as a list, which the page sorts by rank;
 * more, and the page walks the rank index keeping matches, stopping at its end, instead of
 * sorting thousands. Measured on 100,000 items: a word in 10,000 of them is found four times
 * faster by walking; one in 500 is faster sorted.
 */
export async function sqliteSearchCondition(
  db: Kysely<any>,
  q: string,
  few = 2000,
): Promise<{ condition: Expression<SqlBool>; selective: boolean } | null> {
  const terms = searchTerms(q);
  if (terms.length === 0) return null;
  const match = ftsMatch(terms);
  const { rows } = await sql<{ id: number }>`SELECT rowid AS id FROM items_fts WHERE items_fts MATCH ${match} LIMIT ${few}`.execute(db);
  if (rows.length < few) {
    // Selective: the caller should look the matches up by id rather than walk its product's items.
    return {
      condition: sql<SqlBool>`items.id IN (SELECT value FROM json_each(${JSON.stringify(rows.map((r) => r.id))}))`,
      selective: true,
    };
  }
  // The unary + keeps items.id from being used as an index, so the matches only filter the walk.
  return { condition: sql<SqlBool>`+items.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ${match})`, selective: false };
}

/**
 * The search condition for a page of items in rank order on either dialect, and whether it is
 * selective enough to look the matches up by id; null when the query has no words.
 */
export async function itemSearch(
  db: Kysely<any>,
  dialect: Dialect,
  q: string,
): Promise<{ condition: Expression<SqlBool>; selective: boolean } | null> {
  if (dialect === 'sqlite') return sqliteSearchCondition(db, q);
  const condition = itemSearchCondition(dialect, q);
  return condition && { condition, selective: false };
}

export type { SelectQueryBuilder };
