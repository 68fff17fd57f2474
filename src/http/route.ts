import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hostileValue, MAX_INT, ZError } from '../contract/common.js';
import {
  ANY_FILE,
  fastifyPath,
  STATUS_ALWAYS,
  type Endpoint,
  type EndpointGroup,
  type ParsedBody,
  type ParsedParams,
  type ParsedQuery,
  type ResponseInput,
} from '../contract/endpoint.js';
import { AppError, invalid } from '../domain/errors.js';
import type { Actor, ServiceContext } from '../services/context.js';
import { validationError } from './errors.js';
import { authenticate } from './auth.js';

export interface RouteInput<E extends Endpoint> {
  actor: Actor;
  params: ParsedParams<E>;
  query: ParsedQuery<E>;
  body: ParsedBody<E>;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** A body the service has already serialised (a cached board, a backlog page): sent as it is. */
export class SerialisedJson {
  constructor(readonly json: string | Buffer) {}
}

/** The body to send; or the reply itself when the handler has sent the answer (a stream, a file). */
type Result<E extends Endpoint> = ResponseInput<E> | SerialisedJson | FastifyReply | undefined;
export type Handler<E extends Endpoint> = (input: RouteInput<E>) => Promise<Result<E>> | Result<E>;

/** An endpoint of the contract with the handler that answers it: the only thing the http layer adds. */
export interface Route {
  endpoint: Endpoint;
  handler: Handler<any>;
}

/**
 * The routes of one resource: a handler for every endpoint its contract group declares (the type
 * refuses a missing one), keyed by the same names.
 */
export function routes<G extends EndpointGroup>(group: G, handlers: { [K in keyof G]: Handler<G[K]> }): Route[] {
  return Object.keys(group).map((name) => ({ endpoint: group[name]!, handler: handlers[name]! }));
}

export interface RegisterOptions {
  /**
   * Check every answer against its declaration: the body against the response schema (or the one
   * error shape) and the status against the declared ones. Tests turn it on, so the documented
   * contract cannot drift from what is sent; an answer that breaks it becomes a 500 that says why.
   */
  validateResponses?: boolean;
}

const NOBODY: Actor = { userId: 0, name: 'anonymous', isAdmin: false };

/**
 * Registers routes as a fixed chain: authenticate → validate → handler (one service call) → send.
 * The handler's return value is the response body; `undefined` answers 204.
 */
export function registerRoutes(app: FastifyInstance, ctx: ServiceContext, list: Route[], options: RegisterOptions = {}) {
  const files = list.filter((r) => r.endpoint.consumes === 'file');
  if (files.length) {
    // Uploads get their own scope whose only parser leaves the body unread, so the handler streams
    // it from req.raw (to disk) instead of Fastify buffering it against the JSON body limit.
    void app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
      registerEach(scope, ctx, files, options);
    });
  }
  registerEach(
    app,
    ctx,
    list.filter((r) => r.endpoint.consumes !== 'file'),
    options,
  );
}

function registerEach(app: FastifyInstance, ctx: ServiceContext, list: Route[], options: RegisterOptions) {
  for (const { endpoint: e, handler } of list) {
    app.route({
      method: e.method,
      url: fastifyPath(e.path),
      onSend: options.validateResponses ? (req, reply, payload, done) => done(null, checkAnswer(e, req, reply, payload)) : undefined,
      handler: async (req, reply) => {
        const actor = e.auth === 'public' ? NOBODY : await authenticate(ctx, req);
        const params = parse('params', e.params, req.params);
        const query = parse('query', e.query, req.query ?? {});
        const body = parse('body', e.body, e.body ? (req.body ?? {}) : undefined);
        const result = await handler({ actor, params, query, body, req, reply } as RouteInput<any>);
        if (result === reply || reply.sent) return reply;
        if (result === undefined) return reply.code(204).send();
        if (result instanceof SerialisedJson)
          return reply
            .code(e.status ?? 200)
            .type('application/json; charset=utf-8')
            .send(result.json);
        return reply.code(e.status ?? 200).send(result);
      },
    });
  }
}

function parse(where: 'body' | 'query' | 'params', schema: z.ZodType | undefined, value: unknown): any {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  const hostile = hostileValue(result.data);
  if (hostile) throw invalid(hostile.path || where, hostile.message);
  return result.data;
}

/** The statuses an endpoint is documented to answer. */
export function documentedStatuses(e: Endpoint): Set<number> {
  const success = e.status ?? (e.response || e.produces ? 200 : 204);
  return new Set<number>([
    success,
    ...(e.method === 'DELETE' || !e.response ? [204] : []),
    ...STATUS_ALWAYS.filter((s) => s !== 401 || e.auth !== 'public'),
    // A change sent with the session cookie from another origin is refused (src/http/auth.ts).
    ...(e.method === 'GET' ? [] : [403]),
    // A change that kept colliding with concurrent ones after mutate()'s retries (src/services/context.ts).
    ...(e.method === 'GET' ? [] : [409]),
    ...(e.errors ?? []),
  ]);
}

function checkAnswer(e: Endpoint, req: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  const status = reply.statusCode;
  const problem = contractProblem(e, status, payload, reply);
  if (!problem) return payload;
  req.log.error({ endpoint: `${e.method} ${e.path}`, status, problem }, 'answer breaks the contract');
  reply.code(500).type('application/json; charset=utf-8');
  return JSON.stringify({
    error: { code: 'contract_drift', message: `${e.method} ${e.path} answered ${status} outside its contract: ${problem}` },
  });
}

function contractProblem(e: Endpoint, status: number, payload: unknown, reply: FastifyReply): string | null {
  if (status === 304 || status === 500) return null;
  if (!documentedStatuses(e).has(status)) return `status ${status} is not declared`;
  if (status === 204) return null;
  const type = String(reply.getHeader('content-type') ?? '');
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
  if (status >= 400) return text !== null ? schemaProblem(ZError, text) : 'an error without a JSON body';
  if (e.produces === ANY_FILE) return type ? null : 'a file without a content type';
  if (e.produces) {
    const declared = typeof e.produces === 'string' ? [e.produces] : e.produces;
    return declared.some((p) => type.startsWith(p)) ? null : `content type ${type}, declared ${declared.join(' or ')}`;
  }
  if (!e.response) return 'a body where none is declared';
  if (text === null) return 'a body that is not JSON';
  return schemaProblem(e.response, text);
}

function schemaProblem(schema: z.ZodType, payload: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return 'a body that is not JSON';
  }
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

/** The version a client read, from `If-Match` or the body's `version`; required for updates. */
export function expectedVersion(req: FastifyRequest, bodyVersion: number | undefined): number {
  const header = req.headers['if-match'];
  if (typeof header === 'string' && header.trim() !== '') {
    const n = Number(header.replace(/^W\//, '').replace(/"/g, ''));
    if (!Number.isInteger(n) || Math.abs(n) > MAX_INT)
      throw new AppError('validation', 'If-Match: must be the item version, a number', {
        fields: [{ path: 'If-Match', message: 'must be a number' }],
      });
    return n;
  }
  if (bodyVersion === undefined)
    throw new AppError('validation', 'version: the version you read is required (If-Match header or "version" field)', {
      fields: [{ path: 'version', message: 'is required' }],
    });
  return bodyVersion;
}
