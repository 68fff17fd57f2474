import { z } from 'zod';
import { ZError } from '../contract/common.js';
import type { Endpoint } from '../contract/endpoint.js';
import { documentedStatuses } from './route.js';

const STATUS_TEXT: Record<number, string> = {
  304: 'Not modified since the ETag you sent',
  400: 'Invalid input; `details.fields` names each failing field',
  401: 'Not signed in',
  403: 'Your role does not allow this',
  404: 'Not found (or not visible to you)',
  409: 'Conflict: a stale version (`details.current` holds the current state), a duplicate, or a change that kept colliding with concurrent ones (try again)',
  413: 'Request body too large',
  415: 'The body is not in a type this endpoint reads (send JSON)',
  422: 'A domain rule refused it; `details` says which',
  429: 'Too many requests',
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;

/** OpenAPI 3.1 built from the contract's declarations, the same Zod schemas the routes validate with. */
export function buildOpenApi(endpoints: Endpoint[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorSchema = jsonSchema(ZError, 'output');
  for (const e of endpoints) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', e.params],
      ['query', e.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const code of [...documentedStatuses(e)].sort()) {
      if (code < 300) {
        responses[code] = e.response
          ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(e.response, 'output') } } }
          : e.produces && code !== 204
            ? {
                description: 'OK',
                content: Object.fromEntries((typeof e.produces === 'string' ? [e.produces] : e.produces).map((t) => [t, {}])),
              }
            : { description: 'Done' };
      } else if (code === 304) {
        responses[code] = { description: STATUS_TEXT[code] };
      } else {
        responses[code] = { description: STATUS_TEXT[code] ?? 'Error', content: { 'application/json': { schema: errorSchema } } };
      }
    }
    (paths[e.path] ??= {})[e.method.toLowerCase()] = {
      summary: e.summary,
      tags: [e.tag],
      operationId: `${e.method.toLowerCase()}${e.path
        .replace(/[{}]/g, '')
        .replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())
        .replace(/[^\w]/g, '')}`,
      parameters: parameters.length ? parameters : undefined,
      requestBody: e.body
        ? { required: true, content: { 'application/json': { schema: jsonSchema(e.body, 'input') } } }
        : e.consumes === 'file'
          ? { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }
          : undefined,
      responses,
      security: e.auth === 'public' ? [] : undefined,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ordo API',
      version,
      description:
        "The product owner's workbench. Authenticate with the session cookie (web app) or a personal API token as `Authorization: Bearer <token>` (POST /api/tokens). Errors are `{ error: { code, message, details } }`.",
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'ordo_session' },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}

/** The app's icon, the same data URL as web/index.html's (a test keeps them equal), so the docs tab shows it and the browser asks for no /favicon.ico. */
export const FAVICON_HREF =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='4' fill='%235b5bd6'/%3E%3Cpath d='M4 5h8M4 8h6M4 11h4' stroke='white' stroke-width='1.6' stroke-linecap='round'/%3E%3C/svg%3E";

export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ordo API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="${FAVICON_HREF}">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

export const DOCS_INIT_JS = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true });`;
