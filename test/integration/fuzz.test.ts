import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, member } from '../support/items.js';

/**
 * An OpenAPI-driven fuzzer: for every operation in /api/openapi.json, a seeded sample of hostile
 * requests (wrong types, huge strings, deep nesting, NUL characters, extreme numbers, `__proto__`
 * keys, junk cursors) sent as an owner who may do everything. Whatever the input, the answer is
 * never a 5xx: a refusal is the client's error, not the server's.
 *
 * FUZZ_SEED picks another sample (the failing seed is printed), FUZZ_CASES the cases per operation.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260312);
const CASES = Number(process.env.FUZZ_CASES ?? 8);

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  pattern?: string;
  minimum?: number;
  minItems?: number;
};
type Operation = {
  method: string;
  path: string;
  parameters?: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema } | undefined> };
  responses: Record<string, unknown>;
};

/** A small seeded generator (mulberry32), so a failure can be replayed with its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! };
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const deep = (n: number): unknown => (n === 0 ? 'bottom' : { a: deep(n - 1) });
const deepList = (n: number): unknown => (n === 0 ? [] : [deepList(n - 1)]);

/** Strings for a path segment, a query value or a cursor. */
const HOSTILE_TEXT = [
  '\u0000',
  'PAY\u0000-1',
  'a\u0000b',
  '2147483648',
  '99999999999999999999',
  '-1',
  '0',
  '1e300',
  'NaN',
  '1.5',
  'x'.repeat(5000),
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  '２０２６',
  '2026-02-31',
  '2026-13-45',
  'A-2147483648',
  'none,2147483648',
  '1,\u0000',
  b64('{"offset":1e300}'),
  b64('{"offset":-1}'),
  b64('{"offset":2147483648}'),
  b64('{"rank":123}'),
  b64('{"rank":"\u0000"}'),
  b64('{"__proto__":{"offset":5}}'),
  b64('not json'),
  'eyJ',
  '!!!!',
];

/** Values for a body field. */
const HOSTILE_JSON: unknown[] = [
  '\u0000',
  'title\u0000',
  'x'.repeat(100_000),
  '',
  ' ',
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  1e300,
  -1e300,
  1.5,
  -1,
  0,
  true,
  null,
  [],
  {},
  ['\u0000'],
  [2 ** 31],
  Array.from({ length: 2000 }, (_, i) => i),
  deep(200),
  deepList(200),
  '2026-02-31',
  '2026-13-45',
  'NaN',
  { __proto__: null, constructor: { prototype: { isAdmin: true } } },
];

/** Whole bodies, as raw JSON text. */
const HOSTILE_BODIES = [
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '['.repeat(3000) + ']'.repeat(3000),
  '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
  '"just a string"',
  '123',
  'null',
  '[]',
  '{"title":"\\u0000"}',
  '{"title":"x","__proto__":{"x":1}}',
  '{',
];

/** Strings that satisfy common patterns of the contract, so a valid sample gets past them. */
const PATTERN_SAMPLES = ['PQA', 'PQA-1', '2026-03-02', 'blocks', 'x', 'a@example.com', '#aabbcc', 'none'];

interface World {
  owner: TestUser;
  productKey: string;
  itemKey: string;
  otherKey: string;
  ids: Record<string, number>;
  memberId: number;
}

/** A valid-looking value for a schema: required fields only, the first enum value, a pattern-matching string. */
function sample(schema: JsonSchema | undefined, world: World, depth = 0): unknown {
  if (!schema || depth > 6) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alt) return sample(alt.find((s) => s.type !== 'null') ?? alt[0], world, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = sample(schema.properties?.[name], world, depth + 1);
      return out;
    }
    case 'array':
      return schema.minItems ? [sample(schema.items, world, depth + 1)] : [];
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string': {
      if (!schema.pattern) return 'fuzz';
      const re = new RegExp(schema.pattern);
      const candidates = [world.itemKey, world.productKey, ...PATTERN_SAMPLES];
      return candidates.find((c) => re.test(c)) ?? 'fuzz';
    }
    default:
      return 'fuzz';
  }
}

/** A real value for a path parameter, so the hostile part is the only wrong one. */
function pathValue(path: string, name: string, world: World): string {
  if (name === 'key') return path.startsWith('/api/items/') ? world.itemKey : world.productKey;
  if (name === 'itemKey' || name === 'otherKey') return world.otherKey;
  if (name === 'userId') return String(world.memberId);
  if (name === 'kind') return 'relates';
  const resource = path.split('/')[2]!;
  if (path.includes('/states/')) return String(world.ids.state);
  return String(world.ids[resource] ?? 1);
}

async function buildWorld(h: Harness): Promise<World> {
  const owner = await h.buildUser({ name: 'Fuzz owner', isAdmin: true });
  const { key: productKey, state } = await buildBacklog(h, owner);
  const item = await buildItem(h, owner, productKey, { title: 'Fuzzed item' });
  const other = await buildItem(h, owner, productKey, { title: 'Other item' });
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await h.api(owner, { method: 'POST', url, payload });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json().id as number;
  };
  const ids: Record<string, number> = {
    comments: await post(`/api/items/${item.key}/comments`, { body: 'A comment' }),
    criteria: await post(`/api/items/${item.key}/criteria`, { text: 'A criterion' }),
    sprints: await post(`/api/products/${productKey}/sprints`, { name: 'Sprint 1' }),
    releases: await post(`/api/products/${productKey}/releases`, { name: 'Release 1' }),
    questions: await post(`/api/items/${item.key}/questions`, { body: 'Why?' }),
    requests: await post(`/api/products/${productKey}/requests`, {
      title: 'Please',
      description: 'Do it',
      customer: 'Acme',
      impact: 'high',
    }),
    // Never the owner's own token: deleting it would sign the fuzzer out.
    tokens: 2 ** 31 - 1,
    state: state('Review'),
  };
  const someone = await member(h, productKey, owner, 'developer');
  return { owner, productKey, itemKey: item.key, otherKey: other.key, ids, memberId: someone.id };
}

describeEachDialect('fuzzing every operation of /api/openapi.json', (h) => {
  it(`answers no hostile request with a 5xx (seed ${SEED}, ${CASES} cases per operation)`, async () => {
    const world = await buildWorld(h);
    const doc = (await h.api(null, { method: 'GET', url: '/api/openapi.json' })).json();
    const operations: Operation[] = [];
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Operation>>))
      for (const [method, op] of Object.entries(methods)) {
        // Event streams stay open; their inputs are the same ids and numbers fuzzed elsewhere.
        if (JSON.stringify(op.responses['200'] ?? {}).includes('text/event-stream')) continue;
        // Signing out would end the fuzzer's own session.
        if (path === '/api/auth/logout') continue;
        operations.push({ ...op, method: method.toUpperCase(), path });
      }
    // Deletions last, so what they remove is there for everything else.
    operations.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    expect(operations.length).toBeGreaterThan(60);

    const rnd = random(SEED);
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations) {
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      for (let c = 0; c < CASES; c++) {
        const values = Object.fromEntries(pathParams.map((p) => [p.name, pathValue(op.path, p.name, world)]));
        const query: Record<string, string> = {};
        let body: unknown = bodySchema ? sample(bodySchema, world) : undefined;
        let raw: string | undefined;
        const kinds = [...(pathParams.length ? ['path'] : []), 'query', 'header', ...(bodySchema ? ['field', 'field', 'body'] : [])];
        const headers: Record<string, string> = {};
        const kind = rnd.pick(kinds);
        if (kind === 'path') values[rnd.pick(pathParams).name] = rnd.pick(HOSTILE_TEXT);
        else if (kind === 'header')
          // The headers a route reads as numbers: the version an edit was made at, a stream's resume point.
          headers[rnd.pick(['if-match', 'last-event-id'])] = rnd.pick(HOSTILE_TEXT.filter((t) => /^[\x20-\x7e]*$/.test(t)));
        else if (kind === 'query') {
          const name = queryParams.length && rnd.next() < 0.8 ? rnd.pick(queryParams).name : 'cursor';
          query[name] = rnd.pick(HOSTILE_TEXT);
          if (rnd.next() < 0.3 && queryParams.some((p) => p.name === 'sort')) query.sort = rnd.pick(['wsjf', 'votes', 'rank']);
        } else if (kind === 'field') {
          const names = Object.keys(bodySchema?.properties ?? {});
          const name = names.length && rnd.next() < 0.9 ? rnd.pick(names) : '__proto__';
          body = { ...(body as object), [name]: rnd.pick(HOSTILE_JSON) };
        } else raw = rnd.pick(HOSTILE_BODIES);

        const url =
          op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]!)) +
          (Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');
        const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
        const res = await h.api(world.owner, {
          method: op.method as 'GET',
          url,
          payload,
          headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
        });
        sent++;
        if (res.statusCode >= 500)
          failures.push(`${op.method} ${url.slice(0, 200)} ${(payload ?? '').slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
    }
    expect(sent).toBeGreaterThan(operations.length * CASES * 0.9);
    expect(failures, `seed ${SEED}`).toEqual([]);
  }, 240_000);
});
