import { expect, it } from 'vitest';
import { describeEachDialect, type Harness, type TestUser } from '../support/harness.js';
import { SseClient } from '../support/sse.js';

const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0] : String(raw);
  return first.split(';')[0]!;
};

async function signIn(h: Harness, user: { email: string; password: string }, userAgent = 'test-agent') {
  const res = await h.api(null, {
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'user-agent': userAgent },
    payload: { email: user.email, password: user.password },
  });
  return { status: res.statusCode, cookie: res.statusCode === 200 ? cookieOf(res) : '' };
}

const asCookie = (cookie: string) => ({ cookie });
const meWithCookie = (h: Harness, cookie: string) => h.api(null, { method: 'GET', url: '/api/me', headers: asCookie(cookie) });
const meWithToken = (h: Harness, user: TestUser) => h.api(user, { method: 'GET', url: '/api/me' });

describeEachDialect('accounts: what admins do to them', (h) => {
  it('a reset gives a generated password once, ends every session and revokes every token at once', async () => {
    const admin = await h.buildUser({ isAdmin: true });
    const ann = await h.buildUser({ name: 'Ann' });
    const { cookie } = await signIn(h, ann);
    expect((await meWithCookie(h, cookie)).statusCode).toBe(200);
    expect((await meWithToken(h, ann)).statusCode).toBe(200);

    const reset = await h.api(admin, { method: 'POST', url: `/api/users/${ann.id}/reset-password` });
    expect(reset.statusCode).toBe(200);
    const { password, sessionsEnded, tokensRevoked } = reset.json();
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect({ sessionsEnded, tokensRevoked }).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });

    expect((await meWithCookie(h, cookie)).statusCode).toBe(401);
    expect((await meWithToken(h, ann)).statusCode).toBe(401);
    expect((await signIn(h, ann)).status).toBe(401);
    expect((await signIn(h, { email: ann.email, password })).status).toBe(200);
  });

  it('deactivation ends sessions, revokes tokens and refuses sign-in; the name stays on history; reactivation lets them back', async () => {
    const admin = await h.buildUser({ isAdmin: true });
    const { key } = await h.buildProduct(admin);
    const dev = await h.buildUser({ name: 'Dev Departing' });
    await h.addMember(key, admin, dev, 'developer');
    const item = (await h.api(dev, { method: 'POST', url: `/api/products/${key}/items`, payload: { title: 'Their work' } })).json();
    const { cookie } = await signIn(h, dev);

    const off = await h.api(admin, { method: 'POST', url: `/api/users/${dev.id}/deactivate` });
    expect(off.statusCode).toBe(200);
    expect(off.json().deactivatedAt).toEqual(expect.any(String));
    // The very next request with their token or cookie is refused.
    expect((await meWithToken(h, dev)).statusCode).toBe(401);
    expect((await meWithCookie(h, cookie)).statusCode).toBe(401);
    expect((await signIn(h, dev)).status).toBe(401);

    const history = await h.api(admin, { method: 'GET', url: `/api/items/${item.key}/history` });
    expect(history.statusCode).toBe(200);
    expect(JSON.stringify(history.json())).toContain('Dev Departing');

    const list = (await h.api(admin, { method: 'GET', url: '/api/users' })).json().items as { id: number; deactivatedAt: string | null }[];
    expect(list.find((u) => u.id === dev.id)?.deactivatedAt).not.toBeNull();

    const on = await h.api(admin, { method: 'POST', url: `/api/users/${dev.id}/reactivate` });
    expect(on.json().deactivatedAt).toBeNull();
    expect((await signIn(h, dev)).status).toBe(200);
    // Tokens revoked at deactivation stay revoked.
    expect((await meWithToken(h, dev)).statusCode).toBe(401);

    const audit = (await h.api(admin, { method: 'GET', url: `/api/users/audit?userId=${dev.id}` })).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['reactivated', 'deactivated']);
    expect(audit[0].actor.id).toBe(admin.id);
  });

  it('makes and removes admins, never the last one, even when two admins remove each other at once', async () => {
    // A workspace of its own admins: every other test's admins are deactivated first.
    const a = await h.buildUser({ name: 'Admin A', isAdmin: true });
    const b = await h.buildUser({ name: 'Admin B', isAdmin: true });
    const others = (await h.api(a, { method: 'GET', url: '/api/users' })).json().items as { id: number; isAdmin: boolean }[];
    for (const u of others)
      if (u.isAdmin && u.id !== a.id && u.id !== b.id) await h.api(a, { method: 'POST', url: `/api/users/${u.id}/deactivate` });

    const [ab, ba] = await Promise.all([
      h.api(a, { method: 'PUT', url: `/api/users/${b.id}/admin`, payload: { isAdmin: false } }),
      h.api(b, { method: 'PUT', url: `/api/users/${a.id}/admin`, payload: { isAdmin: false } }),
    ]);
    const statuses = [ab.statusCode, ba.statusCode].sort();
    // One wins; the other is refused (422 as the last admin, or 403 when its caller was demoted first).
    expect(statuses[0]).toBe(200);
    expect([403, 422]).toContain(statuses[1]);
    const admins = ((await h.api(ab.statusCode === 200 ? a : b, { method: 'GET', url: '/api/users' })).json().items as any[]).filter(
      (u) => u.isAdmin && !u.deactivatedAt,
    );
    expect(admins).toHaveLength(1);

    const last = admins[0].id === a.id ? a : b;
    const self = await h.api(last, { method: 'PUT', url: `/api/users/${last.id}/admin`, payload: { isAdmin: false } });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.message).toMatch(/last active admin/);

    const c = await h.buildUser({ name: 'Admin C' });
    const grant = await h.api(last, { method: 'PUT', url: `/api/users/${c.id}/admin`, payload: { isAdmin: true } });
    expect(grant.json().isAdmin).toBe(true);
    expect((await h.api(c, { method: 'GET', url: '/api/users' })).statusCode).toBe(200);
    expect((await h.api(c, { method: 'PUT', url: `/api/users/${last.id}/admin`, payload: { isAdmin: false } })).statusCode).toBe(200);
  });

  it('closes the open event streams of a deactivated user, and of one whose password is reset, within a second', async () => {
    const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await h.buildUser({ isAdmin: true });
    const { key } = await h.buildProduct(admin);
    for (const action of ['deactivate', 'reset-password'] as const) {
      const dev = await h.buildUser();
      await h.addMember(key, admin, dev, 'developer');
      const stream = await SseClient.open(`${base}/api/products/${key}/events`, dev.auth);
      const bell = await SseClient.open(`${base}/api/me/events`, dev.auth);
      expect((await h.api(admin, { method: 'POST', url: `/api/users/${dev.id}/${action}` })).statusCode).toBe(200);
      await stream.until(() => stream.ended, 1_000, `the product stream to end after ${action}`);
      await bell.until(() => bell.ended, 1_000, `the notification stream to end after ${action}`);
    }
  });

  it('refuses every admin action to someone who is not an admin, and 404s an unknown user', async () => {
    const admin = await h.buildUser({ isAdmin: true });
    const bob = await h.buildUser();
    const target = await h.buildUser();
    const calls = [
      { method: 'GET' as const, url: '/api/users' },
      { method: 'GET' as const, url: '/api/users/audit' },
      { method: 'POST' as const, url: `/api/users/${target.id}/reset-password` },
      { method: 'POST' as const, url: `/api/users/${target.id}/deactivate` },
      { method: 'POST' as const, url: `/api/users/${target.id}/reactivate` },
      { method: 'PUT' as const, url: `/api/users/${target.id}/admin`, payload: { isAdmin: true } },
      { method: 'POST' as const, url: '/api/users', payload: { email: 'x@example.com', name: 'X', password: 'long enough' } },
    ];
    for (const c of calls) expect((await h.api(bob, c)).statusCode, `${c.method} ${c.url}`).toBe(403);
    expect((await h.api(admin, { method: 'POST', url: '/api/users/999999/deactivate' })).statusCode).toBe(404);
    expect((await h.api(admin, { method: 'POST', url: `/api/users/${admin.id}/deactivate` })).statusCode).toBe(422);
  });
});

describeEachDialect('accounts: what everyone does to their own', (h) => {
  it('changes name and e-mail; an e-mail someone else has is 409', async () => {
    const ann = await h.buildUser({ name: 'Ann' });
    const bob = await h.buildUser({ name: 'Bob' });
    const res = await h.api(ann, { method: 'PATCH', url: '/api/me', payload: { name: 'Ann Smith', email: ' Ann.Smith@Example.com ' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Ann Smith', email: 'ann.smith@example.com' });
    expect((await signIn(h, { email: 'ann.smith@example.com', password: ann.password })).status).toBe(200);

    const clash = await h.api(ann, { method: 'PATCH', url: '/api/me', payload: { email: bob.email.toUpperCase() } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details.fields[0].path).toBe('email');
    expect((await h.api(ann, { method: 'PATCH', url: '/api/me', payload: { name: '  ' } })).statusCode).toBe(400);
    expect((await h.api(ann, { method: 'PATCH', url: '/api/me', payload: { name: 'a\u0000b' } })).statusCode).toBe(400);
  });

  it('changes the password only with the current one, and ends the other sessions but not this one', async () => {
    const ann = await h.buildUser();
    const here = await signIn(h, ann, 'Here');
    const there = await signIn(h, ann, 'There');
    const wrong = await h.api(null, {
      method: 'POST',
      url: '/api/me/password',
      headers: asCookie(here.cookie),
      payload: { currentPassword: 'not it at all', newPassword: 'a brand new one' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].path).toBe('currentPassword');

    const ok = await h.api(null, {
      method: 'POST',
      url: '/api/me/password',
      headers: asCookie(here.cookie),
      payload: { currentPassword: ann.password, newPassword: 'a brand new one' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await meWithCookie(h, here.cookie)).statusCode).toBe(200);
    expect((await meWithCookie(h, there.cookie)).statusCode).toBe(401);
    expect((await signIn(h, ann)).status).toBe(401);
    expect((await signIn(h, { email: ann.email, password: 'a brand new one' })).status).toBe(200);
  });

  it('lists own sessions with the current one marked, and signs one out; another person’s session is 404', async () => {
    const ann = await h.buildUser();
    const bob = await h.buildUser();
    const laptop = await signIn(h, ann, 'Laptop browser');
    const phone = await signIn(h, ann, 'Phone browser');
    const bobs = await signIn(h, bob);
    const list = (await h.api(null, { method: 'GET', url: '/api/me/sessions', headers: asCookie(laptop.cookie) })).json().items;
    expect(list).toHaveLength(2);
    const current = list.find((s: { current: boolean }) => s.current);
    expect(current.userAgent).toBe('Laptop browser');
    const other = list.find((s: { current: boolean }) => !s.current);

    const bobsList = (await h.api(null, { method: 'GET', url: '/api/me/sessions', headers: asCookie(bobs.cookie) })).json().items;
    const stranger = await h.api(null, { method: 'DELETE', url: `/api/me/sessions/${bobsList[0].id}`, headers: asCookie(laptop.cookie) });
    expect(stranger.statusCode).toBe(404);
    expect((await meWithCookie(h, bobs.cookie)).statusCode).toBe(200);

    const end = await h.api(null, { method: 'DELETE', url: `/api/me/sessions/${other.id}`, headers: asCookie(laptop.cookie) });
    expect(end.statusCode).toBe(204);
    expect((await meWithCookie(h, phone.cookie)).statusCode).toBe(401);
    expect((await meWithCookie(h, laptop.cookie)).statusCode).toBe(200);
  });

  it('looks people up only among members of shared products; admins see everyone; no e-mails', async () => {
    const owner = await h.buildUser({ name: 'Zed Owner' });
    const { key } = await h.buildProduct(owner);
    const mate = await h.buildUser({ name: 'Zed Mate' });
    const stranger = await h.buildUser({ name: 'Zed Stranger' });
    const gone = await h.buildUser({ name: 'Zed Gone' });
    await h.addMember(key, owner, mate, 'developer');
    await h.addMember(key, owner, gone, 'viewer');
    const admin = await h.buildUser({ isAdmin: true });
    await h.api(admin, { method: 'POST', url: `/api/users/${gone.id}/deactivate` });

    const found = (await h.api(mate, { method: 'GET', url: '/api/people?q=zed' })).json().items;
    expect(found.map((p: { name: string }) => p.name)).toEqual(['Zed Mate', 'Zed Owner']);
    expect(Object.keys(found[0]).sort()).toEqual(['id', 'name']);
    const alone = (await h.api(stranger, { method: 'GET', url: '/api/people?q=zed' })).json().items;
    expect(alone.map((p: { name: string }) => p.name)).toEqual(['Zed Stranger']);
    const all = (await h.api(admin, { method: 'GET', url: '/api/people?q=ZED' })).json().items;
    expect(all.map((p: { name: string }) => p.name)).toEqual(['Zed Mate', 'Zed Owner', 'Zed Stranger']);
    // A pattern character is matched as itself.
    expect((await h.api(admin, { method: 'GET', url: '/api/people?q=%25' })).json().items).toEqual([]);
  });
});
