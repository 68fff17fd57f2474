import http from 'node:http';
import { createRequire } from 'node:module';

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: Array<AutocannonRequest & { setupRequest?: (req: AutocannonRequest) => AutocannonRequest }>;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonInstance {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (opts: AutocannonOptions, done: (err: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
// autocannon ships CommonJS without types.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** What a load run measured; latencies in milliseconds with sub-millisecond precision. */
export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** responses that were not 2xx/304, and connection errors */
  failures: number;
  statuses: Record<string, number>;
  /** mean response size in bytes */
  meanBytes: number;
}

export const BENCH_HOST = '127.0.0.1';

/**
 * Runs autocannon against one endpoint for `seconds` at `connections`. `next` (optional) shapes
 * each request, e.g. to pick a random item per move. Latencies are collected per response, so
 * percentiles keep sub-millisecond precision (autocannon's own histogram rounds to 1 ms).
 */
export async function load(opts: {
  url: string;
  path: string;
  method?: 'GET' | 'POST' | 'PATCH';
  headers: Record<string, string>;
  body?: unknown;
  connections: number;
  seconds: number;
  next?: () => { path?: string; body?: unknown };
}): Promise<LoadResult> {
  const times: number[] = [];
  let bytes = 0;
  const headers = { ...opts.headers, ...(opts.body !== undefined || opts.next ? { 'content-type': 'application/json' } : {}) };
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.seconds,
        requests: [
          {
            method: opts.method ?? 'GET',
            path: opts.path,
            headers,
            body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
            // autocannon calls setupRequest whenever the key is present, even when undefined
            ...(opts.next
              ? {
                  setupRequest: (req: AutocannonRequest) => {
                    const n = opts.next!();
                    return { ...req, path: n.path ?? req.path, body: n.body === undefined ? req.body : JSON.stringify(n.body) };
                  },
                }
              : {}),
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, resBytes, ms) => {
      times.push(ms);
      bytes += resBytes;
    });
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]));
  const good = Object.entries(statuses)
    .filter(([s]) => /^2\d\d$|^304$/.test(s))
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests: times.length,
    perSecond: times.length / result.duration,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    failures: times.length - good + result.errors,
    statuses,
    meanBytes: times.length ? bytes / times.length : 0,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: number[]) => percentile(values, 50);

/**
 * One client on one kept-alive connection, timing each request from write to last byte: how a
 * single user (or the peers' sequential measurements) sees the server.
 */
export class SequentialClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string>,
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    return new Promise<{ status: number; ms: number; bytes: number; text: string; headers: http.IncomingHttpHeaders }>(
      (resolve, reject) => {
        const req = http.request(
          `${this.base}${path}`,
          {
            method,
            agent: this.agent,
            headers: {
              ...this.headers,
              ...headers,
              ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const buf = Buffer.concat(chunks);
              resolve({
                status: res.statusCode ?? 0,
                ms: performance.now() - started,
                bytes: buf.length,
                text: buf.toString('utf8'),
                headers: res.headers,
              });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      },
    );
  }

  /** Like request(), but fails loudly on anything but the expected status. */
  async expect(status: number, method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const res = await this.request(method, path, body, headers);
    if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}, expected ${status}: ${res.text.slice(0, 500)}`);
    return res;
  }

  close() {
    this.agent.destroy();
  }
}
