import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { mutate, type ServiceContext } from '../../src/services/context.js';
import { countPendingJobs, enqueueJob, enqueueJobs } from '../../src/services/outbox.js';
import { OutboxWorker, PermanentJobError, type OutboxHandler } from '../../src/services/outbox-worker.js';
import { describeEachDialect } from '../support/harness.js';

/** A handler that records what it was given and fails as told. */
function recorder(
  fail: (payload: any, attempt: number) => Error | null = () => null,
): OutboxHandler & { seen: { payload: any; attempt: number }[]; givenUp: string[] } {
  const seen: { payload: any; attempt: number }[] = [];
  const givenUp: string[] = [];
  return {
    seen,
    givenUp,
    async handle(payload, job) {
      seen.push({ payload, attempt: job.attempt });
      const error = fail(payload, job.attempt);
      if (error) throw error;
    },
    onGiveUp: async (_payload, error) => void givenUp.push(error),
  };
}

describeEachDialect('the outbox: work done after a change commits', (h) => {
  const kind = () => `test-${Math.random().toString(36).slice(2)}`;

  it('does a job written by a committed change once, and none written by a change that rolled back', async () => {
    const k = kind();
    const handler = recorder();
    await mutate(h.ctx, (tx) => enqueueJob(tx, { kind: k, payload: { to: 'ann@example.com' } }));
    await expect(
      mutate(h.ctx, async (tx) => {
        await enqueueJob(tx, { kind: k, payload: { to: 'nobody@example.com' } });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const worker = new OutboxWorker(h.ctx, { [k]: handler });
    expect(await worker.runDue()).toBe(1);
    expect(await worker.runDue()).toBe(0);
    expect(handler.seen).toEqual([{ payload: { to: 'ann@example.com' }, attempt: 1 }]);
    expect((await countPendingJobs(h.ctx))[k]).toBeUndefined();
  });

  it('is woken by the commit that wrote the job, without waiting for its timer', async () => {
    const k = kind();
    const handler = recorder();
    const worker = new OutboxWorker(h.ctx, { [k]: handler }, { pollMs: 60_000 });
    const ctx: ServiceContext = { ...h.ctx, outbox: worker };
    worker.start();
    await worker.runDue(); // whatever was due at start
    await mutate(ctx, (tx) => enqueueJob(tx, { kind: k, payload: 1 }));
    await expect.poll(() => handler.seen.length, { timeout: 5_000 }).toBe(1);
    await worker.stop();
  });

  it('retries a failed job after its backoff, and gives it up after the last attempt', async () => {
    const k = kind();
    const flaky = recorder((p, attempt) =>
      p === 'flaky' && attempt < 3 ? new Error(`SMTP 451 try ${attempt}`) : p === 'doomed' ? new Error('550 no such user') : null,
    );
    flaky.maxAttempts = 4;
    await mutate(h.ctx, (tx) =>
      enqueueJobs(tx, [
        { kind: k, payload: 'flaky' },
        { kind: k, payload: 'doomed' },
      ]),
    );
    const worker = new OutboxWorker(h.ctx, { [k]: flaky });
    await worker.runDue();
    expect(flaky.seen.map((s) => s.payload)).toEqual(['flaky', 'doomed']);
    expect(await worker.runDue()).toBe(0); // not due before the backoff
    for (let i = 0; i < 6; i++) {
      h.clock.advance(3_600_000);
      await worker.runDue();
    }
    expect(flaky.seen.filter((s) => s.payload === 'flaky').map((s) => s.attempt)).toEqual([1, 2, 3]);
    expect(flaky.seen.filter((s) => s.payload === 'doomed').map((s) => s.attempt)).toEqual([1, 2, 3, 4]);
    expect(flaky.givenUp).toEqual(['550 no such user']);
    const rows = await h.ctx.db.selectFrom('outbox').selectAll().where('kind', '=', k).orderBy('id').execute();
    expect(rows.map((r) => [r.done_at !== null, r.failed_at !== null, r.last_error])).toEqual([
      [true, false, null],
      [false, true, '550 no such user'],
    ]);
  });

  it('gives up at once on a permanent failure', async () => {
    const k = kind();
    const handler = recorder(() => new PermanentJobError('webhook deleted'));
    await mutate(h.ctx, (tx) => enqueueJob(tx, { kind: k, payload: {} }));
    await new OutboxWorker(h.ctx, { [k]: handler }).runDue();
    h.clock.advance(86_400_000);
    await new OutboxWorker(h.ctx, { [k]: handler }).runDue();
    expect(handler.seen).toHaveLength(1);
    expect(handler.givenUp).toEqual(['webhook deleted']);
  });

  it('lets another process take a job whose claim lapsed (its process died mid-way)', async () => {
    const k = kind();
    await mutate(h.ctx, (tx) => enqueueJob(tx, { kind: k, payload: 'x' }));
    // The first process claims it and dies before finishing: its handler never returns.
    const dying = new OutboxWorker(h.ctx, { [k]: { handle: () => new Promise<void>(() => {}) } }, { leaseMs: 60_000 });
    void dying.runDue();
    await expect
      .poll(
        async () => (await h.ctx.db.selectFrom('outbox').select('claimed_until').where('kind', '=', k).executeTakeFirst())?.claimed_until,
      )
      .not.toBeNull();
    const survivor = recorder();
    expect(await new OutboxWorker(h.ctx, { [k]: survivor }).runDue()).toBe(0);
    h.clock.advance(61_000);
    expect(await new OutboxWorker(h.ctx, { [k]: survivor }).runDue()).toBe(1);
    expect(survivor.seen).toEqual([{ payload: 'x', attempt: 2 }]);
  });

  it('never hands one job to two processes working at once', async () => {
    const k = kind();
    await mutate(h.ctx, (tx) =>
      enqueueJobs(
        tx,
        Array.from({ length: 300 }, (_, i) => ({ kind: k, payload: i })),
      ),
    );
    // A second connection pool stands for a second server process on the same database.
    const other = openDatabase(h.dialect === 'postgres' ? { databaseUrl: h.db.url, poolSize: 4 } : { sqliteFile: `${h.db.url}/ordo.db` });
    const otherCtx: ServiceContext = { ...h.ctx, db: other.db };
    const seen: number[] = [];
    const slow: OutboxHandler = {
      handle: async (p: number) => {
        seen.push(p);
        await new Promise((r) => setTimeout(r, 1));
      },
    };
    try {
      const workers = [
        new OutboxWorker(h.ctx, { [k]: slow }, { batch: 7 }),
        new OutboxWorker(otherCtx, { [k]: slow }, { batch: 7 }),
        new OutboxWorker(otherCtx, { [k]: slow }, { batch: 5 }),
      ];
      await Promise.all(workers.map((w) => w.runDue()));
    } finally {
      await other.close();
    }
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
  });
});
