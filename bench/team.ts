import { sql } from 'kysely';
import { startSmtpReceiver } from '../test/support/smtp.js';
import { fixture, type Fixture } from './lib/fixture.js';
import { generateFanOut, generateTeamTalk } from './lib/generate-team.js';
import { SequentialClient } from './lib/load.js';
import { fmt, type BenchContext, type SectionResult, type Table } from './lib/report.js';
import { startOrdo, type OrdoProcess } from '../test/support/ordo-process.js';

const QUESTIONS = 10_000;
const REQUESTS = 10_000;
const MENTIONS = 1_000;
const MEMBERS = 500;
const READS = 200;
const WRITES = 100;

interface Measured {
  p50: number;
  p99: number;
  cpuMs: number;
  bytes: number;
}

/**
 * The team's lists on the 100,000-item product with 10,000 open questions and 10,000 new requests
 * (the owner's inbox, the untriaged list oldest first and by votes, the open questions), and what
 * telling 500 people adds to the request that tells them: a question asked of 500 owners against
 * the same question asked where nobody is told, with e-mail off and with e-mail on (the jobs
 * written to the outbox; the mail server stalls, so sending adds nothing during the measurement).
 */
export async function teamBench(ctx: BenchContext): Promise<SectionResult> {
  const lists: Table = {
    title: `Lists with ${QUESTIONS.toLocaleString('en')} open questions and ${REQUESTS.toLocaleString('en')} new requests on a ${ctx.items.toLocaleString('en')}-item product (target < 50 ms)`,
    columns: ['dialect', 'list', 'p50 ms', 'p99 ms', 'server CPU ms/req', 'KB', 'target'],
    rows: [],
  };
  const fanOut: Table = {
    title: `Telling ${MEMBERS} people: a question asked of ${MEMBERS} owners, against the same question where nobody is told (target ≤ 20 ms added)`,
    columns: [
      'dialect',
      'e-mail',
      'nobody told p50 ms',
      `${MEMBERS} told p50 ms`,
      'added p50 ms',
      'added p99 ms',
      'added server CPU ms/req',
      'target',
    ],
    rows: [],
  };
  const smtp = await startSmtpReceiver({ stalled: true });
  try {
    for (const dialect of ctx.dialects) {
      const f = await fixture(dialect, { items: ctx.items, log: ctx.log });
      ctx.log(`[${dialect}] writing ${QUESTIONS} questions, ${REQUESTS} requests, ${MENTIONS} mentions`);
      await generateTeamTalk(f.handle.db, f.big, { questions: QUESTIONS, requests: REQUESTS, mentions: MENTIONS });
      const { token } = await generateFanOut(f.handle.db, dialect, f.big.owner, MEMBERS);
      if (dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(f.handle.db);

      const client = new SequentialClient(f.server.url, f.auth);
      try {
        for (const [name, path] of [
          ['inbox (questions, requests, mentions and counts)', '/api/inbox'],
          ['inbox: next 50 questions', '/api/inbox/questions?limit=50&cursor=50'],
          ['untriaged requests, oldest first', `/api/products/${f.big.key}/requests?state=new`],
          ['untriaged requests, most votes first', `/api/products/${f.big.key}/requests?state=new&sort=votes`],
          ['open questions, oldest first', `/api/products/${f.big.key}/questions?state=open`],
          ['bell: unread notifications', '/api/notifications?unread=true&limit=30'],
        ] as const) {
          ctx.log(`[${dialect}] ${name}`);
          const m = await measure(f.server, READS, () => client.request('GET', path));
          lists.rows.push([dialect, name, fmt.ms(m.p50), fmt.ms(m.p99), fmt.ms(m.cpuMs), fmt.kb(m.bytes), fmt.verdict(m.p50 < 50)]);
        }
      } finally {
        client.close();
      }

      await fanOutRows(ctx, f, f.server, 'off', token, fanOut);
      // The same database, served by a process with e-mail on: every notification also writes an outbox job.
      const mailing = await startOrdo({ ...f.serve, env: { ...f.serve.env, SMTP_URL: smtp.url } });
      try {
        await fanOutRows(ctx, f, mailing, 'on', token, fanOut);
      } finally {
        await mailing.close();
      }
    }
  } finally {
    await smtp.close();
  }
  return {
    tables: [lists, fanOut],
    notes: [
      `Each list: ${READS} sequential requests by the product's owner after a warm-up; p50/p99 from request to last byte; server CPU is the ordo serve process's own (user + system) per request.`,
      `Fan-out: ${WRITES} questions asked one after another in each product; "added" is the difference between the product with ${MEMBERS} owners and the one where the asker is the only owner (nobody else to tell). notify() writes the ${MEMBERS} rows in a handful of statements (choices and access, sequence numbers, rows, e-mail jobs, one NOTIFY).`,
      'With e-mail on, the SMTP server accepts connections but never greets, so the outbox worker sits waiting instead of sending while the requests are measured: the figure is what writing the e-mail jobs adds to the request.',
      'Wall times on a shared machine stretch with its load (the stamp above gives the load average); the added server CPU per request is the figure that does not. On PostgreSQL the database’s own CPU is not in it.',
    ],
  };
}

async function fanOutRows(ctx: BenchContext, f: Fixture, server: OrdoProcess, email: 'on' | 'off', token: string, table: Table) {
  const client = new SequentialClient(server.url, { authorization: `Bearer ${token}` });
  try {
    let n = 0;
    const ask = (key: string) => () => client.request('POST', `/api/products/${key}/questions`, { body: `Fan-out question ${++n}` });
    ctx.log(`[${f.dialect}] fan-out, e-mail ${email}`);
    const solo = await measure(server, WRITES, ask('SOLO'));
    const fan = await measure(server, WRITES, ask('FAN'));
    const added = fan.p50 - solo.p50;
    table.rows.push([
      f.dialect,
      email,
      fmt.ms(solo.p50),
      fmt.ms(fan.p50),
      fmt.ms(added),
      fmt.ms(fan.p99 - solo.p99),
      fmt.ms(fan.cpuMs - solo.cpuMs),
      fmt.verdict(added <= 20),
    ]);
  } finally {
    client.close();
  }
}

async function measure(
  server: OrdoProcess,
  count: number,
  send: () => Promise<{ status: number; ms: number; bytes: number; text: string }>,
): Promise<Measured> {
  for (let i = 0; i < 10; i++) {
    const warm = await send();
    if (warm.status >= 300) throw new Error(`HTTP ${warm.status}: ${warm.text.slice(0, 200)}`);
  }
  const times: number[] = [];
  let bytes = 0;
  const cpu = server.cpuSeconds();
  for (let i = 0; i < count; i++) {
    const r = await send();
    if (r.status >= 300) throw new Error(`HTTP ${r.status}: ${r.text.slice(0, 200)}`);
    times.push(r.ms);
    bytes += r.bytes;
  }
  const cpuMs = ((server.cpuSeconds() - cpu) * 1000) / count;
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(count / 2)]!, p99: times[Math.min(count - 1, Math.floor(count * 0.99))]!, cpuMs, bytes: bytes / count };
}
