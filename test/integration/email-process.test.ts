import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LocalEventBus } from '../../src/realtime/bus.js';
import { mutate, systemClock, type ServiceContext } from '../../src/services/context.js';
import { createMailer } from '../../src/services/notifications/mailer.js';
import { notify } from '../../src/services/notifications/notify.js';
import { createProduct } from '../../src/services/products/create-product.js';
import { setMember } from '../../src/services/products/set-member.js';
import { createApiToken, createUser } from '../../src/services/users.js';
import { DIALECTS, freshDatabase, type FreshDatabase } from '../support/harness.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp.js';
import type { Dialect } from '../../src/db/dialect.js';

/**
 * E-mail sent by real `ordo serve` processes to a real SMTP server: nothing lost when a process is
 * killed between the commit and the send, nothing sent twice by two processes, and a server that
 * starts whatever SMTP_URL says.
 */

const started: OrdoProcess[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.close();
  for (const c of closers.splice(0).reverse()) await c();
});

const dbArgs = (dialect: Dialect, db: FreshDatabase) => (dialect === 'sqlite' ? { dataDir: db.url } : { databaseUrl: db.url });

/** A product with an owner (token) and a developer to tell things to. */
async function seed(db: FreshDatabase, dialect: Dialect) {
  const ctx: ServiceContext = { db: db.handle.db, dialect, clock: systemClock, bus: new LocalEventBus() };
  const owner = await createUser(ctx, {
    email: 'olivia@example.com',
    name: 'Olivia Owner',
    password: 'correct horse battery',
    isAdmin: true,
  });
  const dev = await createUser(ctx, { email: 'dev@example.com', name: 'Dev Patel', password: 'correct horse battery' });
  const actor = { userId: owner.id, name: owner.name, isAdmin: true };
  await createProduct(ctx, actor, { key: 'MAIL', name: 'Mail' });
  const product = await ctx.db.selectFrom('products').select('id').where('key', '=', 'MAIL').executeTakeFirstOrThrow();
  await setMember(ctx, actor, 'MAIL', { userId: dev.id, role: 'developer' });
  const token = (await createApiToken(ctx, actor, 'email test')).token;
  return { ctx, owner, dev, token, productId: product.id };
}

async function api(server: OrdoProcess, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const until = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

for (const dialect of DIALECTS) {
  describe(`e-mail from ordo serve [${dialect}]`, () => {
    it('loses no e-mail when the server is killed between the commit and the send, and sends it once after the restart', async () => {
      const db = await freshDatabase(dialect);
      closers.push(() => db.drop());
      const { dev, token } = await seed(db, dialect);
      // The mail server takes the connection and never greets: the send is in flight when the process dies.
      const smtp = await startSmtpReceiver({ stalled: true });
      closers.push(() => smtp.close());
      const env = { SMTP_URL: smtp.url, PUBLIC_URL: 'https://ordo.example.com', OUTBOX_LEASE_MS: '3000' };

      const first = await startOrdo({ ...dbArgs(dialect, db), env });
      started.push(first);
      const item = await api(first, token, 'POST', '/api/products/MAIL/items', { title: 'Reconcile payouts' });
      await api(first, token, 'PATCH', `/api/items/${item.key}`, { assigneeId: dev.id, version: item.version });
      await until(
        async () =>
          !!(await db.handle.db.selectFrom('outbox').select('claimed_until').where('kind', '=', 'email').executeTakeFirst())?.claimed_until,
        15_000,
        'the first server to take the e-mail job',
      );
      await first.kill('SIGKILL');
      expect(smtp.received).toHaveLength(0);

      smtp.open();
      const second = await startOrdo({ ...dbArgs(dialect, db), env });
      started.push(second);
      await until(() => smtp.received.length > 0, 30_000, 'the e-mail after the restart');
      // Two more polls of the outbox: still one.
      await new Promise((r) => setTimeout(r, 2_500));
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.envelopeTo).toEqual(['dev@example.com']);
      expect(smtp.received[0]!.mail.subject).toBe(`Olivia Owner assigned ${item.key} to you`);
      expect(smtp.received[0]!.mail.text).toContain(`https://ordo.example.com/p/MAIL/items/${item.key}`);
      const job = await db.handle.db.selectFrom('outbox').selectAll().where('kind', '=', 'email').executeTakeFirstOrThrow();
      expect(job.done_at).not.toBeNull();
      expect(job.attempts).toBe(2);
    }, 120_000);

    it('starts whatever SMTP_URL says, with one clear line when it cannot send', async () => {
      const db = await freshDatabase(dialect);
      closers.push(() => db.drop());
      const wrong = await startOrdo({ ...dbArgs(dialect, db), env: { SMTP_URL: 'http://mail.example.com' } });
      started.push(wrong);
      expect((await fetch(`${wrong.url}/api/health`)).status).toBe(200);
      await until(() => /E-mail: SMTP_URL must be/.test(wrong.output()), 10_000, 'the line about SMTP_URL');
      expect(wrong.output().match(/E-mail: SMTP_URL must be/g)).toHaveLength(1);
      await wrong.close();

      const port = await closedPort();
      const unreachable = await startOrdo({ ...dbArgs(dialect, db), env: { SMTP_URL: `smtp://ordo:secret@127.0.0.1:${port}` } });
      started.push(unreachable);
      expect((await fetch(`${unreachable.url}/api/health`)).status).toBe(200);
      await until(() => /E-mail: cannot reach the SMTP server/.test(unreachable.output()), 15_000, 'the line about the SMTP server');
      const lines = unreachable
        .output()
        .split('\n')
        .filter((l: string) => l.includes('E-mail: cannot reach'));
      expect(lines).toEqual([
        `E-mail: cannot reach the SMTP server at smtp://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}. E-mails wait in the outbox and are retried.`,
      ]);
      expect(unreachable.output()).not.toContain('secret');
    }, 60_000);
  });
}

describe.skipIf(!DIALECTS.includes('postgres'))('two ordo serve processes on one PostgreSQL database', () => {
  let db: FreshDatabase;
  let smtp: SmtpReceiver;
  afterAll(async () => {
    await smtp?.close();
    await db?.drop();
  });

  it('never send one e-mail twice', async () => {
    db = await freshDatabase('postgres');
    const { ctx, owner, dev, productId } = await seed(db, 'postgres');
    smtp = await startSmtpReceiver();
    const env = { SMTP_URL: smtp.url, PUBLIC_URL: 'https://ordo.example.com' };
    const [a, b] = await Promise.all([startOrdo({ databaseUrl: db.url, env }), startOrdo({ databaseUrl: db.url, env })]);
    started.push(a, b);
    // Written here, as if by a third process: both servers' workers compete for the jobs.
    const writer: ServiceContext = { ...ctx, mailer: createMailer({ smtpUrl: smtp.url, publicUrl: 'https://ordo.example.com' }) };
    const count = 150;
    await mutate(writer, async (tx) => {
      for (let i = 0; i < count; i++)
        await notify(tx, {
          kind: 'mention',
          recipientIds: [dev.id],
          productId,
          actorId: owner.id,
          title: `Mention ${i}`,
          link: '/p/MAIL/backlog',
        });
    });
    writer.mailer!.close();
    await until(() => smtp.received.length >= count, 60_000, `${count} e-mails`);
    await new Promise((r) => setTimeout(r, 2_500));
    const subjects = smtp.received.map((r) => r.mail.subject);
    expect(subjects).toHaveLength(count);
    expect(new Set(subjects).size).toBe(count);
  }, 120_000);
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
