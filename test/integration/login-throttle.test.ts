import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect, type TestUser } from '../support/harness.js';
import { buildApp } from '../../src/http/app.js';
import { PARAMS } from '../../src/services/passwords.js';
import { throttleSignIn } from '../../src/services/auth/login-throttle.js';

describeEachDialect('sign-in throttling and password hashes', (h) => {
  /** Two apps on one database, as two `ordo serve` processes would be: the counts are shared. */
  let a: FastifyInstance;
  let b: FastifyInstance;
  let user: TestUser;
  let other: TestUser;
  beforeAll(async () => {
    const loginLimits = { pair: 4, email: 5, ip: 6 };
    a = await buildApp({ ctx: h.ctx, loginLimits, validateResponses: true });
    b = await buildApp({ ctx: h.ctx, loginLimits, validateResponses: true });
    user = await h.buildUser();
    other = await h.buildUser();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  let n = 0;
  /** A fresh address per test, so one test's count does not leak into the next. */
  const address = () => `10.0.${Math.floor(++n / 250)}.${n % 250}`;
  const login = (app: FastifyInstance, ip: string, email: string, password = 'wrong guess') =>
    app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email, password } });
  const later = () => h.clock.advance(15 * 60_000 + 1_000);

  it('limits one address trying many accounts, counted across processes, with Retry-After', async () => {
    const ip = address();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(i % 2 ? a : b, ip, `nobody${i}@example.com`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    const refused = await login(a, ip, 'someone-else@example.com');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(refused.json().error).toMatchObject({ code: 'rate_limited', details: { retryAfter: Number(refused.headers['retry-after']) } });
    // Even the right password waits: the address is refused before any password is checked.
    expect((await login(b, ip, user.email, user.password)).statusCode).toBe(429);
    expect((await login(b, address(), user.email, user.password)).statusCode).toBe(200);
    later();
    expect((await login(a, ip, user.email, user.password)).statusCode).toBe(200);
  });

  it('limits one account guessed from many addresses, and not its neighbours', async () => {
    const target = await h.buildUser();
    for (let i = 0; i < 5; i++) expect((await login(i % 2 ? a : b, address(), target.email)).statusCode).toBe(401);
    const refused = await login(a, address(), target.email, target.password);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await login(a, address(), other.email, other.password)).statusCode).toBe(200);
    later();
    expect((await login(b, address(), target.email, target.password)).statusCode).toBe(200);
  });

  it('counts no successful sign-in, so an office behind one address is never shut out by signing in', async () => {
    const ip = address();
    for (let i = 0; i < 15; i++) expect((await login(i % 2 ? a : b, ip, user.email, user.password)).statusCode).toBe(200);
    // Failures from that address still add up.
    for (let i = 0; i < 6; i++) expect((await login(a, ip, `typo${i}@example.com`)).statusCode).toBe(401);
    expect((await login(a, ip, user.email, user.password)).statusCode).toBe(429);
    later();
  });

  it('forgets an account’s failures once its owner signs in', async () => {
    const target = await h.buildUser();
    const ip = address();
    for (let i = 0; i < 3; i++) expect((await login(a, ip, target.email)).statusCode).toBe(401);
    expect((await login(a, ip, target.email, target.password)).statusCode).toBe(200);
    // Had the 3 been kept, the account's limit of 5 would refuse the 3rd of these.
    const elsewhere = address();
    for (let i = 0; i < 4; i++) expect((await login(b, elsewhere, target.email)).statusCode).toBe(401);
    expect((await login(b, elsewhere, target.email)).statusCode).toBe(429);
    later();
  });

  it('counts a NUL or a huge e-mail like any other (escaped before it reaches the database)', async () => {
    const limits = { pair: 1, email: 1, ip: 100, windowMs: 60_000 };
    const who = { ip: address(), email: `evil\u0000${'x'.repeat(5000)}@example.com` };
    await throttleSignIn(h.ctx, who, limits);
    await expect(throttleSignIn(h.ctx, who, limits)).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('replaces a hash made at a lower cost on the next successful sign-in, and the password still works', async () => {
    const weak = await h.buildUser();
    const salt = randomBytes(16);
    const oldHash = [
      'scrypt',
      512,
      8,
      1,
      salt.toString('base64'),
      scryptSync(weak.password, salt, 32, { N: 512, r: 8, p: 1 }).toString('base64'),
    ].join('$');
    await h.ctx.db.updateTable('users').set({ password_hash: oldHash }).where('id', '=', weak.id).execute();

    expect((await login(a, address(), weak.email, 'not it')).statusCode).toBe(401);
    const stored = async () =>
      (await h.ctx.db.selectFrom('users').select('password_hash').where('id', '=', weak.id).executeTakeFirstOrThrow()).password_hash;
    expect(await stored()).toBe(oldHash);

    expect((await login(a, address(), weak.email, weak.password)).statusCode).toBe(200);
    const upgraded = await stored();
    expect(upgraded).not.toBe(oldHash);
    expect(upgraded.startsWith(`scrypt$${PARAMS.N}$8$1$`)).toBe(true);
    expect((await login(b, address(), weak.email, weak.password)).statusCode).toBe(200);
    expect(await stored()).toBe(upgraded);
  });
});
