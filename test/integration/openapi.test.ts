import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';

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
    const routes = h.app.printRoutes({ commonPrefix: false });
    for (const path of ['/api/products/{key}/items', '/api/items/{key}/move', '/api/products/{key}/board', '/api/products/{key}/events']) {
      if (routes.includes(path.replace(/\{(\w+)\}/g, ':$1'))) expect(doc.paths).toHaveProperty([path]);
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
