// A signed-in page: authorised calls through auth.client, the session kept in web storage across reloads and
// tabs, the portal rejecting an expired token (and signing in again), and signing out.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CreateOptions } from './pages/harness.js';
import { EMAILS, PASSWORDS, useBrowserEnv, valueOf } from './support/browser-env.js';

const HOUR = 3_600_000;
// Tokens live two hours; moving the emulator's clock past that makes the portal reject them.
const env = await useBrowserEnv({ tokenLifetimeMs: 2 * HOUR });

const create = (page: Page, options: CreateOptions) => page.evaluate((o) => window.harness.create(o), options);
const loginAlice = async (page: Page) =>
  valueOf(await page.evaluate(([u, p]) => window.harness.login(u, p), [EMAILS.alice, PASSWORDS.alice] as const));
const self = (page: Page) => page.evaluate(() => window.harness.self());
const portalSees = async (token: string) =>
  (await fetch(`${env.emulator.url}/api/2.0/people/@self`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('auth.client', () => {
  it('sends the token on every call and makes no further sign-in', async () => {
    const page = await env.newPage();
    await create(page, { store: 'memory' });
    await loginAlice(page);
    for (let i = 0; i < 3; i++) expect(valueOf(await self(page)).email).toBe(EMAILS.alice);
    expect(env.signInRequests()).toBe(1);
    expect(valueOf(await page.evaluate(() => window.harness.isAuthenticated()))).toBe(true);
  });

  it('without a session, a call fails as not_signed_in and nothing is sent', async () => {
    const page = await env.newPage();
    await create(page, { store: 'memory' });
    expect(await self(page)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(env.proxy.requests).toEqual([]);
  });
});

describe('web storage', () => {
  it('localStorage: the session survives a reload and other tabs see it, with 0 sign-in requests', async () => {
    const context = await env.newContext();
    const page = await env.newPage(context);
    await create(page, { store: 'local' });
    await loginAlice(page);
    expect(await page.evaluate(() => window.harness.storageKeys('local'))).toEqual(
      expect.arrayContaining([`docspace-auth:${env.proxy.url}`, `docspace-auth:${env.proxy.url}:${EMAILS.alice}`]),
    );
    env.proxy.requests.length = 0;

    await page.reload();
    await page.waitForFunction(() => document.title === 'harness ready');
    await create(page, { store: 'local' });
    expect(valueOf(await self(page)).email).toBe(EMAILS.alice);
    expect(await page.evaluate(() => window.harness.events())).toContainEqual(
      expect.objectContaining({ type: 'session-restored', userName: EMAILS.alice }),
    );

    const otherTab = await env.newPage(context);
    await create(otherTab, { store: 'local' });
    expect(valueOf(await self(otherTab)).email).toBe(EMAILS.alice);
    expect(env.signInRequests()).toBe(0);
  });

  it('sessionStorage: the session survives a reload of its tab, and a new tab starts signed out', async () => {
    const context = await env.newContext();
    const page = await env.newPage(context);
    await create(page, { store: 'session' });
    await loginAlice(page);
    expect(await page.evaluate(() => window.harness.storageKeys('local'))).toEqual([]);
    env.proxy.requests.length = 0;

    await page.reload();
    await page.waitForFunction(() => document.title === 'harness ready');
    await create(page, { store: 'session' });
    expect(valueOf(await self(page)).email).toBe(EMAILS.alice);
    expect(env.signInRequests()).toBe(0);

    const otherTab = await env.newPage(context);
    await create(otherTab, { store: 'session' });
    expect(valueOf(await otherTab.evaluate(() => window.harness.session()))).toBeNull();
    expect(await self(otherTab)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('memory: a reload signs the page out', async () => {
    const page = await env.newPage();
    await create(page, { store: 'memory' });
    await loginAlice(page);
    await page.reload();
    await page.waitForFunction(() => document.title === 'harness ready');
    await create(page, { store: 'memory' });
    expect(valueOf(await page.evaluate(() => window.harness.session()))).toBeNull();
  });
});

describe('expiry', () => {
  it('a token the portal no longer accepts: signs in again with credentials() once, and the call succeeds', async () => {
    const page = await env.newPage();
    await create(page, { store: 'local', credentials: { userName: EMAILS.alice, password: PASSWORDS.alice } });
    const first = await loginAlice(page);
    env.emulator.clock.advance(3 * HOUR);
    expect(await portalSees(first.token)).toBe(401);

    expect(valueOf(await self(page)).email).toBe(EMAILS.alice);
    expect(env.signInRequests()).toBe(2);
    const second = valueOf(await page.evaluate(() => window.harness.session()));
    expect(second?.token).not.toBe(first.token);
    expect(await portalSees(second?.token ?? '')).toBe(200);
    const events = await page.evaluate(() => window.harness.events());
    expect(events.map((e) => e.type)).toEqual(['signed-in', 'session-expired', 'signed-in']);
    expect(events[1]).toMatchObject({ reason: 'rejected' });
  });

  it('without credentials(): session_expired, and the stored session is gone', async () => {
    const page = await env.newPage();
    await create(page, { store: 'local' });
    await loginAlice(page);
    env.emulator.clock.advance(3 * HOUR);
    expect(await self(page)).toMatchObject({ ok: false, error: { code: 'session_expired', status: 401 } });
    expect(await page.evaluate(() => window.harness.storageKeys('local'))).toEqual([]);
    expect(env.signInRequests()).toBe(1);
  });
});

describe('logout', () => {
  it('revokes the token at the portal, empties the store, and later calls are not signed in', async () => {
    const page = await env.newPage();
    await create(page, { store: 'local' });
    const { token } = await loginAlice(page);
    expect(await portalSees(token)).toBe(200);

    valueOf(await page.evaluate(() => window.harness.logout()));
    // The browser's jar sent the HttpOnly asc_auth_key cookie: the portal ended that login event.
    expect(env.proxy.requests.find((r) => r.path === '/api/2.0/authentication/logout')?.cookieNames).toContain(
      'asc_auth_key',
    );
    expect(await portalSees(token)).toBe(401);
    expect(await page.evaluate(() => window.harness.storageKeys('local'))).toEqual([]);
    expect(await self(page)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await page.evaluate(() => window.harness.events())).toContainEqual(
      expect.objectContaining({ type: 'signed-out', userName: EMAILS.alice }),
    );
  });
});
