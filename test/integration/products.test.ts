import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/harness.js';

describeEachDialect('products API', (h) => {
  it('creates a product with the default workflow and makes the creator its owner', async () => {
    const admin = await h.buildUser({ isAdmin: true });
    const res = await h.api(admin, { method: 'POST', url: '/api/products', payload: { key: 'PAY', name: 'Payments' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ key: 'PAY', name: 'Payments', version: 1 });
    const detail = await h.api(admin, { method: 'GET', url: '/api/products/PAY' });
    expect(detail.json().states.map((s: { name: string }) => s.name)).toEqual(['Backlog', 'To do', 'In progress', 'Review', 'Done']);
    expect(detail.json().members).toEqual([expect.objectContaining({ userId: admin.id, role: 'owner' })]);
  });

  it('rejects a malformed key naming the field, and a taken key with 409', async () => {
    const admin = await h.buildUser({ isAdmin: true });
    const bad = await h.api(admin, { method: 'POST', url: '/api/products', payload: { key: 'pay-1', name: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('key');
    const { key } = await h.buildProduct(admin);
    const taken = await h.api(admin, { method: 'POST', url: '/api/products', payload: { key, name: 'again' } });
    expect(taken.statusCode).toBe(409);
  });

  it('rejects unknown fields', async () => {
    const admin = await h.buildUser({ isAdmin: true });
    const res = await h.api(admin, { method: 'POST', url: '/api/products', payload: { key: 'UNK', name: 'x', colour: 'red' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('colour');
  });

  it('hides a product from someone without a role on it (404) and lists only visible products', async () => {
    const { key, owner } = await h.buildProduct();
    const stranger = await h.buildUser();
    expect((await h.api(stranger, { method: 'GET', url: `/api/products/${key}` })).statusCode).toBe(404);
    const list = await h.api(stranger, { method: 'GET', url: '/api/products' });
    expect(list.json().items.map((p: { key: string }) => p.key)).not.toContain(key);
    await h.addMember(key, owner, stranger, 'viewer');
    const list2 = await h.api(stranger, { method: 'GET', url: '/api/products' });
    expect(list2.json().items.map((p: { key: string }) => p.key)).toContain(key);
  });

  it('lets a viewer read but not rename (403)', async () => {
    const { key, owner } = await h.buildProduct();
    const viewer = await h.buildUser();
    await h.addMember(key, owner, viewer, 'viewer');
    const res = await h.api(viewer, { method: 'PATCH', url: `/api/products/${key}`, payload: { name: 'Mine now', version: 1 } });
    expect(res.statusCode).toBe(403);
  });

  it('detects a stale product version with 409', async () => {
    const { key, owner } = await h.buildProduct();
    const first = await h.api(owner, { method: 'PATCH', url: `/api/products/${key}`, payload: { name: 'One', version: 1 } });
    expect(first.statusCode).toBe(200);
    const second = await h.api(owner, { method: 'PATCH', url: `/api/products/${key}`, payload: { name: 'Two', version: 1 } });
    expect(second.statusCode).toBe(409);
  });

  it('adds a workflow state with a WIP limit and reorders states', async () => {
    const { key, owner } = await h.buildProduct();
    const created = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/states`,
      payload: { name: 'Testing', category: 'in_progress', wipLimit: 3, position: 3 },
    });
    expect(created.statusCode).toBe(201);
    const states = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/states` })).json().items;
    expect(states.map((s: { name: string }) => s.name)).toEqual(['Backlog', 'To do', 'In progress', 'Testing', 'Review', 'Done']);
    expect(states[3].wipLimit).toBe(3);
  });
});

describeEachDialect('GET /api/health and errors', (h) => {
  it('answers ok', async () => {
    const res = await h.api(null, { method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok' });
  });
  it('answers 401 without credentials and 413 for a huge body', async () => {
    expect((await h.api(null, { method: 'GET', url: '/api/products' })).statusCode).toBe(401);
    const admin = await h.buildUser({ isAdmin: true });
    const res = await h.api(admin, {
      method: 'POST',
      url: '/api/products',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ key: 'BIG', name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('too_large');
  });
  it('answers 400, not 500, for malformed JSON', async () => {
    const admin = await h.buildUser({ isAdmin: true });
    const res = await h.api(admin, {
      method: 'POST',
      url: '/api/products',
      headers: { 'content-type': 'application/json' },
      payload: '{"key": ',
    });
    expect(res.statusCode).toBe(400);
  });
});
