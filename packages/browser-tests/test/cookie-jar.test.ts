// The asc_confirm_key_* cookie of a two-step sign-in in a browser: the portal sets it HttpOnly on step one, scripts
// (the SDK included) can neither read it nor send a Cookie header, and the browser's own jar carries it to step two.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EMAILS, PASSWORDS, useBrowserEnv, valueOf } from './support/browser-env.js';

const env = await useBrowserEnv();

/** Asks the page itself whether the confirmation key the browser holds is good (the key comes from the jar). */
const confirmFromPage = (page: Page) =>
  page.evaluate(async (email) => {
    const response = await fetch('/api/2.0/authentication/confirm', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'TfaAuth', email }),
    });
    return { status: response.status, body: (await response.json()) as { response?: { result?: number } } };
  }, EMAILS.bob);

const stepTwo = () =>
  env.proxy.requests.find((r) => r.method === 'POST' && /^\/api\/2\.0\/authentication\/\d+$/.test(r.path));

describe('the asc_confirm_key cookie in the browser', () => {
  it('is set HttpOnly on step one, invisible to scripts, and carried by the jar to step two', async () => {
    let context: BrowserContext | undefined;
    let page: Page | undefined;
    const between: { jar: string[]; httpOnly: boolean[]; documentCookie: string; confirm: unknown }[] = [];
    env.onChallenge = async () => {
      if (!context || !page) throw new Error('no page');
      const cookies = (await context.cookies(env.proxy.url)).filter((c) => c.name.startsWith('asc_confirm_key_'));
      between.push({
        jar: cookies.map((c) => c.name),
        httpOnly: cookies.map((c) => c.httpOnly),
        documentCookie: await page.evaluate(() => document.cookie),
        // The key in the jar is a real, valid confirmation key of the portal.
        confirm: (await confirmFromPage(page)).body.response?.result,
      });
      return { code: env.emulator.totp('bob') };
    };
    context = await env.newContext();
    page = await env.newPage(context);
    await page.evaluate(() => window.harness.create({ store: 'memory' }));
    valueOf(await page.evaluate(([u, p]) => window.harness.login(u, p), [EMAILS.bob, PASSWORDS.bob] as const));

    expect(between).toEqual([{ jar: ['asc_confirm_key_TfaAuth'], httpOnly: [true], documentCookie: '', confirm: 0 }]);
    expect(stepTwo()?.cookieNames).toContain('asc_confirm_key_TfaAuth');
  });

  it('without the jar (cookie cleared between the steps) the key is gone, and step two goes out without it', async () => {
    let context: BrowserContext | undefined;
    let page: Page | undefined;
    let confirmWithoutCookie: { status: number } | undefined;
    env.onChallenge = async () => {
      if (!context || !page) throw new Error('no page');
      await context.clearCookies();
      confirmWithoutCookie = await confirmFromPage(page);
      return { code: env.emulator.totp('bob') };
    };
    context = await env.newContext();
    page = await env.newPage(context);
    await page.evaluate(() => window.harness.create({ store: 'memory' }));
    const result = await page.evaluate(([u, p]) => window.harness.login(u, p), [EMAILS.bob, PASSWORDS.bob] as const);

    // The key lived only in the jar: nothing else (no script, no SDK state) could present it again.
    expect(confirmWithoutCookie?.status).toBe(400);
    expect(stepTwo()?.cookieNames).not.toContain('asc_confirm_key_TfaAuth');
    // Step two repeats the credentials, and the server's code check (AuthenticationController, POST
    // /authentication/{code}) does not read the cookie, so a browser that blocks it still signs in.
    expect(valueOf(result).userName).toBe(EMAILS.bob);
  });
});
