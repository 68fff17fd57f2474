import { randomBytes } from 'node:crypto';
import { DAY_MS, isoDay } from '../domain/dates.js';
import type { Health } from '../domain/status-update.js';
import type { Actor, ServiceContext } from '../services/context.js';
import { createItem } from '../services/items/create-item.js';
import { moveItem } from '../services/items/move-item.js';
import { setMember } from '../services/products/set-member.js';
import { createRelease } from '../services/releases.js';
import { createShareLink } from '../services/share-links/create-share-link.js';
import { draftUpdate } from '../services/updates/draft-update.js';
import { publishUpdate } from '../services/updates/publish-update.js';
import { MovableClock } from './seed/clock.js';
import { seedUser } from './seed/people.js';
import { seedProduct } from './seed/product.js';

const HOUR = 3_600_000;

export interface ReportingDemoResult {
  lead: { name: string; email: string; password: string };
  healthy: { key: string; name: string };
  /** published on the late product, oldest first */
  updates: Health[];
  /** the share link's path (the token shows only here): open it at the server's address */
  sharePath: string;
}

/**
 * Reporting up, in the demo: a lead over the demo product (late) and a second, healthy product;
 * three status updates on the late one whose health slides from on track to off track, one on the
 * healthy one, and a share link for the board. Written through the real services, each update
 * drafted by Ordo from the data as of its day.
 */
export async function seedReportingDemo(base: ServiceContext, lateKey: string, owner: Actor): Promise<ReportingDemoResult> {
  const now = base.clock.now().getTime();
  const clock = new MovableClock(now - 43 * DAY_MS);
  const ctx: ServiceContext = { ...base, clock };
  const domain = `${lateKey.toLowerCase()}.example.com`;
  const lead = await seedUser(ctx, { name: 'Lee Lead', domain, password: randomBytes(9).toString('base64url') });
  await setMember(ctx, { ...owner, isAdmin: true }, lateKey, { userId: lead.id, role: 'lead' });

  // The healthy product: six weeks of two items a working day, and a release well within reach.
  const healthyKey = await freeKey(ctx, `${lateKey.slice(0, 6)}APP`);
  const healthy = await seedProduct(ctx, owner, {
    key: healthyKey,
    name: 'Mobile app',
    vision: 'Merchants see their day’s takings on their phone.',
    building: true,
  });
  await setMember(ctx, { ...owner, isAdmin: true }, healthyKey, { userId: lead.id, role: 'lead' });
  const topics = ['login with passkeys', 'takings widget', 'push for payouts', 'dark mode', 'offline receipts', 'tablet layout'];
  for (let day = 0; day < 42; day++) {
    clock.set(Math.floor(now / DAY_MS) * DAY_MS - (42 - day) * DAY_MS + 9 * HOUR);
    const weekday = new Date(clock.current).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let i = 0; i < 2; i++) {
      const item = await createItem(ctx, owner, healthyKey, { title: `Polish ${topics[(day + i) % topics.length]} (${day + 1}.${i + 1})` });
      clock.advance(2 * HOUR);
      await moveItem(ctx, owner, item.key, { stateId: healthy.stateId('In progress') });
      clock.advance(4 * HOUR);
      await moveItem(ctx, owner, item.key, { stateId: healthy.stateId('Done') });
    }
  }
  clock.set(now - 7 * DAY_MS);
  const release = await createRelease(ctx, owner, healthyKey, {
    name: 'Mobile 1.4',
    description: 'Passkeys and the takings widget.',
    targetDate: isoDay(Math.floor(now / DAY_MS) + 42),
  });
  for (const topic of topics.slice(0, 4))
    await createItem(ctx, owner, healthyKey, { title: `Ship ${topic}`, releaseId: release.id, type: 'story' });
  clock.set(now - 6 * DAY_MS + 15 * HOUR);
  await publish(ctx, owner, healthyKey, 'on_track', 'Mobile 1.4 is on course; nothing is blocked.');

  // The late product's updates: on track four weeks ago, at risk two weeks ago, off track now.
  const updates: Health[] = ['on_track', 'at_risk', 'off_track'];
  const notes = [
    'Cards shipped; wallets have started and the pace holds.',
    'Payouts grew by a third this fortnight; 2.0 is at risk unless we cut scope.',
    '2.0 will not make its date. Proposal: ship wallets first, payouts in January.',
  ];
  for (const [i, health] of updates.entries()) {
    clock.set(Math.floor(now / DAY_MS) * DAY_MS - [28, 14, 1][i]! * DAY_MS + 16 * HOUR);
    await publish(ctx, owner, lateKey, health, notes[i]!);
  }
  clock.set(now - HOUR);
  const link = await createShareLink(ctx, owner, lateKey, {
    label: 'Board of directors',
    scope: { updates: true, forecasts: true, roadmap: true },
  });
  return {
    lead: { name: lead.name, email: lead.email, password: lead.password },
    healthy: { key: healthyKey, name: 'Mobile app' },
    updates,
    sharePath: link.path,
  };
}

/** Opens the draft Ordo writes, puts the owner's own line on top, and publishes it with a health. */
async function publish(ctx: ServiceContext, owner: Actor, key: string, health: Health, note: string) {
  const draft = await draftUpdate(ctx, owner, key);
  await publishUpdate(ctx, owner, key, { version: draft.version, health, body: `${note}\n\n${draft.body}` });
}

async function freeKey(ctx: ServiceContext, wanted: string): Promise<string> {
  for (let n = 1; ; n++) {
    const key = n === 1 ? wanted : `${wanted.slice(0, 9)}${n}`.slice(0, 10);
    const taken = await ctx.db.selectFrom('products').select('id').where('key', '=', key).executeTakeFirst();
    if (!taken) return key;
  }
}
