import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZProductParams } from './common.js';

export const EXPORT_FORMATS = ['json', 'csv'] as const;

export const exportsEndpoints = {
  download: endpoint({
    method: 'GET',
    path: '/api/products/{key}/export',
    tag: 'exports',
    summary:
      'The product as a file, streamed: `json` is everything it holds (an Ordo export, version 1, that `ordo import ordo` reads back), ' +
      '`csv` one row per item with Jira-like column names. Sent as an attachment.',
    params: ZProductParams,
    query: z.strictObject({ format: z.enum(EXPORT_FORMATS).default('json') }),
    produces: ['application/json', 'text/csv'],
    errors: [403, 404],
  }),
};
