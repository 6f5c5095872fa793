// One browser environment per test file: an emulator, the harness page bundled from the ESM build, a same-origin
// proxy in front of the emulator serving that page, and Debian's Chromium.
import { fileURLToPath } from 'node:url';
import { type Emulator, type EmulatorOptions, startEmulator } from '@docspace/emulator';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';
import { launchChromium } from '../../src/launcher.js';
import { bundlePage, pageHtml } from '../../src/page-bundle.js';
import { type SameOriginProxy, startSameOriginProxy } from '../../src/same-origin-proxy.js';
import type { ChallengeAnswer, ChallengeInfo, Outcome } from '../pages/harness.js';

export const PASSWORDS = {
  alice: 'alice-password',
  bob: 'bob-password',
  carol: 'carol-password',
  dave: 'dave-password',
  erin: 'erin-password',
} as const;
export const EMAILS = {
  alice: 'alice@example.com',
  bob: 'bob@example.com',
  carol: 'carol@example.com',
  dave: 'dave@example.com',
  erin: 'erin@example.com',
} as const;

const harnessEntry = fileURLToPath(new URL('../pages/harness.ts', import.meta.url));
let harnessScript: Promise<string> | undefined;

export interface BrowserEnv {
  emulator: Emulator;
  proxy: SameOriginProxy;
  browser: Browser;
  /** Answers the second-factor callback of every page; set it per test. */
  onChallenge: (challenge: ChallengeInfo) => ChallengeAnswer | Promise<ChallengeAnswer>;
  /** Uncaught page errors and console errors, which every test expects to stay empty. */
  pageErrors: string[];
  /** A fresh context (cookie jar and storage of its own). */
  newContext(): Promise<BrowserContext>;
  /** A page of `context` (default: a fresh context) on the proxy's origin, with the harness loaded. */
  newPage(context?: BrowserContext): Promise<Page>;
  /** The sign-in requests (step one and step two) the proxy forwarded so far. */
  signInRequests(): number;
  close(): Promise<void>;
}

export async function startBrowserEnv(emulatorOptions: EmulatorOptions = {}): Promise<BrowserEnv> {
  harnessScript ??= bundlePage(harnessEntry);
  const emulator = await startEmulator(emulatorOptions);
  const proxy = await startSameOriginProxy({
    target: emulator.url,
    files: {
      '/': { contentType: 'text/html', body: pageHtml('/harness.js') },
      '/harness.js': { contentType: 'text/javascript', body: await harnessScript },
    },
  });
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const env: BrowserEnv = {
    emulator,
    proxy,
    browser,
    onChallenge: () => {
      throw new Error('this test expected no second-factor challenge');
    },
    pageErrors: [],
    async newContext() {
      const context = await browser.newContext();
      contexts.push(context);
      return context;
    },
    async newPage(context) {
      const page = await (context ?? (await env.newContext())).newPage();
      page.on('pageerror', (error) => env.pageErrors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        // Chromium logs every HTTP error answer ("Failed to load resource: ... 401"); tests assert those themselves.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          env.pageErrors.push(`console: ${message.text()}`);
        }
      });
      await page.exposeFunction('answerChallenge', (challenge: ChallengeInfo) => env.onChallenge(challenge));
      await page.goto(proxy.url);
      await page.waitForFunction(() => document.title === 'harness ready');
      return page;
    },
    signInRequests: () =>
      proxy.requests.filter(
        (r) =>
          r.method === 'POST' &&
          /^\/api\/2\.0\/authentication(\/(?!logout|sendsms|setphone|confirm)[^/]+)?$/.test(r.path),
      ).length,
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await proxy.close();
      await emulator.close();
    },
  };
  return env;
}

/** The value of a successful outcome; a failed one throws with the page's error (code, message, cause) in it. */
export function valueOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`the page's call failed: ${JSON.stringify(outcome.error)}`);
  return outcome.value;
}

/**
 * The browser environment of one test file: started when the file is collected, closed after its tests. After each
 * test no page may have thrown, and the emulator and the proxy's log start afresh.
 */
export async function useBrowserEnv(emulatorOptions: EmulatorOptions = {}): Promise<BrowserEnv> {
  const env = await startBrowserEnv(emulatorOptions);
  afterAll(() => env.close());
  afterEach(() => {
    expect(env.pageErrors).toEqual([]);
    env.emulator.reset();
    env.proxy.requests.length = 0;
  });
  return env;
}
