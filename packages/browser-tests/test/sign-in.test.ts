// Signing in from a page, through the ESM build as a bundler ships it, against the emulator behind a same-origin
// proxy: the browser's fetch, the browser's cookie jar, no Node APIs.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChallengeInfo } from './pages/harness.js';
import { EMAILS, PASSWORDS, useBrowserEnv, valueOf } from './support/browser-env.js';

const env = await useBrowserEnv();

const create = (page: Page, options: Parameters<Window['harness']['create']>[0] = { store: 'memory' }) =>
  page.evaluate((o) => window.harness.create(o), options);
const login = (page: Page, userName: string, password: string) =>
  page.evaluate(([u, p]) => window.harness.login(u, p), [userName, password] as const);

describe('password-only sign-in', () => {
  it('signs in with one request and calls the API with the token (default fetch)', async () => {
    const page = await env.newPage();
    await create(page);
    // Before the fix this failed in the browser: network error, cause "Failed to execute 'fetch' on 'Window':
    // Illegal invocation" (valueOf() puts the page's error into the failure message).
    expect(valueOf(await login(page, EMAILS.alice, PASSWORDS.alice))).toMatchObject({
      userName: EMAILS.alice,
      portal: env.proxy.url,
    });
    expect(env.signInRequests()).toBe(1);
    expect(await page.evaluate(() => window.harness.self())).toEqual({
      ok: true,
      value: { displayName: 'Alice Anderson', email: EMAILS.alice },
    });
  });

  it('works with `fetch: window.fetch` passed explicitly', async () => {
    const page = await env.newPage();
    await create(page, { store: 'memory', explicitFetch: true });
    expect(await login(page, EMAILS.alice, PASSWORDS.alice)).toMatchObject({ ok: true });
    expect(await page.evaluate(() => window.harness.self())).toMatchObject({
      ok: true,
      value: { email: EMAILS.alice },
    });
  });

  it('reports a wrong password as invalid_credentials', async () => {
    const page = await env.newPage();
    await create(page);
    expect(await login(page, EMAILS.alice, 'not-her-password')).toMatchObject({
      ok: false,
      error: { name: 'DocSpaceAuthError', code: 'invalid_credentials', status: 401 },
    });
  });
});

describe('two-step sign-in', () => {
  it('asks for the authenticator code (bob) and signs in with it', async () => {
    const seen: ChallengeInfo[] = [];
    env.onChallenge = (challenge) => {
      seen.push(challenge);
      return { code: env.emulator.totp('bob') };
    };
    const page = await env.newPage();
    await create(page);
    expect(await login(page, EMAILS.bob, PASSWORDS.bob)).toMatchObject({ ok: true, value: { userName: EMAILS.bob } });
    expect(seen).toEqual([expect.objectContaining({ kind: 'totp', userName: EMAILS.bob, tfaKey: null })]);
    expect(env.signInRequests()).toBe(2);
    expect(await page.evaluate(() => window.harness.self())).toMatchObject({ ok: true, value: { email: EMAILS.bob } });
    const events = await page.evaluate(() => window.harness.events());
    expect(events).toContainEqual(expect.objectContaining({ type: 'signed-in', secondFactor: 'totp' }));
  });

  it('refuses a wrong code as invalid_code', async () => {
    env.onChallenge = () => ({ code: '000000' === env.emulator.totp('bob') ? '111111' : '000000' });
    const page = await env.newPage();
    await create(page);
    expect(await login(page, EMAILS.bob, PASSWORDS.bob)).toMatchObject({
      ok: false,
      error: { code: 'invalid_code', status: 401 },
    });
  });

  it('SMS (carol): shows the masked number, sends the code again on request, signs in with the new code', async () => {
    const seen: ChallengeInfo[] = [];
    env.onChallenge = (challenge) => {
      seen.push(challenge);
      return seen.length === 1 ? { resend: true } : { code: env.emulator.sms.lastCodeFor('carol') ?? '' };
    };
    const page = await env.newPage();
    await create(page);
    expect(await login(page, EMAILS.carol, PASSWORDS.carol)).toMatchObject({
      ok: true,
      value: { userName: EMAILS.carol },
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ kind: 'sms', phoneNoise: '+1555***0123' });
    expect(seen[1]?.expires).toEqual(expect.any(String));
    // One SMS for the sign-in, one for the resend.
    expect(env.emulator.sms.messages).toHaveLength(2);
    expect(env.proxy.requests.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/2.0/authentication/sendsms');
  });

  it('first-time setup (dave): hands over the key and an otpauth:// URI, and a code from it enrols the app', async () => {
    const seen: ChallengeInfo[] = [];
    env.onChallenge = (challenge) => {
      seen.push(challenge);
      return { code: env.emulator.totp('dave') };
    };
    const page = await env.newPage();
    await create(page);
    expect(await login(page, EMAILS.dave, PASSWORDS.dave)).toMatchObject({ ok: true });
    expect(seen).toEqual([
      expect.objectContaining({
        kind: 'totp-setup',
        tfaKey: 'GEZDGNBVGY3TQOJQ',
        otpauthUri: expect.stringMatching(/^otpauth:\/\/totp\/.*secret=GEZDGNBVGY3TQOJQ/),
      }),
    ]);
    // Enrolled now: the next sign-in asks for a plain code, no setup.
    seen.length = 0;
    const again = await env.newPage();
    await create(again);
    expect(await login(again, EMAILS.dave, PASSWORDS.dave)).toMatchObject({ ok: true });
    expect(seen).toEqual([expect.objectContaining({ kind: 'totp', tfaKey: null })]);
  });
});
