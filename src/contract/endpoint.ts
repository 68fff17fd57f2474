import type { z } from 'zod';

/**
 * How an endpoint is declared: once, here in the contract. The server registers its route from
 * the declaration (src/http/route.ts adds only the handler), /api/openapi.json documents it, and
 * the web client calls it by the declaration (web/src/api/client.ts), so a URL, a verb or a query
 * parameter is written in one place.
 *
 * This module must stay free of runtime imports: the web build keeps only the `method`/`path`
 * part of each declaration (see web/vite.config.ts) and imports `pathOf` from here.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint {
  method: HttpMethod;
  /** OpenAPI-style path: `/api/items/{key}` */
  path: string;
  /** one line for the docs, in the product's words */
  summary: string;
  /** the resource it belongs to, for grouping in the docs */
  tag: string;
  /** `public` endpoints answer without a signed-in user */
  auth?: 'required' | 'public';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** the JSON body of a success; absent for 204 and for answers that are not JSON (`produces`) */
  response?: z.ZodType;
  /** the content type of an answer that is not JSON: `text/event-stream`, `text/csv`, … (several when a query chooses; ANY_FILE: a stored file's own type) */
  produces?: string | readonly string[];
  /**
   * The request body is a file of any type, streamed to the handler unparsed (`req.raw`) instead of
   * JSON: an attachment upload. The handler enforces its own size limit.
   */
  consumes?: 'file';
  /** success status; 200 by default, 204 when there is no response body */
  status?: number;
  /** the error statuses this endpoint can answer beyond those every endpoint can (see STATUS_ALWAYS) */
  errors?: readonly number[];
}

/** `produces` of an endpoint that answers with a stored file in whatever type it has. */
export const ANY_FILE = '*/*';

/** Declares an endpoint, keeping its literal types so the client and server can infer from it. */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

/** A resource's endpoints, by name: `items.list`, `items.create`, … */
export type EndpointGroup = Record<string, Endpoint>;

/** Statuses any endpoint may answer: bad input, not signed in, too large, not JSON, throttled. */
export const STATUS_ALWAYS = [400, 401, 413, 415, 429] as const;

type Schema<E, K extends 'params' | 'query' | 'body' | 'response'> = E extends { [P in K]: infer S extends z.ZodType } ? S : never;

/** What a caller sends: path params, query and body, each only when the endpoint declares it. */
export type RequestOf<E extends Endpoint> = ([Schema<E, 'params'>] extends [never] ? unknown : { params: z.input<Schema<E, 'params'>> }) &
  ([Schema<E, 'query'>] extends [never]
    ? unknown
    : object extends z.input<Schema<E, 'query'>>
      ? { query?: z.input<Schema<E, 'query'>> }
      : { query: z.input<Schema<E, 'query'>> }) &
  ([Schema<E, 'body'>] extends [never] ? unknown : { body: z.input<Schema<E, 'body'>> });

/** What a caller receives on success. */
export type ResponseOf<E extends Endpoint> = [Schema<E, 'response'>] extends [never] ? void : z.output<Schema<E, 'response'>>;

/** What the server's validation hands a handler (defaults applied, strings coerced). */
export type ParsedParams<E extends Endpoint> = [Schema<E, 'params'>] extends [never]
  ? Record<string, never>
  : z.output<Schema<E, 'params'>>;
export type ParsedQuery<E extends Endpoint> = [Schema<E, 'query'>] extends [never] ? Record<string, never> : z.output<Schema<E, 'query'>>;
export type ParsedBody<E extends Endpoint> = [Schema<E, 'body'>] extends [never] ? undefined : z.output<Schema<E, 'body'>>;
/** What a handler may return as the body: the response before it is sent. */
export type ResponseInput<E extends Endpoint> = [Schema<E, 'response'>] extends [never] ? void : z.input<Schema<E, 'response'>>;

/** The endpoint's path with its `{params}` filled in, each encoded as one path segment. */
export function pathOf(path: string, params?: Record<string, unknown>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${path}: the path parameter "${name}" is missing`);
    return encodeURIComponent(String(value));
  });
}

/** `/api/items/{key}` as Fastify writes it: `/api/items/:key`. */
export const fastifyPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
