import { z } from 'zod';
import { endpoint } from './endpoint.js';

export const metaEndpoints = {
  health: endpoint({
    method: 'GET',
    path: '/api/health',
    tag: 'meta',
    summary: 'Liveness: 200 when the server answers and its database does',
    auth: 'public',
    response: z.object({ status: z.literal('ok') }),
  }),
  openapi: endpoint({
    method: 'GET',
    path: '/api/openapi.json',
    tag: 'meta',
    summary: 'This description of the API, OpenAPI 3.1, generated from the contract',
    auth: 'public',
    produces: 'application/json',
  }),
};
