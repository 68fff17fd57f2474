import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZProductParams } from './common.js';

export const eventsEndpoints = {
  stream: endpoint({
    method: 'GET',
    path: '/api/products/{key}/events',
    tag: 'events',
    summary:
      'Server-Sent Events: one `activity` event per activity row (id = event number, data = the activity). ' +
      'Resumes after `Last-Event-ID` (or `?after=N`); without either, sends only what happens from now on. ' +
      'A `reset` event means the log is behind the id you gave (the database was restored): reload your data.',
    params: ZProductParams,
    produces: 'text/event-stream',
    query: z.strictObject({ after: z.coerce.number().int().min(0).optional() }),
    errors: [404],
  }),
};
