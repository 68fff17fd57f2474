import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type TestUser } from '../support/harness.js';
import { ZActivity } from '../../src/contract/activity.js';
import { WEBHOOK_EVENTS } from '../../src/contract/webhooks.js';
import { openDatabase } from '../../src/db/connection.js';
import type { ServiceContext } from '../../src/services/context.js';
import { OutboxWorker } from '../../src/services/outbox-worker.js';
import { webhookBackoffMs, webhookHandler } from '../../src/services/webhooks/deliver-webhook.js';
import { verifySignature } from '../../src/services/webhooks/sign.js';
import { isPublicAddress } from '../../src/services/webhooks/url-policy.js';
import { sweepOldRows } from '../../src/services/housekeeping.js';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1: records every request and answers what the test sets per path. */
async function startReceiver() {
  const received: Received[] = [];
  const answers = new Map<string, { status: number; headers?: Record<string, string>; body?: string }>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const a = answers.get(req.url ?? '') ?? { status: 200, body: 'thanks' };
      res.writeHead(a.status, a.headers).end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { received, answers, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describeEachDialect('webhooks', (h) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let owner: TestUser;
  let key: string;
  const allowPrivate = (allowed: boolean) => (process.env.WEBHOOK_ALLOW_PRIVATE = allowed ? 'true' : 'false');
  const worker = (ctx: ServiceContext = h.ctx) => new OutboxWorker(ctx, { webhook: webhookHandler(ctx) });
  const addWebhook = async (path: string, events: string[]) => {
    const res = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/webhooks`,
      payload: { url: `${receiver.base}${path}`, events },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; secret: string };
  };
  const addItem = async (title: string) => {
    const res = await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title, type: 'story' } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { key: string; version: number };
  };
  const deliveries = async (id: number) => {
    const res = await h.api(owner, { method: 'GET', url: `/api/webhooks/${id}/deliveries` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as any[];
  };
  const at = (path: string) => receiver.received.filter((r) => r.path === path);

  beforeAll(async () => {
    allowPrivate(true);
    receiver = await startReceiver();
    ({ key, owner } = await h.buildProduct());
  });
  afterAll(async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    await receiver.close();
  });

  it('lists every entity × action of the activity log as an event kind', () => {
    const fromLog: Record<string, string[]> = {};
    for (const entity of ZActivity.options)
      for (const option of entity.options) {
        const shape = option.shape as any;
        (fromLog[shape.entityType.value] ??= []).push(...shape.action.options);
      }
    const listed = Object.fromEntries(Object.entries(WEBHOOK_EVENTS).map(([e, actions]) => [e, [...actions].sort()]));
    expect(listed).toEqual(Object.fromEntries(Object.entries(fromLog).map(([e, actions]) => [e, actions.sort()])));
  });

  it('shows the secret once and delivers a signed event after the change commits, only of the kinds asked for', async () => {
    const hook = await addWebhook('/signed', ['item.created', 'item.moved']);
    expect(hook.secret).toMatch(/^whsec_/);
    const list = await h.api(owner, { method: 'GET', url: `/api/products/${key}/webhooks` });
    expect(list.body).not.toContain(hook.secret);
    expect(list.json().items[0]).toMatchObject({ id: hook.id, active: true, events: ['item.created', 'item.moved'] });

    const item = await addItem('Signed refund');
    await h.api(owner, { method: 'PATCH', url: `/api/items/${item.key}`, payload: { title: 'Renamed', version: item.version } });
    expect(at('/signed')).toHaveLength(0); // nothing is sent before the worker runs: delivery is after commit
    await worker().runDue();
    const got = at('/signed');
    expect(got).toHaveLength(1);
    const [sent] = got;
    expect(verifySignature(hook.secret, String(sent!.headers['ordo-signature']), sent!.body, 300, h.clock.now().getTime())).toBe(true);
    expect(verifySignature('whsec_wrong', String(sent!.headers['ordo-signature']), sent!.body, 300, h.clock.now().getTime())).toBe(false);
    const body = JSON.parse(sent!.body);
    expect(body).toMatchObject({
      event: 'item.created',
      product: key,
      activity: { itemKey: item.key, entityType: 'item', action: 'created' },
    });
    expect(sent!.headers['ordo-event']).toBe('item.created');

    const log = await deliveries(hook.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      status: 'delivered',
      attempts: 1,
      responseStatus: 200,
      responseExcerpt: 'thanks',
      event: 'item.created',
    });
    expect(log[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it('retries after a 500 with backoff and logs each attempt; never follows a redirect', async () => {
    const flaky = await addWebhook('/flaky', ['item.created']);
    const moved = await addWebhook('/moved', ['item.created']);
    receiver.answers.set('/flaky', { status: 500, body: 'database down' });
    receiver.answers.set('/moved', { status: 302, headers: { location: `${receiver.base}/elsewhere` } });
    await addItem('Flaky one');
    await worker().runDue();
    expect((await deliveries(flaky.id))[0]).toMatchObject({
      status: 'retrying',
      attempts: 1,
      responseStatus: 500,
      responseExcerpt: 'database down',
    });
    expect((await deliveries(moved.id))[0]).toMatchObject({ status: 'retrying', responseStatus: 302 });
    expect(at('/elsewhere')).toHaveLength(0);

    receiver.answers.delete('/flaky');
    expect(await worker().runDue()).toBe(0); // not due before its backoff
    h.clock.advance(webhookBackoffMs(1) + 1);
    await worker().runDue();
    expect(at('/flaky')).toHaveLength(2);
    expect((await deliveries(flaky.id))[0]).toMatchObject({ status: 'delivered', attempts: 2, responseStatus: 200 });
    await h.api(owner, { method: 'DELETE', url: `/api/products/${key}/webhooks/${moved.id}` });
  });

  it('turns a webhook off after a day of failed attempts, tells the owner, and a redelivery turns it back on', async () => {
    const down = await addWebhook('/down', ['item.*']);
    receiver.answers.set('/down', { status: 503, body: 'maintenance' });
    await addItem('Never arrives');
    const w = worker();
    for (let attempt = 1; attempt < 60; attempt++) {
      await w.runDue();
      const [d] = await deliveries(down.id);
      if (d.status === 'failed') break;
      h.clock.advance(webhookBackoffMs(attempt) + 1);
    }
    const [failed] = await deliveries(down.id);
    expect(failed).toMatchObject({ status: 'failed', responseStatus: 503 });
    expect(failed.attempts).toBeGreaterThan(20);
    const hook = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/webhooks` }))
      .json()
      .items.find((x: any) => x.id === down.id);
    expect(hook).toMatchObject({ active: false });
    expect(hook.disabledReason).toContain('failed for a day');
    const notes = await h.ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', owner.id)
      .where('kind', '=', 'webhook_disabled')
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toContain('was turned off');

    // Turned off, it is sent nothing new.
    await addItem('While off');
    expect(await deliveries(down.id)).toHaveLength(1);

    receiver.answers.delete('/down');
    const again = await h.api(owner, { method: 'POST', url: `/api/webhooks/${down.id}/deliveries/${failed.id}/redeliver` });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ status: 'pending', redeliveryOf: failed.id });
    await w.runDue();
    const [redelivered] = await deliveries(down.id);
    expect(redelivered).toMatchObject({ status: 'delivered', redeliveryOf: failed.id });
    expect(JSON.parse(at('/down').at(-1)!.body).eventId).toBe(JSON.parse(failed.payload).eventId);
    expect(
      (await h.api(owner, { method: 'GET', url: `/api/products/${key}/webhooks` })).json().items.find((x: any) => x.id === down.id).active,
    ).toBe(true);
    await h.api(owner, { method: 'DELETE', url: `/api/products/${key}/webhooks/${down.id}` });
  });

  it('refuses loopback and private addresses unless allowed, at registration and again at delivery', async () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '0.0.0.0',
    ])
      expect(isPublicAddress(a), a).toBe(false);
    for (const a of ['8.8.8.8', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);

    const allowed = await addWebhook('/later', ['item.created']);
    allowPrivate(false);
    try {
      for (const url of [`${receiver.base}/hook`, 'http://[::1]:9/hook', 'http://localhost/hook', 'ftp://example.com/']) {
        const res = await h.api(owner, {
          method: 'POST',
          url: `/api/products/${key}/webhooks`,
          payload: { url, events: ['item.created'] },
        });
        expect(res.statusCode, url).toBe(422);
      }
      const refused = await h.api(owner, {
        method: 'POST',
        url: `/api/products/${key}/webhooks`,
        payload: { url: `${receiver.base}/hook`, events: ['item.created'] },
      });
      expect(refused.json().error.message).toContain('127.0.0.1');
      await addItem('Not to loopback');
      await worker().runDue();
      expect(at('/later')).toHaveLength(0);
      const [d] = await deliveries(allowed.id);
      expect(d).toMatchObject({ status: 'failed' });
      expect(d.responseExcerpt).toContain('refused');
    } finally {
      allowPrivate(true);
    }
  });

  it('refuses event kinds that do not exist, and other roles than owners', async () => {
    const bad = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/webhooks`,
      payload: { url: `${receiver.base}/x`, events: ['item.eaten'] },
    });
    expect(bad.statusCode).toBe(400);
    const dev = await h.buildUser();
    await h.addMember(key, owner, dev, 'developer');
    expect((await h.api(dev, { method: 'GET', url: `/api/products/${key}/webhooks` })).statusCode).toBe(403);
  });

  it('never delivers one event twice with two workers on PostgreSQL (FOR UPDATE SKIP LOCKED)', async () => {
    if (h.dialect !== 'postgres') return; // SQLite has one writer: nothing to race
    await addWebhook('/once', ['item.created']);
    for (let i = 0; i < 30; i++) await addItem(`Once ${i}`);
    const second = openDatabase({ databaseUrl: h.db.url });
    try {
      const other: ServiceContext = { ...h.ctx, db: second.db };
      await Promise.all([worker().runDue(), worker(other).runDue(), worker(other).runDue()]);
      const ids = at('/once').map((r) => r.headers['ordo-delivery']);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
    } finally {
      await second.close();
    }
  });

  // Last in the file: it moves the clock a month on.
  it('keeps a month of delivery log: the sweep removes older deliveries, finished jobs and expired sessions, and nothing newer', async () => {
    const hook = await addWebhook('/kept', ['item.created']);
    await addItem('A month ago');
    await worker().runDue();
    const session = await h.api(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: owner.email, password: owner.password },
    });
    expect(session.statusCode, session.body).toBe(200);
    const sessions = () => h.ctx.db.selectFrom('sessions').where('user_id', '=', owner.id).select('id').execute();
    const sessionsBefore = (await sessions()).length;
    const jobs = () => h.ctx.db.selectFrom('outbox').where('kind', '=', 'webhook').select('created_at').execute();
    const jobsBefore = (await jobs()).length;

    h.clock.advance(32 * 86_400_000); // past the sessions' 30 days (and a day), the outbox's 14 and the log's 30
    const today = h.clock.now().toISOString();
    await addItem('Today');
    await worker().runDue();
    expect((await deliveries(hook.id)).map((d) => d.status)).toEqual(['delivered', 'delivered']);

    const swept = await sweepOldRows(h.ctx);
    expect(swept.webhookDeliveries).toBeGreaterThanOrEqual(1);
    expect(swept.outboxJobs).toBeGreaterThanOrEqual(jobsBefore);
    expect(swept.expiredSessions).toBeGreaterThanOrEqual(sessionsBefore);
    const [kept] = await deliveries(hook.id);
    expect(await deliveries(hook.id)).toHaveLength(1);
    expect(kept).toMatchObject({ status: 'delivered', event: 'item.created' });
    expect((await jobs()).length).toBeGreaterThanOrEqual(1); // today's deliveries, to every webhook that wants item.created
    for (const job of await jobs()) expect(job.created_at >= today).toBe(true);
    expect(await sessions()).toEqual([]);
    // A second sweep finds nothing more: what is left is within its retention.
    expect(await sweepOldRows(h.ctx)).toEqual({ outboxJobs: 0, webhookDeliveries: 0, expiredSessions: 0 });
  });
});
