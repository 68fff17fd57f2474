import { pathOf, type Endpoint, type RequestOf, type ResponseOf, type TError } from '@ordo/contract';
import { fieldSentence } from './fieldMessages';

export interface FieldError {
  path: string;
  message: string;
}

/** The server's `{ error: { code, message, details } }`, or a network failure in the same shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A sentence per field for forms ("Name is required"), from a 400's `details.fields`, by the field's path. */
  get fields(): Record<string, string> {
    const list = (this.details as { fields?: FieldError[] } | undefined)?.fields;
    const out: Record<string, string> = {};
    for (const f of Array.isArray(list) ? list : []) out[f.path] ??= fieldSentence(f.path, f.message);
    return out;
  }

  /** The server's current copy of a row, sent with a 409 version conflict. */
  get current(): unknown {
    return (this.details as { current?: unknown } | undefined)?.current;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

type Query = Record<string, string | number | boolean | null | undefined | string[]>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(','));
    } else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** Calls the API with the session cookie; resolves with the parsed body, rejects with ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  // Fastify refuses an empty body sent as JSON, so the header goes only with a body. A file (an
  // attachment) goes as it is, in its own type.
  const file = options.body instanceof Blob ? options.body : null;
  if (file) headers['content-type'] = file.type || 'application/octet-stream';
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Ordo cannot be reached. Check your connection; we will keep trying.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy's HTML error page, say; reported below in words instead.
  }
  if (res.ok) return body as T;
  const error = (body as Partial<TError> | undefined)?.error;
  if (error && typeof error.message === 'string') throw new ApiError(res.status, error.code, error.message, error.details);
  throw new ApiError(res.status, 'http_' + res.status, describeStatus(res.status));
}

function describeStatus(status: number): string {
  if (status === 502 || status === 503 || status === 504) return 'Ordo is restarting or unreachable. Try again in a moment.';
  if (status >= 500) return 'Something went wrong on the server. Try again; if it keeps happening, tell your admin.';
  return `The request failed (HTTP ${status}).`;
}

type Args<E extends Endpoint> =
  object extends RequestOf<E> ? [input?: RequestOf<E>, options?: CallOptions] : [input: RequestOf<E>, options?: CallOptions];

export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * Calls an endpoint of the contract: `call(endpoints.items.get, { params: { key } })`. The URL,
 * the verb and the shapes of the query, body and answer all come from the endpoint's declaration.
 */
export function call<E extends Endpoint>(e: E, ...[input, options]: Args<E>): Promise<ResponseOf<E>> {
  const req = (input ?? {}) as { params?: Record<string, unknown>; query?: Query; body?: unknown };
  return request<ResponseOf<E>>(e.method, pathOf(e.path, req.params), {
    query: req.query,
    body: req.body,
    signal: options?.signal,
    headers: options?.headers,
  });
}

/** A sentence for any error, for toasts and error panels; never raw JSON. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return Object.values(e.fields)[0] ?? e.message;
  if (e instanceof Error && e.message) return e.message;
  return 'Something went wrong.';
}
