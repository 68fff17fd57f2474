import { expect, it } from 'vitest';
import { createHarness, describeEachDialect, DIALECTS } from '../support/harness.js';
import { issueSetupToken } from '../../src/services/auth/setup.js';
import { describe } from 'vitest';

const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0] : String(raw);
  return first.split(';')[0]!;
};

describeEachDialect('sign-in, sessions and API tokens', (h) => {
  it('signs in with email and password, sets an HttpOnly cookie, and /api/me answers with it', async () => {
    const user = await h.buildUser({ name: 'Ann' });
    const login = await h.api(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email.toUpperCase(), password: user.password },
    });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/ordo_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await h.api(null, { method: 'GET', url: '/api/me', headers: { cookie: cookieOf(login) } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: 'Ann', email: user.email });
  });

  it('refuses a wrong password with 401 and the same message as an unknown email', async () => {
    const user = await h.buildUser();
    const wrong = await h.api(null, { method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'nope nope nope' } });
    const unknown = await h.api(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ghost@example.com', password: 'nope nope nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('ends the session on logout', async () => {
    const user = await h.buildUser();
    const login = await h.api(null, { method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password } });
    const cookie = cookieOf(login);
    const out = await h.api(null, { method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await h.api(null, { method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated mutation from a foreign Origin, and accepts our own', async () => {
    const admin = await h.buildUser({ isAdmin: true });
    const login = await h.api(null, { method: 'POST', url: '/api/auth/login', payload: { email: admin.email, password: admin.password } });
    const cookie = cookieOf(login);
    const foreign = await h.api(null, {
      method: 'POST',
      url: '/api/products',
      headers: { cookie, origin: 'https://evil.example', host: 'ordo.local' },
      payload: { key: 'EVIL', name: 'Evil' },
    });
    expect(foreign.statusCode).toBe(403);
    const own = await h.api(null, {
      method: 'POST',
      url: '/api/products',
      headers: { cookie, origin: 'http://ordo.local', host: 'ordo.local' },
      payload: { key: 'OWNX', name: 'Own' },
    });
    expect(own.statusCode).toBe(201);
  });

  it('creates a personal API token shown once, which then authenticates, and can be revoked', async () => {
    const user = await h.buildUser();
    const created = await h.api(user, { method: 'POST', url: '/api/tokens', payload: { name: 'CI' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^ordo_/);
    const list = await h.api(user, { method: 'GET', url: '/api/tokens' });
    expect(JSON.stringify(list.json())).not.toContain(token);
    const me = await h.api(null, { method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect((await h.api(user, { method: 'DELETE', url: `/api/tokens/${id}` })).statusCode).toBe(204);
    const after = await h.api(null, { method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('lets only admins create users, and never stores the password in clear', async () => {
    const admin = await h.buildUser({ isAdmin: true });
    const dev = await h.buildUser();
    const payload = { email: 'new.person@example.com', name: 'New Person', password: 'a long secret 123' };
    expect((await h.api(dev, { method: 'POST', url: '/api/users', payload })).statusCode).toBe(403);
    const res = await h.api(admin, { method: 'POST', url: '/api/users', payload });
    expect(res.statusCode).toBe(201);
    expect(res.json()).not.toHaveProperty('passwordHash');
    const row = await h.ctx.db.selectFrom('users').select('password_hash').where('email', '=', payload.email).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(payload.password);
    const dup = await h.api(admin, { method: 'POST', url: '/api/users', payload });
    expect(dup.statusCode).toBe(409);
  });
});

for (const dialect of DIALECTS) {
  describe(`first run and login rate limit [${dialect}]`, () => {
    it('creates the first admin only with the one-time token from the log, then never again', async () => {
      const h = await createHarness(dialect);
      try {
        expect((await h.api(null, { method: 'GET', url: '/api/setup' })).json()).toEqual({ needsSetup: true });
        const token = (await issueSetupToken(h.ctx))!;
        const form = { email: 'admin@example.com', name: 'Admin', password: 'first admin pw' };
        const wrong = await h.api(null, { method: 'POST', url: '/api/setup', payload: { ...form, token: 'guess' } });
        expect(wrong.statusCode).toBe(403);
        const ok = await h.api(null, { method: 'POST', url: '/api/setup', payload: { ...form, token } });
        expect(ok.statusCode).toBe(201);
        expect(ok.json()).toMatchObject({ isAdmin: true, email: 'admin@example.com' });
        expect(String(ok.headers['set-cookie'])).toMatch(/ordo_session=/);
        const again = await h.api(null, { method: 'POST', url: '/api/setup', payload: { ...form, email: 'x@example.com', token } });
        expect(again.statusCode).toBe(409);
        expect((await h.api(null, { method: 'GET', url: '/api/setup' })).json()).toEqual({ needsSetup: false });
      } finally {
        await h.close();
      }
    });

    it('lets several processes start at once on a new database, and the token each one prints works', async () => {
      const h = await createHarness(dialect);
      try {
        // Three `ordo serve` processes behind a load balancer, started together, each print a token.
        const tokens = await Promise.all([issueSetupToken(h.ctx), issueSetupToken(h.ctx), issueSetupToken(h.ctx)]);
        expect(new Set(tokens).size).toBe(3);
        const form = { email: 'admin@example.com', name: 'Admin', password: 'first admin pw' };
        // Whichever log the operator copies from, its token sets Ordo up (not only the last one written).
        const first = await h.api(null, { method: 'POST', url: '/api/setup', payload: { ...form, token: tokens[0] } });
        expect(first.statusCode, first.body).toBe(201);
        const second = await h.api(null, {
          method: 'POST',
          url: '/api/setup',
          payload: { ...form, email: 'b@example.com', token: tokens[1] },
        });
        expect(second.statusCode).toBe(409);
      } finally {
        await h.close();
      }
    });

    it('slows password guessing: the 11th attempt in a window gets 429', async () => {
      const h = await createHarness(dialect);
      try {
        const { buildApp } = await import('../../src/http/app.js');
        const app = await buildApp({ ctx: h.ctx, loginAttempts: 10 });
        const user = await h.buildUser();
        const statuses: number[] = [];
        for (let i = 0; i < 11; i++) {
          const res = await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: user.email, password: `wrong ${i} guess` },
          });
          statuses.push(res.statusCode);
        }
        expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
        expect(statuses[10]).toBe(429);
        await app.close();
      } finally {
        await h.close();
      }
    });
  });
}
