import { CompiledQuery, type Compilable } from 'kysely';
import type { Conn } from './schema.js';

/** Stands in for a named argument while the query is compiled; swapped for the argument at each run. */
class Slot {
  constructor(readonly name: string) {}
}

interface Template {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * A query Kysely builds and compiles once per dialect (and set of argument names), then runs with
 * new arguments.
 *
 * Why: on the hot write paths (a create runs eight statements) building and compiling a query with
 * Kysely costs more CPU than SQLite takes to run it (issue 14). The query is built with a
 * placeholder for each argument, which Kysely passes through as a bound parameter; each run puts
 * the arguments in their places. So `build` must hand every argument to Kysely as a value (in a
 * comparison, a value to set or insert), never branch on it or spread it into a list, so the
 * statement does not depend on it. An argument left undefined is bound as null. The SQL is the
 * one Kysely writes and SQLite keeps it prepared (src/db/connection.ts).
 */
export function compiledQuery<P extends Record<string, unknown>, R>(
  build: (db: Conn, args: P, names: readonly string[]) => Compilable<R>,
): (db: Conn, args: P) => Promise<R[]> {
  // Keyed by the dialect's adapter (a transaction shares its database's), then by the argument names.
  const templates = new WeakMap<object, Map<string, Template>>();
  return async (db, args) => {
    const names = Object.keys(args);
    const shape = names.join(',');
    const adapter = db.getExecutor().adapter;
    let byShape = templates.get(adapter);
    if (!byShape) templates.set(adapter, (byShape = new Map()));
    let template = byShape.get(shape);
    if (!template) {
      const slots = Object.fromEntries(names.map((n) => [n, new Slot(n)])) as P;
      const { sql, parameters } = build(db, slots, names).compile();
      template = { sql, parameters };
      byShape.set(shape, template);
    }
    const parameters = template.parameters.map((p) => (p instanceof Slot ? (args[p.name] ?? null) : p));
    return (await db.executeQuery<R>(CompiledQuery.raw(template.sql, parameters))).rows;
  };
}
