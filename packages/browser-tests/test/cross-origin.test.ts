// A page on another site than the portal (http://localhost:<port> calling http://127.0.0.1:<port>), allowed by the
// emulator's `cors` option, the local-development convenience. What works across sites and what does not.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '@docspace/emulator';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../src/launcher.js';
import { bundlePage, pageHtml } from '../src/page-bundle.js';
import { type SameOriginProxy, startSameOriginProxy } from '../src/same-origin-proxy.js';
import type { ChallengeAnswer, ChallengeInfo } from './pages/harness.js';
import { EMAILS, PASSWORDS, valueOf } from './support/browser-env.js';

let site: SameOriginProxy; // serves the page only
let pageOrigin: string;
let browser: Browser;
const emulators: Emulator[] = [];
const pageErrors: string[] = [];
let onChallenge: (challenge: ChallengeInfo) => ChallengeAnswer = () => {
  throw new Error('no challenge expected');
};

beforeAll(async () => {
  const script = await bundlePage(new URL('./pages/harness.ts', import.meta.url).pathname);
  site = await startSameOriginProxy({
    target: 'http://127.0.0.1:9', // nothing is forwarded
    proxyPrefixes: [],
    files: {
      '/': { contentType: 'text/html', body: pageHtml('/harness.js') },
      '/harness.js': { contentType: 'text/javascript', body: script },
    },
  });
  // Another site than 127.0.0.1, where the emulators listen.
  pageOrigin = site.url.replace('127.0.0.1', 'localhost');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
afterEach(async () => {
  expect(pageErrors.splice(0)).toEqual([]);
  for (const emulator of emulators.splice(0)) await emulator.close();
});

async function portal(corsOrigins: string[] | undefined): Promise<Emulator> {
  const emulator = await startEmulator(corsOrigins ? { cors: { origins: corsOrigins } } : {});
  emulators.push(emulator);
  return emulator;
}

async function openPage(emulator: Emulator): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.exposeFunction('answerChallenge', (challenge: ChallengeInfo) => onChallenge(challenge));
  await page.goto(pageOrigin);
  await page.waitForFunction(() => document.title === 'harness ready');
  await page.evaluate((baseUrl) => window.harness.create({ store: 'session', baseUrl }), emulator.url);
  return page;
}
const login = (page: Page, userName: string, password: string) =>
  page.evaluate(([u, p]) => window.harness.login(u, p), [userName, password] as const);
const portalSees = async (emulator: Emulator, token: string) =>
  (await fetch(`${emulator.url}/api/2.0/people/@self`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('a page on another site', () => {
  it('signs in and calls the API when the portal answers CORS for its origin', async () => {
    const emulator = await portal([pageOrigin]);
    const page = await openPage(emulator);
    valueOf(await login(page, EMAILS.alice, PASSWORDS.alice));
    expect(valueOf(await page.evaluate(() => window.harness.self())).email).toBe(EMAILS.alice);
    await page.context().close();
  });

  it('two-step sign-in works too, though the cross-site asc_confirm_key cookie is not kept', async () => {
    const emulator = await portal([pageOrigin]);
    onChallenge = () => ({ code: emulator.totp('bob') });
    const page = await openPage(emulator);
    valueOf(await login(page, EMAILS.bob, PASSWORDS.bob));
    expect(await page.context().cookies(emulator.url)).toEqual([]);
    await page.context().close();
  });

  it('is refused by the browser when the portal does not list its origin: a network error', async () => {
    const emulator = await portal(['http://localhost:1']);
    const page = await openPage(emulator);
    expect(await login(page, EMAILS.alice, PASSWORDS.alice)).toMatchObject({
      ok: false,
      error: { code: 'network', cause: expect.stringContaining('Failed to fetch') },
    });
    // A JSON POST needs a preflight; the portal did not allow it, so the sign-in itself was never sent.
    expect(emulator.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['OPTIONS 405']);
    await page.context().close();
  });

  it('logout forgets the session here, but cannot revoke the token: the portal ends only cookie sessions', async () => {
    const emulator = await portal([pageOrigin]);
    const page = await openPage(emulator);
    const { token } = valueOf(await login(page, EMAILS.alice, PASSWORDS.alice));
    valueOf(await page.evaluate(() => window.harness.logout()));
    expect(valueOf(await page.evaluate(() => window.harness.session()))).toBeNull();
    expect(await portalSees(emulator, token)).toBe(200);
    await page.context().close();
  });
});
