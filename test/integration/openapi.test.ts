import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';
import { endpoints, fastifyPath, type Endpoint } from '../../src/contract/index.js';

describeEachDialect('GET /api/openapi.json and /api/docs', (h) => {
  it('describes every route with its request and error shapes', async () => {
    const res = await h.api(null, { method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const createProduct = doc.paths['/api/products'].post;
    expect(createProduct.requestBody.content['application/json'].schema.properties).toHaveProperty('key');
    expect(createProduct.responses).toHaveProperty('201');
    expect(createProduct.responses['400'].content['application/json'].schema.properties).toHaveProperty('error');
  });

  it('documents every endpoint of the contract, and the server serves nothing under /api it does not document', async () => {
    const doc = (await h.api(null, { method: 'GET', url: '/api/openapi.json' })).json();
    const declared = Object.values(endpoints).flatMap((group) => Object.values(group) as Endpoint[]);
    expect(declared.length).toBeGreaterThan(60);
    for (const e of declared) {
      const op = doc.paths[e.path]?.[e.method.toLowerCase()];
      expect(op, `${e.method} ${e.path} in the OpenAPI document`).toBeDefined();
      expect(op.summary).toBe(e.summary);
      expect(h.app.hasRoute({ method: e.method, url: fastifyPath(e.path) }), `${e.method} ${e.path} served`).toBe(true);
    }
    // Every route the server has, read from its own table: under /api, only the docs page and its assets are undeclared.
    const served = routeTable(h.app.printRoutes({ commonPrefix: false })).filter(
      (r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'),
    );
    expect(served.length).toBe(declared.length);
    for (const r of served) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url} documented`).toBeDefined();
    }
  });

  it('serves readable docs', async () => {
    const res = await h.api(null, { method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('/api/docs/init.js');
    expect((await h.api(null, { method: 'GET', url: '/api/docs/init.js' })).body).toContain('/api/openapi.json');
    const asset = await h.api(null, { method: 'GET', url: '/api/docs/assets/swagger-ui-bundle.js' });
    expect(asset.statusCode).toBe(200);
  });
});

/** Fastify's printed route tree (`├── /api/items/:key (GET, PATCH)` with nested segments) as method + full path. */
function routeTable(tree: string): { method: string; url: string }[] {
  const parents: string[] = [];
  const out: { method: string; url: string }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const url = (parents[depth - 1] ?? '') + m[2]!;
    parents[depth] = url;
    for (const method of m[3]?.split(', ') ?? []) out.push({ method, url });
  }
  return out;
}
