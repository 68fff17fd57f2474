import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem } from '../support/items.js';

const b64 = (s: string) => Buffer.from(s).toString('base64url');

/** Expects a 400 whose details name `field`. */
function refused(res: { statusCode: number; body: string; json(): any }, field: string) {
  expect(res.statusCode, res.body).toBe(400);
  const fields = (res.json().error.details?.fields ?? []).map((f: { path: string }) => f.path);
  expect(fields, res.body).toContain(field);
}

describeEachDialect('hostile input is a 400 (or 404), never a 500', (h: Harness) => {
  let owner: TestUser;
  let key: string;
  let itemKey: string;
  let sprintId: number;

  it('sets up a product', async () => {
    ({ key, owner } = await buildBacklog(h));
    itemKey = (await buildItem(h, owner, key)).key;
    sprintId = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/sprints`, payload: { name: 'S' } })).json().id;
  });

  it('refuses a NUL character in a text field, a filter, a cursor and the sign-in e-mail', async () => {
    refused(await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'a\u0000b' } }), 'title');
    refused(await h.api(owner, { method: 'POST', url: `/api/products/${key}/releases`, payload: { name: '\u0000' } }), 'name');
    refused(
      await h.api(owner, { method: 'PUT', url: `/api/products/${key}/members`, payload: { email: '\u0000', role: 'viewer' } }),
      'email',
    );
    refused(await h.api(owner, { method: 'GET', url: `/api/products/${key}/items?q=%00` }), 'q');
    refused(await h.api(owner, { method: 'GET', url: `/api/products/${key}/items?label=a%00` }), 'label.0');
    refused(await h.api(owner, { method: 'GET', url: `/api/products/${key}/items?cursor=%00` }), 'cursor');
    refused(
      await h.api(null, { method: 'POST', url: '/api/auth/login', payload: { email: 'a\u0000@example.com', password: 'x' } }),
      'email',
    );
  });

  it('refuses ids at or past 2³¹ in paths, bodies, filters and cursors', async () => {
    const big = 2 ** 31;
    expect([400, 404]).toContain((await h.api(owner, { method: 'GET', url: `/api/sprints/${big}` })).statusCode);
    expect([400, 404]).toContain((await h.api(owner, { method: 'GET', url: `/api/comments/99999999999999999999` })).statusCode);
    refused(await h.api(owner, { method: 'POST', url: `/api/items/${itemKey}/move`, payload: { stateId: big } }), 'stateId');
    refused(await h.api(owner, { method: 'PATCH', url: `/api/items/${itemKey}`, payload: { assigneeId: big, version: 1 } }), 'assigneeId');
    refused(await h.api(owner, { method: 'GET', url: `/api/products/${key}/items?assignee=${big}` }), 'assignee');
    refused(await h.api(owner, { method: 'GET', url: `/api/products/${key}/items?sprint=99999999999999999999` }), 'sprint');
    refused(await h.api(owner, { method: 'GET', url: `/api/notifications?cursor=${big}` }), 'cursor');
    refused(await h.api(owner, { method: 'GET', url: `/api/items/${itemKey}/history?cursor=${big}` }), 'cursor');
    refused(
      await h.api(owner, { method: 'PATCH', url: `/api/items/${itemKey}`, payload: { title: 'T' }, headers: { 'if-match': '1e300' } }),
      'If-Match',
    );
    // An event stream's resume point, from the query or the header, before the stream opens.
    expect((await h.api(owner, { method: 'GET', url: `/api/products/${key}/events?after=${big}` })).statusCode).toBe(400);
    refused(
      await h.api(owner, { method: 'GET', url: `/api/products/${key}/events`, headers: { 'last-event-id': '1e300' } }),
      'Last-Event-ID',
    );
    refused(await h.api(owner, { method: 'GET', url: '/api/me/events', headers: { 'last-event-id': String(big) } }), 'Last-Event-ID');
  });

  it('refuses crafted cursors, a WSJF offset of 1e300 among them', async () => {
    const list = (q: string) => h.api(owner, { method: 'GET', url: `/api/products/${key}/items?${q}` });
    refused(await list(`sort=wsjf&cursor=${b64('{"offset":1e300}')}`), 'cursor');
    refused(await list(`sort=wsjf&cursor=${b64('{"offset":2147483648}')}`), 'cursor');
    refused(await list(`sort=votes&cursor=${b64('{"offset":-1}')}`), 'cursor');
    refused(await list(`cursor=${b64('{"rank":123}')}`), 'cursor');
    refused(await list(`cursor=${b64('{"rank":"\u0000"}')}`), 'cursor');
    refused(await list('cursor=not-a-cursor'), 'cursor');
  });

  it('validates calendar dates as real dates, naming the field', async () => {
    const sprint = (payload: Record<string, unknown>) => h.api(owner, { method: 'PATCH', url: `/api/sprints/${sprintId}`, payload });
    refused(await sprint({ startDate: '2026-02-31' }), 'startDate');
    refused(await sprint({ endDate: '2026-13-45' }), 'endDate');
    refused(await h.api(owner, { method: 'GET', url: `/api/products/${key}/reports/cfd?from=2026-02-30` }), 'from');
    refused(
      await h.api(owner, { method: 'POST', url: `/api/products/${key}/releases`, payload: { name: 'R', targetDate: '2025-02-29' } }),
      'targetDate',
    );
    // A leap day that exists is a date.
    expect(
      (await h.api(owner, { method: 'POST', url: `/api/products/${key}/releases`, payload: { name: 'R', targetDate: '2028-02-29' } }))
        .statusCode,
    ).toBe(201);
  });

  it('refuses nesting past any request of the contract and __proto__ keys', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = { a: deep };
    const res = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'T', description: deep } });
    expect(res.statusCode).toBe(400);
    const proto = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/items`,
      payload: '{"title":"T","__proto__":{"isAdmin":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(proto.statusCode).toBe(400);
  });
});
