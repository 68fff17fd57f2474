import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { Actor, ServiceContext } from '../services/context.js';
import { validationError } from './errors.js';
import { authenticate } from './auth.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteInput<P, Q, B> {
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteDef<P = any, Q = any, B = any> {
  method: Method;
  /** Fastify path, e.g. `/api/items/:key` */
  url: string;
  summary: string;
  tag: string;
  /** `public` routes run without a signed-in user; `actor` is then a placeholder */
  auth?: 'required' | 'public';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response?: z.ZodType;
  /** success status; 200 by default, 204 when the handler returns undefined */
  status?: number;
  /** extra statuses this route can answer, for the docs */
  errors?: number[];
  handler(input: RouteInput<P, Q, B>): Promise<unknown> | unknown;
}

/** Collects every route's contract, for /api/openapi.json. */
export class RouteRegistry {
  readonly routes: RouteDef[] = [];
}

const NOBODY: Actor = { userId: 0, name: 'anonymous', isAdmin: false };

/**
 * Registers routes as a fixed chain: authenticate → validate → handler (one service call) → send.
 * The handler's return value is the response body; `undefined` answers 204.
 */
export function addRoutes(app: FastifyInstance, ctx: ServiceContext, registry: RouteRegistry, defs: RouteDef[]) {
  for (const def of defs) {
    registry.routes.push(def);
    app.route({
      method: def.method,
      url: def.url,
      handler: async (req, reply) => {
        const actor = def.auth === 'public' ? NOBODY : await authenticate(ctx, req);
        const params = parse('params', def.params, req.params);
        const query = parse('query', def.query, req.query ?? {});
        const body = parse('body', def.body, def.body ? (req.body ?? {}) : undefined);
        const result = await def.handler({ actor, params, query, body, req, reply });
        if (reply.sent) return reply;
        if (result === undefined) return reply.code(204).send();
        return reply.code(def.status ?? 200).send(result);
      },
    });
  }
}

function parse<T>(where: 'body' | 'query' | 'params', schema: z.ZodType<T> | undefined, value: unknown): T {
  if (!schema) return value as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

/** The version a client read, from `If-Match` or the body's `version`; required for updates. */
export function expectedVersion(req: FastifyRequest, bodyVersion: number | undefined): number {
  const header = req.headers['if-match'];
  if (typeof header === 'string' && header.trim() !== '') {
    const n = Number(header.replace(/^W\//, '').replace(/"/g, ''));
    if (!Number.isInteger(n)) throw new AppError('validation', 'If-Match: must be the item version, a number', { fields: [{ path: 'If-Match', message: 'must be a number' }] });
    return n;
  }
  if (bodyVersion === undefined)
    throw new AppError('validation', 'version: the version you read is required (If-Match header or "version" field)', {
      fields: [{ path: 'version', message: 'is required' }],
    });
  return bodyVersion;
}
