import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Dialect } from './dialect.js';

/** `expr DESC` with nulls last: SQLite sorts nulls last when descending, PostgreSQL needs telling. */
export function descNullsLast(dialect: Dialect, expr: Expression<unknown>): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`${expr} DESC NULLS LAST` : sql`${expr} DESC`;
}

/** An integer field of a JSON text column: `json_extract` on SQLite, `->>` on PostgreSQL. */
export function jsonInteger(dialect: Dialect, column: string, field: string): RawBuilder<number | null> {
  return dialect === 'postgres'
    ? sql<number | null>`(${sql.ref(column)}::jsonb ->> ${sql.lit(field)})::int`
    : sql<number | null>`json_extract(${sql.ref(column)}, ${sql.lit('$.' + field)})`;
}
