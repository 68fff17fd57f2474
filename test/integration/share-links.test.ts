import { createHash } from 'node:crypto';
import { parseDocument, DomUtils } from 'htmlparser2';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type TestUser } from '../support/harness.js';
import { buildBacklog, buildItem, edit, member, moveTo } from '../support/items.js';
import { DAY_MS as DAY } from '../../src/domain/dates.js';
import { buildApp } from '../../src/http/app.js';

/**
 * A product with a late release, a published update, comments, descriptions and people: its share
 * link shows the update, the forecast and the roadmap, and nothing of the rest.
 */
describeEachDialect('share links: the public page, the Atom feed, expiry and revocation', (h) => {
  let key: string;
  let owner: TestUser;
  let dev: TestUser;
  let releaseId: number;
  const SECRET_COMMENT = 'secret-comment-7c1f';
  const SECRET_DESCRIPTION = 'secret-description-0b9e';

  beforeAll(async () => {
    const product = await buildBacklog(h);
    ({ key, owner } = product);
    dev = await member(h, key, owner, 'developer', 'Dev Patel');
    const done = product.state('Done');
    for (let day = 0; day < 21; day++) {
      h.clock.advance(DAY);
      if ((Math.floor(h.clock.now().getTime() / DAY) + 3) % 7 < 5)
        await moveTo(h, owner, (await buildItem(h, owner, key, { description: SECRET_DESCRIPTION })).key, done);
    }
    const epic = await buildItem(h, owner, key, { title: 'Card payments', type: 'epic', description: SECRET_DESCRIPTION });
    const release = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/releases`,
      payload: { name: '2.0', targetDate: '2026-03-30' },
    });
    releaseId = release.json().id;
    for (let i = 0; i < 25; i++) await buildItem(h, owner, key, { releaseId, parentKey: epic.key, description: SECRET_DESCRIPTION });
    const child = await buildItem(h, owner, key, { parentKey: epic.key, title: 'Done child' });
    await moveTo(h, owner, child.key, done);
    await h.api(dev, {
      method: 'POST',
      url: `/api/items/${child.key}/comments`,
      payload: { body: `${SECRET_COMMENT} @owner ${owner.email}` },
    });
    await edit(h, owner, child.key, { blocked: true, blockedReason: 'secret-reason-55aa' });
    const draft = (await h.api(owner, { method: 'POST', url: `/api/products/${key}/updates/draft` })).json();
    const published = await h.api(owner, {
      method: 'POST',
      url: `/api/products/${key}/updates/draft/publish`,
      payload: {
        version: draft.version,
        health: 'off_track',
        body: '## 2.0 is late\n\nThe bank integration slipped. <script>alert(1)</script> [click](javascript:alert(1)) [docs](https://example.com/docs)',
      },
    });
    expect(published.statusCode, published.body).toBe(200);
  }, 120_000);

  const create = (payload: Record<string, unknown>, user = owner) =>
    h.api(user, { method: 'POST', url: `/api/products/${key}/share-links`, payload });
  const open = (token: string, suffix = '') => h.api(null, { method: 'GET', url: `/s/${token}${suffix}` });

  it('creates a link with a 256-bit token shown once and stored only as its hash', async () => {
    const res = await create({ label: 'Board of directors', scope: { roadmap: true } });
    expect(res.statusCode, res.body).toBe(201);
    const link = res.json();
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toMatch(new RegExp(`/s/${link.token}$`));
    expect(link).toMatchObject({
      label: 'Board of directors',
      scope: { updates: true, forecasts: true, roadmap: true },
      active: true,
      openCount: 0,
    });
    const stored = await h.ctx.db.selectFrom('share_links').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(createHash('sha256').update(link.token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(link.token);
    const list = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/share-links` })).json();
    expect(list.items[0].id).toBe(link.id);
    expect(JSON.stringify(list)).not.toContain(link.token);
  });

  it('opens as a script-free, unindexed page with the late forecast and the update, and counts the opening', async () => {
    const { token, id } = (await create({ label: 'Stakeholders', scope: { roadmap: true } })).json();
    const res = await open(token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(res.headers['content-security-policy']).not.toMatch(/script-src|unsafe-inline/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toMatch(/noindex/);
    expect(res.body).toContain('<meta name="robots" content="noindex, nofollow">');
    const forecast = (await h.api(owner, { method: 'GET', url: `/api/releases/${releaseId}/forecast` })).json();
    expect(forecast.message).toMatch(/after the target of 30 March/);
    expect(res.body).toContain(forecast.message.replace(/'/g, '&#39;'));
    expect(res.body).toContain('<h2>2.0 is late</h2>');
    expect(res.body).toContain('Off track');
    expect(res.body).toContain('Card payments');
    expect(res.body).toMatch(/1 of 26 done/);
    // The update's Markdown is as safe as an item description: no script, no javascript: link.
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).not.toMatch(/href="javascript:/i);
    expect(res.body).toContain('href="https://example.com/docs"');
    const list = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/share-links` })).json();
    expect(list.items.find((l: any) => l.id === id)).toMatchObject({ openCount: 1, lastOpenedAt: h.clock.now().toISOString() });
  });

  it('leaks nothing outside its scope: no comments, e-mails, descriptions, people or block reasons', async () => {
    const { token } = (await create({ label: 'Everything', scope: { updates: true, forecasts: true, roadmap: true } })).json();
    const everything = (await open(token)).body + (await open(token, '/feed.atom')).body;
    for (const secret of [SECRET_COMMENT, SECRET_DESCRIPTION, 'secret-reason-55aa', owner.email, dev.email, owner.name, 'Dev Patel'])
      expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    const narrow = (await create({ label: 'Only updates', scope: { updates: true, forecasts: false, roadmap: false } })).json();
    const page = (await open(narrow.token)).body;
    expect(page).toContain('2.0 is late');
    expect(page).not.toContain('Card payments');
    expect(page).not.toContain('chance of making the target');
    const noUpdates = (await create({ label: 'Only forecasts', scope: { updates: false, forecasts: true } })).json();
    expect((await open(noUpdates.token)).body).not.toContain('2.0 is late');
    expect((await open(noUpdates.token, '/feed.atom')).statusCode).toBe(404);
  });

  it('serves a valid Atom 1.0 feed of the published updates', async () => {
    const { token } = (await create({ label: 'Feed' })).json();
    const res = await open(token, '/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const doc = parseDocument(res.body, { xmlMode: true });
    const feed = DomUtils.findOne((e) => e.name === 'feed', doc.children)!;
    expect(feed.attribs.xmlns).toBe('http://www.w3.org/2005/Atom');
    const child = (el: typeof feed, name: string) => el.children.filter((c): c is typeof feed => 'name' in c && c.name === name);
    const text = (el: typeof feed, name: string) => DomUtils.textContent(child(el, name)[0]!);
    // RFC 4287 4.1.1: a feed has exactly one id, title and updated, and an author (here at feed level).
    for (const name of ['id', 'title', 'updated', 'author']) expect(child(feed, name), name).toHaveLength(1);
    expect(text(feed, 'title')).toContain(' — status updates');
    expect(Date.parse(text(feed, 'updated'))).not.toBeNaN();
    const entries = child(feed, 'entry');
    expect(entries).toHaveLength(1);
    // 4.1.2: an entry has exactly one id, title and updated; content carries the body.
    for (const name of ['id', 'title', 'updated', 'content']) expect(child(entries[0]!, name), name).toHaveLength(1);
    expect(text(entries[0]!, 'title')).toMatch(/^Off track — /);
    expect(child(entries[0]!, 'content')[0]!.attribs.type).toBe('html');
    expect(text(entries[0]!, 'content')).toContain('<h2>2.0 is late</h2>');
    expect(text(entries[0]!, 'content')).not.toContain('<script');
  });

  it('refuses an expiry in the past naming the field, and stops working when the expiry passes', async () => {
    const past = await create({ label: 'Old', expiresAt: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.fields[0].path).toBe('expiresAt');
    expect((await create({ label: 'Nothing', scope: { updates: false, forecasts: false } })).statusCode).toBe(400);
    const tomorrow = new Date(h.clock.now().getTime() + DAY).toISOString().slice(0, 10);
    const { token } = (await create({ label: 'Short', expiresAt: tomorrow })).json();
    expect((await open(token)).statusCode).toBe(200);
    h.clock.advance(2 * DAY);
    const gone = await open(token);
    expect(gone.statusCode).toBe(404);
    expect(gone.body).not.toContain('Product');
    expect(gone.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers 404 with nothing about the product once revoked, for the page and the feed alike, and for unknown tokens', async () => {
    const link = (await create({ label: 'To revoke' })).json();
    expect((await open(link.token)).statusCode).toBe(200);
    const revoke = await h.api(owner, { method: 'DELETE', url: `/api/products/${key}/share-links/${link.id}` });
    expect(revoke.statusCode).toBe(204);
    for (const res of [await open(link.token), await open(link.token, '/feed.atom')]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('This link does not exist');
      expect(res.body).not.toContain('2.0');
      expect(res.body).not.toContain(key);
    }
    expect((await open('A'.repeat(43))).body).toBe((await open(link.token)).body);
    const listed = (await h.api(owner, { method: 'GET', url: `/api/products/${key}/share-links` })).json();
    expect(listed.items.find((l: any) => l.id === link.id)).toMatchObject({ active: false });
    expect((await create({ label: 'Dev link' }, dev)).statusCode).toBe(403);
  });

  it('limits lookups per IP', async () => {
    const app = await buildApp({ ctx: h.ctx, shareLookups: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await app.inject({ method: 'GET', url: `/s/${'B'.repeat(43)}` })).statusCode);
      expect(codes).toEqual([404, 404, 404, 429]);
    } finally {
      await app.close();
    }
  });
});
