import { Readable } from 'node:stream';
import { readSnapshot } from '../../db/snapshot.js';
import { requireProduct } from '../access.js';
import type { Actor, ServiceContext } from '../context.js';
import { writeItemsCsv } from './export-csv.js';
import { writeOrdoExport } from './export-json.js';

export type ExportFormat = 'json' | 'csv';

export interface ProductExport {
  filename: string;
  contentType: string;
  /** the file, produced as it is read: the caller pipes it to a response or a file */
  body: Readable;
}

/**
 * A product's export, after checking the caller may export it: everything as an Ordo export
 * (JSON, which `ordo import ordo` reads back), or the items as a Jira-like CSV.
 */
export async function exportProduct(
  ctx: ServiceContext,
  actor: Actor,
  input: { key: string; format: ExportFormat },
): Promise<ProductExport> {
  const { product } = await requireProduct(ctx.db, actor, { key: input.key }, 'product.export');
  const day = ctx.clock.now().toISOString().slice(0, 10);
  if (input.format === 'csv')
    return {
      filename: `${product.key}-${day}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: writeItemsCsv(ctx.db, ctx.dialect, product),
    };
  return {
    filename: `${product.key}-${day}.ordo.json`,
    contentType: 'application/json; charset=utf-8',
    body: Readable.from(readSnapshot(ctx.db, ctx.dialect, (db) => writeOrdoExport(db, ctx.clock, product, ctx.files))),
  };
}
