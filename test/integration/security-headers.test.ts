import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { createHarness, DIALECTS, type Harness } from '../support/harness.js';

/** A built web app stand-in, so the app serves its pages (sign-in included) as in production. */
function webDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-web-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Ordo</title><div id="root"></div>');
  return dir;
}

describe.each(DIALECTS)('security headers [%s]', (dialect) => {
  let h: Harness;
  let plain: FastifyInstance;
  let secure: FastifyInstance;
  let proxied: FastifyInstance;
  const dir = webDir();

  beforeAll(async () => {
    h = await createHarness(dialect);
    plain = await buildApp({ ctx: h.ctx, webDir: dir });
    secure = await buildApp({ ctx: h.ctx, webDir: dir, secureCookies: true });
    proxied = await buildApp({ ctx: h.ctx, webDir: dir, trustProxy: true });
  });
  afterAll(async () => {
    await Promise.all([plain.close(), secure.close(), proxied.close()]);
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the sign-in page runs only our scripts and cannot be framed by another origin', async () => {
    const res = await plain.inject({ method: 'GET', url: '/login' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it('API answers are not sniffed either, errors included', async () => {
    for (const url of ['/api/health', '/api/me', '/api/nothing-here']) {
      const res = await plain.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    }
  });

  it('asks browsers to insist on HTTPS only when Ordo is served over HTTPS', async () => {
    expect((await plain.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    expect((await secure.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  });

  it('ignores X-Forwarded-Host in the same-origin check unless the proxy is trusted', async () => {
    const user = await h.buildUser();
    const login = (app: FastifyInstance, headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host: 'ordo.example.com', ...headers },
        payload: { email: user.email, password: user.password },
      });
    // Another site posts with the user's browser and claims, through the header, to be us.
    const forged = { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' };
    expect((await login(plain, forged)).statusCode).toBe(403);
    // Behind a trusted proxy, the forwarded host is the public one and a same-origin post passes.
    expect((await login(proxied, { origin: 'https://ordo.example.org', 'x-forwarded-host': 'ordo.example.org' })).statusCode).toBe(200);
    expect((await login(plain, { origin: 'http://ordo.example.com' })).statusCode).toBe(200);
  });
});
