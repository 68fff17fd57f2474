import type { ServiceContext } from './context.js';

/**
 * Rows that only ever accumulate: jobs the outbox has finished, the webhook delivery log, and
 * sessions past their expiry. Nobody reads them after a while, and on a busy install they would
 * outgrow the data that matters. `ordo serve` sweeps them hourly (src/cli/serve.ts).
 */
export const RETENTION_DAYS = {
  /** finished and given-up outbox jobs (e-mails, deliveries): their outcome is in the delivery log or lost with the e-mail */
  outboxJobs: 14,
  /** a webhook's delivery log, the page an owner reads to see what was sent (GitHub and Stripe keep about as long) */
  webhookDeliveries: 30,
  /** sessions past their expiry: they let nobody in, the table only grows */
  expiredSessions: 1,
} as const;

/** Rows deleted per statement, so one sweep never holds the SQLite writer for long. */
const BATCH = 2_000;
const DAY_MS = 86_400_000;

export interface Swept {
  outboxJobs: number;
  webhookDeliveries: number;
  expiredSessions: number;
}

/** Deletes what has outlived its retention; safe to run from several processes at once. */
export async function sweepOldRows(ctx: ServiceContext): Promise<Swept> {
  const now = ctx.clock.now().getTime();
  const before = (days: number) => new Date(now - days * DAY_MS).toISOString();
  const outboxCutoff = before(RETENTION_DAYS.outboxJobs);
  const deliveryCutoff = before(RETENTION_DAYS.webhookDeliveries);
  const sessionCutoff = before(RETENTION_DAYS.expiredSessions);
  return {
    outboxJobs: await inBatches(() =>
      ctx.db
        .deleteFrom('outbox')
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('outbox')
            .select('id')
            .where((w) => w.or([w('done_at', '<', outboxCutoff), w('failed_at', '<', outboxCutoff)]))
            .orderBy('id')
            .limit(BATCH),
        )
        .executeTakeFirst(),
    ),
    webhookDeliveries: await inBatches(() =>
      ctx.db
        .deleteFrom('webhook_deliveries')
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('webhook_deliveries')
            .select('id')
            // A delivery still being retried stays, whatever its age (retries end after a day).
            .where('status', 'in', ['delivered', 'failed'])
            .where('created_at', '<', deliveryCutoff)
            .orderBy('id')
            .limit(BATCH),
        )
        .executeTakeFirst(),
    ),
    expiredSessions: await inBatches(() =>
      ctx.db
        .deleteFrom('sessions')
        .where('id', 'in', (eb) => eb.selectFrom('sessions').select('id').where('expires_at', '<', sessionCutoff).limit(BATCH))
        .executeTakeFirst(),
    ),
  };
}

async function inBatches(deleteBatch: () => Promise<{ numDeletedRows: bigint }>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = Number((await deleteBatch()).numDeletedRows);
    total += n;
    if (n < BATCH) return total;
  }
}

/** Sweeps a minute after start and then every hour, until stopped; a failed sweep is logged and tried at the next. */
export function startHousekeeping(ctx: ServiceContext, log: (message: string, fields: Record<string, unknown>) => void): () => void {
  const sweep = () =>
    sweepOldRows(ctx).then(
      (swept) => {
        if (swept.outboxJobs + swept.webhookDeliveries + swept.expiredSessions > 0) log('housekeeping: removed old rows', { ...swept });
      },
      (e: unknown) => log('housekeeping: sweep failed; trying again in an hour', { err: String(e) }),
    );
  const first = setTimeout(() => void sweep(), 60_000);
  const hourly = setInterval(() => void sweep(), 3_600_000);
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
  };
}
