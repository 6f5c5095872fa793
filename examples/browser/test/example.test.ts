// Clicks through the example app in Chromium as a person would, on the Vite dev server that
// `pnpm --filter browser-example dev` starts (the emulator behind its /api proxy), and saves screenshots.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@docspace/browser-tests/launcher';
import { startEmulator } from '@docspace/emulator';
import type { Browser, Page } from 'playwright-core';
import { renderSVG } from 'uqr';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const screenshots = fileURLToPath(new URL('../.test-results/screenshots/', import.meta.url));

let server: ViteDevServer;
let browser: Browser;
let origin: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  delete process.env.DOCSPACE_PORTAL; // the emulator, whatever the caller's environment says
  server = await createServer({ root, logLevel: 'silent', server: { host: '127.0.0.1', port: 0, strictPort: false } });
  await server.listen();
  origin = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  expect(pageErrors.splice(0)).toEqual([]);
  await fetch(`${origin}/__emulator/reset`, { method: 'POST' });
});

/** The emulator's control API, through the dev server's proxy as a developer would use it. */
const control = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${origin}/__emulator/${path}`)).json()) as T;
const totp = async (email: string) => (await control<{ code: string }>(`totp?user=${encodeURIComponent(email)}`)).code;

async function openApp(at = origin): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 560, height: 640 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(at);
  await page.locator('body[data-ready=true]').waitFor();
  return page;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the example app', () => {
  it('bob: password, then the authenticator code; signed in; a reload keeps him signed in; sign out', async () => {
    const page = await openApp();
    await signIn(page, 'bob@example.com', 'bob-password');
    await expect
      .poll(() => page.locator('#factor-prompt').innerText())
      .toBe('Enter the code from your authenticator app.');
    await page.getByLabel('Code', { exact: true }).fill(await totp('bob@example.com'));
    await page.screenshot({ path: `${screenshots}bob-code.png` });
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.locator('#signed-in').innerText()).toContain('Signed in as Bob');
    await page.screenshot({ path: `${screenshots}bob-signed-in.png` });

    await page.reload();
    await page.locator('body[data-ready=true]').waitFor();
    expect(await page.locator('#who').innerText()).toContain('bob@example.com');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('Signed out.');
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('dave: first-time setup shows the key and a QR code of the otpauth:// URI; the code from it signs him in', async () => {
    const page = await openApp();
    await signIn(page, 'dave@example.com', 'dave-password');
    await page.locator('#setup').waitFor();
    expect(await page.locator('#tfa-key').innerText()).toBe('GEZDGNBVGY3TQOJQ');
    const uri = await page.locator('#otpauth').getAttribute('href');
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*dave%40example\.com\?.*secret=GEZDGNBVGY3TQOJQ/);
    // The QR code is the one of exactly that URI.
    const expected = await page.evaluate(
      (svg) => {
        const element = document.createElement('div');
        element.innerHTML = svg; // serialised as the page's own #qr is
        return element.innerHTML;
      },
      renderSVG(uri ?? '', { border: 2 }),
    );
    expect(await page.locator('#qr').innerHTML()).toBe(expected);
    const qr = page.locator('#qr svg');
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    await page.screenshot({ path: `${screenshots}dave-setup.png` });
    await page.getByLabel('Code', { exact: true }).fill(await totp('dave@example.com'));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.locator('#who').innerText()).toContain('dave@example.com');
    await page.context().close();
  });

  it('carol: the masked number, "send the code again", and the new code signs her in', async () => {
    const page = await openApp();
    await signIn(page, 'carol@example.com', 'carol-password');
    await expect.poll(() => page.locator('#factor-prompt').innerText()).toBe('We sent a code by SMS to +1555***0123.');
    await page.getByRole('button', { name: 'Send the code again' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('A new code is on its way to +1555***0123.');
    const { messages } = await control<{ messages: { code: string }[] }>('sms');
    expect(messages).toHaveLength(2);
    await page.getByLabel('Code', { exact: true }).fill(messages.at(-1)?.code ?? '');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.locator('#who').innerText()).toContain('carol@example.com');
    await page.context().close();
  });

  it('a wrong password is told as such, and the form stays', async () => {
    const page = await openApp();
    await signIn(page, 'alice@example.com', 'wrong');
    await expect.poll(() => page.locator('#status').innerText()).toBe('Wrong email or password.');
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('DOCSPACE_PORTAL', () => {
  it('points the dev server at another portal (here an emulator elsewhere) instead of starting one', async () => {
    const portal = await startEmulator();
    process.env.DOCSPACE_PORTAL = portal.url;
    const other = await createServer({ root, logLevel: 'silent', server: { host: '127.0.0.1', port: 0 } });
    try {
      await other.listen();
      const at = (other.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
      // No emulator of its own: its control API is not there (Vite answers with the app's page instead).
      expect((await fetch(`${at}/__emulator/users`)).headers.get('content-type')).toContain('text/html');
      expect((await fetch(`${origin}/__emulator/users`)).headers.get('content-type')).toContain('application/json');
      const page = await openApp(at);
      await signIn(page, 'alice@example.com', 'alice-password');
      await expect.poll(() => page.locator('#who').innerText()).toContain('alice@example.com');
      expect(portal.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        'POST /api/2.0/authentication 200',
        'GET /api/2.0/people/@self 200',
      ]);
      await page.context().close();
    } finally {
      delete process.env.DOCSPACE_PORTAL;
      await other.close();
      await portal.close();
    }
  });
});
