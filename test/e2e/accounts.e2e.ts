import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from './support/api.js';
import { launchBrowser, signedInContext } from './support/browser.js';
import { startOrdo, type OrdoProcess } from '../support/ordo-process.js';

/** A personal API token for a user, made through their own session as they would on the Profile page. */
async function tokenFor(url: string, user: { email: string; password: string }): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: JSON.stringify({ name: 'script' }),
  });
  return ((await res.json()) as { token: string }).token;
}

const meStatus = async (url: string, token: string) =>
  (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('accounts: what an admin does on the People page, and what everyone does on their profile', () => {
  let server: OrdoProcess;
  let browser: Browser;
  let api: Api;
  let admin: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startOrdo(), launchBrowser()]);
    const setup = await Api.setup(server.url, server.setupToken);
    api = setup.api;
    await api.createProduct('PAY', 'Payments');
    admin = await (await signedInContext(browser, server.url, setup.admin)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const manage = async (name: string, action: string) => {
    await admin.getByRole('button', { name: `Manage ${name}` }).click();
    await admin.getByRole('option', { name: action }).click();
  };

  it('deactivating someone stops their token and their browser at once; reactivating lets them sign in again', async () => {
    const leaver = await api.createUser('Lee Leaving', 'lee@example.com');
    await api.addMember('PAY', leaver.email, 'developer');
    const token = await tokenFor(server.url, leaver);
    const leePage = await (await signedInContext(browser, server.url, leaver)).newPage();
    await leePage.goto('/p/PAY/backlog');
    await leePage.getByRole('button', { name: 'Account: Lee Leaving' }).waitFor();
    expect(await meStatus(server.url, token)).toBe(200);

    await admin.goto('/users');
    await manage('Lee Leaving', 'Deactivate…');
    await admin.getByRole('dialog', { name: 'Deactivate Lee Leaving?' }).getByRole('button', { name: 'Deactivate' }).click();
    await admin
      .getByText(/Deactivated/)
      .first()
      .waitFor();

    expect(await meStatus(server.url, token)).toBe(401);
    await leePage.reload();
    await leePage.waitForURL('**/login**');
    const refused = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: leaver.email, password: leaver.password }),
    });
    expect(refused.status).toBe(401);

    await manage('Lee Leaving', 'Reactivate');
    await expect.poll(async () => (await admin.locator('tr', { hasText: 'Lee Leaving' }).textContent()) ?? '').not.toMatch(/Deactivated/);
    await (await signedInContext(browser, server.url, leaver)).close();
    // The token revoked with the deactivation stays revoked.
    expect(await meStatus(server.url, token)).toBe(401);
    await admin.getByRole('heading', { name: 'Recent account changes' }).waitFor();
    await admin.getByText(/Ann Owner reactivated Lee Leaving/).waitFor();
  });

  it('a reset shows the generated password once; the old password and tokens stop working, the new one signs in', async () => {
    const forgetful = await api.createUser('Fran Forgetful', 'fran@example.com');
    const token = await tokenFor(server.url, forgetful);
    await admin.goto('/users');
    await manage('Fran Forgetful', 'Reset password…');
    await admin
      .getByRole('dialog', { name: /Reset Fran Forgetful/ })
      .getByRole('button', { name: 'Reset password' })
      .click();
    const shown = admin.getByTestId('generated-password');
    await shown.waitFor();
    const password = (await shown.textContent())!.trim();
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await admin.getByText(/1 API token revoked/).waitFor();
    await admin.getByRole('button', { name: 'Done' }).click();
    expect(await shown.count()).toBe(0);

    expect(await meStatus(server.url, token)).toBe(401);
    await expect(signedInContext(browser, server.url, forgetful)).rejects.toThrow(/401/);
    await (await signedInContext(browser, server.url, { email: forgetful.email, password })).close();
  });

  it('makes and removes an admin, and refuses to remove the last one', async () => {
    await api.createUser('Ada Admin', 'ada@example.com');
    await admin.goto('/users');
    await manage('Ada Admin', 'Make admin');
    await admin.getByText('Ada Admin is now a workspace admin').waitFor();
    await manage('Ada Admin', 'Remove admin');
    await admin.getByText('Ada Admin is no longer an admin').waitFor();
    await manage('Ann Owner', 'Remove admin');
    await admin.getByText(/last active admin/).waitFor();
  });

  it('everyone changes their name, e-mail and password on their profile, and signs other sessions out', async () => {
    const pat = await api.createUser('Pat Person', 'pat@example.com');
    const here = await (await signedInContext(browser, server.url, pat)).newPage();
    const elsewhere = await (await signedInContext(browser, server.url, pat)).newPage();
    await elsewhere.goto('/');

    await here.goto('/');
    await here.getByRole('button', { name: /Account:/ }).click();
    await here.getByRole('option', { name: 'Profile' }).click();
    await here.waitForURL('**/profile');
    await here.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();

    await here.getByLabel('Name', { exact: true }).fill('Pat Smith');
    await here.getByLabel('E-mail', { exact: true }).fill('ann@example.com');
    await here.getByRole('button', { name: 'Save', exact: true }).click();
    await here.getByText('is taken by someone else').waitFor();
    await here.getByLabel('E-mail', { exact: true }).fill('pat.smith@example.com');
    await here.getByRole('button', { name: 'Save', exact: true }).click();
    await here.getByRole('button', { name: 'Account: Pat Smith' }).waitFor();

    const current = here.getByLabel('Current password');
    expect(await current.getAttribute('type')).toBe('password');
    await current.fill('not my password');
    await here.getByLabel('New password').fill('a much better one');
    await here.getByRole('button', { name: 'Change password' }).click();
    await here.getByText('is not your current password').waitFor();
    await current.fill(pat.password);
    await here.getByRole('button', { name: 'Change password' }).click();
    await here.getByText(/Password changed/).waitFor();

    // The other browser was signed out by the change; this one stays.
    await elsewhere.reload();
    await elsewhere.waitForURL('**/login**');
    await here.reload();
    await here.getByText('This browser').waitFor();
    expect(await here.locator('.session-list li').count()).toBe(1);
    await (await signedInContext(browser, server.url, { email: 'pat.smith@example.com', password: 'a much better one' })).close();
    await here.reload();
    await expect.poll(() => here.locator('.session-list li').count()).toBe(2);
    await here.locator('.session-list li', { hasNotText: 'This browser' }).getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => here.locator('.session-list li').count()).toBe(1);
  });
});
