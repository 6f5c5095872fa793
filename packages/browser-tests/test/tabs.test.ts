// Tabs that agree: two real pages of one origin sharing localStorage, each with its own DocSpaceAuth
// (`tabs: tabSync()`): sign-ins and sign-outs in one are seen by the other, and a token both find dead is replaced
// by one sign-in, not one per tab (Web Locks).
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CreateOptions } from './pages/harness.js';
import { EMAILS, PASSWORDS, useBrowserEnv, valueOf } from './support/browser-env.js';

const env = await useBrowserEnv();

const alice = { userName: EMAILS.alice, password: PASSWORDS.alice };

async function twoTabs(options: CreateOptions): Promise<[Page, Page, BrowserContext]> {
  const context = await env.newContext();
  const a = await env.newPage(context);
  const b = await env.newPage(context);
  for (const page of [a, b]) await page.evaluate((o) => window.harness.create(o), options);
  return [a, b, context];
}
const events = (page: Page) => page.evaluate(() => window.harness.events());
const eventTypes = async (page: Page) => (await events(page)).map((e) => e.type);

describe('tabs that agree', () => {
  it('a sign-in in one tab is seen by the other, which then calls the API without signing in', async () => {
    const [a, b] = await twoTabs({ store: 'local', tabs: true });
    expect(valueOf(await b.evaluate(() => window.harness.session()))).toBeNull();
    valueOf(await a.evaluate(([u, p]) => window.harness.login(u, p), [alice.userName, alice.password] as const));

    await expect
      .poll(() => events(b), { timeout: 5_000 })
      .toContainEqual(expect.objectContaining({ type: 'session-synced', change: 'signed-in', userName: EMAILS.alice }));
    expect(valueOf(await b.evaluate(() => window.harness.self())).email).toBe(EMAILS.alice);
    expect(env.signInRequests()).toBe(1);
  });

  it('a sign-out in one tab signs the other out', async () => {
    const [a, b] = await twoTabs({ store: 'local', tabs: true });
    valueOf(await a.evaluate(([u, p]) => window.harness.login(u, p), [alice.userName, alice.password] as const));
    await expect.poll(() => eventTypes(b), { timeout: 5_000 }).toContain('session-synced');
    valueOf(await a.evaluate(() => window.harness.logout()));

    await expect
      .poll(() => events(b), { timeout: 5_000 })
      .toContainEqual(expect.objectContaining({ type: 'session-synced', change: 'signed-out' }));
    expect(valueOf(await b.evaluate(() => window.harness.session()))).toBeNull();
    expect(await b.evaluate(() => window.harness.self())).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
  });

  it('a token both tabs find rejected is replaced by one sign-in; the other tab uses it', async () => {
    const [a, b] = await twoTabs({ store: 'local', tabs: true, credentials: alice });
    valueOf(await a.evaluate(([u, p]) => window.harness.login(u, p), [alice.userName, alice.password] as const));
    await expect.poll(() => eventTypes(b), { timeout: 5_000 }).toContain('session-synced');
    env.proxy.requests.length = 0;
    env.emulator.revokeTokens(); // "log out everywhere" on the portal: both tabs' token is dead
    // A slow sign-in, so that the second tab's 401 certainly arrives while the first tab holds the lock.
    env.emulator.faults.add({
      method: 'POST',
      path: '/api/2.0/authentication',
      sequence: [{ kind: 'delay', ms: 500 }],
    });

    const [fromA, fromB] = await Promise.all([
      a.evaluate(() => window.harness.self()),
      b.evaluate(() => window.harness.self()),
    ]);
    expect(valueOf(fromA).email).toBe(EMAILS.alice);
    expect(valueOf(fromB).email).toBe(EMAILS.alice);
    expect(env.signInRequests()).toBe(1);
    const tokens = await Promise.all(
      [a, b].map(async (page) => valueOf(await page.evaluate(() => window.harness.session()))?.token),
    );
    expect(tokens[0]).toBe(tokens[1]);
    // One tab signed in, the other waited and took its session.
    const all = [...(await eventTypes(a)), ...(await eventTypes(b))];
    expect(all.filter((type) => type === 'sign-in-shared')).toHaveLength(1);
    expect(all.filter((type) => type === 'session-expired')).toEqual([]);
  });

  it('without tabSync (the control): each tab signs in again on its own', async () => {
    const [a, b] = await twoTabs({ store: 'local', credentials: alice });
    valueOf(await a.evaluate(([u, p]) => window.harness.login(u, p), [alice.userName, alice.password] as const));
    expect(valueOf(await b.evaluate(() => window.harness.self())).email).toBe(EMAILS.alice); // restored from localStorage
    env.proxy.requests.length = 0;
    env.emulator.revokeTokens();
    env.emulator.faults.add({
      method: 'POST',
      path: '/api/2.0/authentication',
      sequence: [{ kind: 'delay', ms: 500 }],
    });

    const results = await Promise.all([
      a.evaluate(() => window.harness.self()),
      b.evaluate(() => window.harness.self()),
    ]);
    for (const result of results) expect(valueOf(result).email).toBe(EMAILS.alice);
    expect(env.signInRequests()).toBe(2);
    expect(await eventTypes(b)).not.toContain('session-synced');
  });
});
