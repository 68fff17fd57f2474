import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mutate } from '../../src/services/context.js';
import { PgEventBus } from '../../src/realtime/pg-bus.js';
import { notify } from '../../src/services/notifications/notify.js';
import { createMailer } from '../../src/services/notifications/mailer.js';
import { outboxHandlers } from '../../src/services/outbox-handlers.js';
import { OutboxWorker } from '../../src/services/outbox-worker.js';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { SseClient } from '../support/sse.js';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp.js';

const PUBLIC_URL = 'https://ordo.example.com';

describeEachDialect('notifications', (h: Harness) => {
  let owner: TestUser;
  let dev: TestUser;
  let key: string;
  let productId: number;
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    owner = await h.buildUser({ name: 'Olivia Owner' });
    dev = await h.buildUser({ name: 'Dev Patel' });
    ({ key } = await h.buildProduct(owner));
    await h.addMember(key, owner, dev, 'developer');
    productId = (await h.ctx.db.selectFrom('products').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id;
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => {
    h.ctx.mailer?.close();
    h.ctx.mailer = undefined;
    await smtp?.close();
  });

  const newItem = async (title = 'Export statements as CSV') =>
    (await h.api(owner, { method: 'POST', url: `/api/products/${key}/items`, payload: { title } })).json() as {
      key: string;
      version: number;
    };
  const assign = async (itemKey: string, version: number, to: TestUser, by = owner) =>
    h.api(by, { method: 'PATCH', url: `/api/items/${itemKey}`, payload: { assigneeId: to.id, version } });
  const bell = async (user: TestUser, query = '') => (await h.api(user, { method: 'GET', url: `/api/notifications${query}` })).json();
  const runOutbox = () => new OutboxWorker(h.ctx, outboxHandlers(h.ctx)).runDue();
  const withEmail = () => {
    h.ctx.mailer?.close();
    h.ctx.mailer = createMailer({ smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
  };
  const withoutEmail = () => {
    h.ctx.mailer?.close();
    h.ctx.mailer = undefined;
  };

  it('tells a person an item was assigned to them, in their bell, and not the one who assigned it', async () => {
    const item = await newItem();
    const before = (await bell(dev)).unread;
    expect((await assign(item.key, item.version, dev)).statusCode).toBe(200);
    const page = await bell(dev, '?unread=true');
    expect(page.unread).toBe(before + 1);
    expect(page.items[0]).toMatchObject({
      kind: 'assigned',
      productKey: key,
      actor: { id: owner.id, name: 'Olivia Owner' },
      title: `Olivia Owner assigned ${item.key} to you`,
      link: `/p/${key}/items/${item.key}`,
      readAt: null,
    });
    expect((await bell(owner)).items.filter((n: any) => n.kind === 'assigned')).toEqual([]);
  });

  it('marks some or all notifications read and answers the unread count left', async () => {
    const a = await newItem('First');
    const b = await newItem('Second');
    await assign(a.key, a.version, dev);
    await assign(b.key, b.version, dev);
    const page = await bell(dev, '?unread=true');
    expect(page.unread).toBeGreaterThanOrEqual(2);
    const one = await h.api(dev, { method: 'POST', url: '/api/notifications/read', payload: { ids: [page.items[0].id] } });
    expect(one.json()).toEqual({ unread: page.unread - 1 });
    // Someone else's notification ids change nothing of theirs.
    await h.api(owner, { method: 'POST', url: '/api/notifications/read', payload: { ids: [page.items[1].id] } });
    expect((await bell(dev)).unread).toBe(page.unread - 1);
    const all = await h.api(dev, { method: 'POST', url: '/api/notifications/read', payload: { all: true } });
    expect(all.json()).toEqual({ unread: 0 });
    expect((await bell(dev, '?unread=true')).items).toEqual([]);
    const bad = await h.api(dev, { method: 'POST', url: '/api/notifications/read', payload: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('ids');
  });

  it('pages through notifications newest first', async () => {
    const user = await h.buildUser({ name: 'Pager' });
    await h.addMember(key, owner, user, 'developer');
    for (let i = 0; i < 5; i++) {
      const item = await newItem(`Paged ${i}`);
      await assign(item.key, item.version, user);
    }
    const first = await bell(user, '?limit=3');
    expect(first.items.map((n: any) => n.body)).toEqual([
      expect.stringContaining('Paged 4'),
      expect.stringContaining('Paged 3'),
      expect.stringContaining('Paged 2'),
    ]);
    const second = await bell(user, `?limit=3&cursor=${first.nextCursor}`);
    expect(second.items.map((n: any) => n.body)).toEqual([expect.stringContaining('Paged 1'), expect.stringContaining('Paged 0')]);
    expect(second.nextCursor).toBeNull();
  });

  it('leaves out the actor, people without a role on the product, disabled users and kinds turned off, in a few statements for 500 people', async () => {
    const members: TestUser[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await h.buildUser({ name: `Member ${i}` });
      await h.addMember(key, owner, u, i === 0 ? 'stakeholder' : 'viewer');
      members.push(u);
    }
    const outsider = await h.buildUser({ name: 'Outsider' });
    const disabled = await h.buildUser({ name: 'Gone' });
    await h.addMember(key, owner, disabled, 'viewer');
    await h.ctx.db.updateTable('users').set({ disabled_at: h.clock.now().toISOString() }).where('id', '=', disabled.id).execute();
    const quiet = members[2]!;
    await h.api(quiet, { method: 'PUT', url: '/api/me/notification-settings', payload: { kinds: { status_update_published: 'off' } } });

    const many = Array.from({ length: 500 }, (_, i) => 1_000_000 + i); // ids nobody has
    const told = await mutate(h.ctx, (tx) =>
      notify(tx, {
        kind: 'status_update_published',
        recipientIds: [owner.id, ...members.map((m) => m.id), outsider.id, disabled.id, ...many],
        productId,
        actorId: owner.id,
        title: 'Payments is on track',
        link: `/p/${key}/updates/1`,
      }),
    );
    expect(told).toBe(2);
    for (const [user, n] of [
      [members[0]!, 1],
      [members[1]!, 1],
      [quiet, 0],
      [outsider, 0],
      [owner, 0],
    ] as const) {
      const got = (await bell(user, '?kind=status_update_published')).items;
      expect(got.length, user.name).toBe(n);
    }
  });

  it('reaches listening processes on PostgreSQL at commit, 500 people in one or two NOTIFYs', async () => {
    if (h.dialect !== 'postgres') return;
    const bus = await PgEventBus.connect(h.db.url);
    const heard = new Map<number, number>();
    const people: TestUser[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await h.buildUser({ name: `Listener ${i}` });
      await h.addMember(key, owner, u, 'viewer');
      people.push(u);
      bus.subscribeUser(u.id, (s) => s.type === 'notification' && heard.set(u.id, s.seq));
    }
    try {
      const many = Array.from({ length: 497 }, (_, i) => 2_000_000 + i);
      await mutate(h.ctx, (tx) =>
        notify(tx, {
          kind: 'mention',
          recipientIds: [...people.map((p) => p.id), ...many],
          productId,
          actorId: owner.id,
          title: 'Hello',
          link: '/',
        }),
      );
      await expect.poll(() => heard.size, { timeout: 5_000 }).toBe(3);
      expect([...heard.values()]).toEqual([1, 1, 1]);
    } finally {
      await bus.close();
    }
  });

  it('rolls back with the change it belongs to', async () => {
    const before = (await bell(dev)).unread;
    await expect(
      mutate(h.ctx, async (tx) => {
        await notify(tx, { kind: 'mention', recipientIds: [dev.id], productId, actorId: owner.id, title: 'never', link: '/' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await bell(dev)).unread).toBe(before);
  });

  it('keeps settings per kind; e-mail is offered only when the server can send it', async () => {
    withoutEmail();
    const initial = (await h.api(dev, { method: 'GET', url: '/api/me/notification-settings' })).json();
    expect(initial).toMatchObject({ email: { available: false, address: dev.email }, digestMinutes: 0 });
    expect(initial.kinds.mention).toBe('in_app');
    const refused = await h.api(dev, { method: 'PUT', url: '/api/me/notification-settings', payload: { kinds: { mention: 'email' } } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/kinds\.mention: e-mail is not set up/);

    withEmail();
    const offered = (await h.api(dev, { method: 'GET', url: '/api/me/notification-settings' })).json();
    expect(offered.email.available).toBe(true);
    expect(offered.kinds.mention).toBe('email');
    const changed = await h.api(dev, {
      method: 'PUT',
      url: '/api/me/notification-settings',
      payload: { kinds: { mention: 'off', assigned: 'in_app' }, digestMinutes: 60 },
    });
    expect(changed.json()).toMatchObject({ digestMinutes: 60, kinds: { mention: 'off', assigned: 'in_app', question_asked: 'email' } });
    const bad = await h.api(dev, { method: 'PUT', url: '/api/me/notification-settings', payload: { kinds: { mention: 'pigeon' } } });
    expect(bad.statusCode).toBe(400);
    await h.api(dev, {
      method: 'PUT',
      url: '/api/me/notification-settings',
      payload: { kinds: { mention: 'email', assigned: 'email' }, digestMinutes: 0 },
    });
    withoutEmail();
  });

  it('e-mails a notification once, to its recipient, with a subject, plain text, HTML and the link', async () => {
    withEmail();
    const item = await newItem('Refund to original card');
    const before = smtp.received.length;
    await assign(item.key, item.version, dev);
    expect(await runOutbox()).toBeGreaterThanOrEqual(1);
    expect(await runOutbox()).toBe(0);
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(1);
    const [{ envelopeTo, mail }] = mails as [(typeof mails)[0]];
    expect(envelopeTo).toEqual([dev.email]);
    expect(mail.subject).toBe(`Olivia Owner assigned ${item.key} to you`);
    const link = `${PUBLIC_URL}/p/${key}/items/${item.key}`;
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('Refund to original card');
    expect(mail.html).toContain(`href="${link}"`);
    expect(String(mail.from?.text)).toContain('ordo@ordo.example.com');
    const row = await h.ctx.db
      .selectFrom('notifications')
      .select('email_state')
      .where('user_id', '=', dev.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.email_state).toBe('sent');
    withoutEmail();
  });

  it('gathers e-mail into a digest at most every N minutes, leaving out what was read meanwhile', async () => {
    withEmail();
    const reader = await h.buildUser({ name: 'Digest Reader' });
    await h.addMember(key, owner, reader, 'developer');
    await h.api(reader, { method: 'PUT', url: '/api/me/notification-settings', payload: { digestMinutes: 15 } });
    const before = smtp.received.length;
    const titles: string[] = [];
    for (let i = 0; i < 3; i++) {
      const item = await newItem(`Digest item ${i}`);
      await assign(item.key, item.version, reader);
      titles.push(item.key);
    }
    const readOne = (await bell(reader, '?limit=1')).items[0];
    await h.api(reader, { method: 'POST', url: '/api/notifications/read', payload: { ids: [readOne.id] } });
    await runOutbox();
    expect(smtp.received.length).toBe(before);
    h.clock.advance(15 * 60_000);
    await runOutbox();
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.envelopeTo).toEqual([reader.email]);
    expect(mails[0]!.mail.subject).toBe('2 notifications from Ordo');
    expect(mails[0]!.mail.text).toContain(`assigned ${titles[0]} to you`);
    expect(mails[0]!.mail.text).toContain(`assigned ${titles[1]} to you`);
    expect(mails[0]!.mail.text).not.toContain(`assigned ${titles[2]} to you`);

    // The next one collects anew, and goes N minutes after it starts.
    const late = await newItem('Digest late');
    await assign(late.key, late.version, reader);
    h.clock.advance(10 * 60_000);
    await runOutbox();
    expect(smtp.received.length).toBe(before + 1);
    h.clock.advance(6 * 60_000);
    await runOutbox();
    expect(smtp.received.length).toBe(before + 2);
    expect(smtp.received.at(-1)!.mail.subject).toBe(`Olivia Owner assigned ${late.key} to you`);
    withoutEmail();
  });

  it('keeps an e-mail in the outbox while the mail server cannot be reached, and sends it once it can', async () => {
    const port = await freePort();
    h.ctx.mailer = createMailer({ smtpUrl: `smtp://ordo:smtp-secret@127.0.0.1:${port}`, publicUrl: PUBLIC_URL });
    expect(await h.ctx.mailer.check()).toMatch(/cannot reach the SMTP server at smtp:\/\/127\.0\.0\.1:\d+/);
    const item = await newItem('Sent later');
    await assign(item.key, item.version, dev);
    await runOutbox();
    const job = await h.ctx.db.selectFrom('outbox').selectAll().where('kind', '=', 'email').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(job).toMatchObject({ attempts: 1, done_at: null, failed_at: null });
    expect(job.last_error).toMatch(/cannot reach the SMTP server/);
    // A batch of e-mail due meanwhile: one batch is tried, the rest waits for the server instead of being tried one by one.
    await mutate(h.ctx, async (tx) => {
      for (let i = 0; i < 25; i++)
        await notify(tx, { kind: 'mention', recipientIds: [dev.id], productId, actorId: owner.id, title: `Waiting ${i}`, link: '/' });
    });
    await runOutbox();
    const pending = await h.ctx.db.selectFrom('outbox').selectAll().where('kind', '=', 'email').where('done_at', 'is', null).execute();
    const untried = pending.filter((j) => j.attempts === 0);
    expect(untried).toHaveLength(5);
    for (const j of untried) expect(j.run_at > h.clock.now().toISOString()).toBe(true);

    const late = await startSmtpReceiver({ port });
    try {
      h.clock.advance(120_000);
      await new Promise((r) => setTimeout(r, 10_500)); // the mailer stops failing fast after 10 s
      await runOutbox();
      expect(late.received.filter((r) => r.mail.subject === `Olivia Owner assigned ${item.key} to you`)).toHaveLength(1);
      expect(late.received.filter((r) => r.mail.subject?.startsWith('Waiting'))).toHaveLength(25);
    } finally {
      withoutEmail();
      await late.close();
    }
  }, 30_000);

  it('says plainly when SMTP_URL is not an SMTP URL, and keeps the e-mail for when it is fixed', async () => {
    const mailer = createMailer({ smtpUrl: 'https://user:pw@mail.example.com', publicUrl: PUBLIC_URL });
    expect(await mailer.check()).toBe(
      'SMTP_URL must be smtp://host:port or smtps://host:port (with user:password@ when the server wants them), not "https://user:***@mail.example.com/"',
    );
    await expect(mailer.send({ to: 'a@example.com', subject: 's', text: 't', html: 'h' })).rejects.toThrow(/SMTP_URL must be/);
  });

  it('streams a person their notifications live, and resumes after the last one it delivered', async () => {
    const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const listener = await h.buildUser({ name: 'Live Listener' });
    await h.addMember(key, owner, listener, 'developer');
    const stream = await SseClient.open(`${base}/api/me/events`, listener.auth);
    let lastId: string | null = null;
    try {
      const [count] = await stream.take(1);
      expect(count).toMatchObject({ id: '0', event: 'unread', data: JSON.stringify({ unread: 0 }) });
      const item = await newItem('Live one');
      await assign(item.key, item.version, listener);
      const [event, unread] = await stream.take(2);
      expect(event!.event).toBe('notification');
      expect(event!.id).toBe('1');
      expect(JSON.parse(event!.data)).toMatchObject({ kind: 'assigned', title: `Olivia Owner assigned ${item.key} to you` });
      expect(JSON.parse(unread!.data)).toEqual({ unread: 1 });
      lastId = event!.id;
      // Read in another tab: the count follows.
      await h.api(listener, { method: 'POST', url: '/api/notifications/read', payload: { all: true } });
      const [after] = await stream.take(1);
      expect(after).toMatchObject({ event: 'unread', data: JSON.stringify({ unread: 0 }) });
    } finally {
      stream.close();
    }
    // While disconnected, two more arrive; the resumed stream sends exactly those.
    for (const title of ['Missed one', 'Missed two']) {
      const item = await newItem(title);
      await assign(item.key, item.version, listener);
    }
    const resumed = await SseClient.open(`${base}/api/me/events`, { ...listener.auth, 'last-event-id': lastId! });
    try {
      const events = await resumed.take(3);
      expect(events.map((e) => [e.event, e.id])).toEqual([
        ['notification', '2'],
        ['notification', '3'],
        ['unread', '3'],
      ]);
    } finally {
      resumed.close();
    }
    const bad = await fetch(`${base}/api/me/events?after=-1`, { headers: listener.auth });
    expect(bad.status).toBe(400);
    expect((await fetch(`${base}/api/me/events`)).status).toBe(401);
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
