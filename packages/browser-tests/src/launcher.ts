// The one way this repository starts a browser: Debian's Chromium (never a tool's own download), driven by
// playwright-core, with the flags that keep it off the network. The browser tests, the example app's test and
// the benchmarks all launch through here.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The command-line flags of every launch. Without the background-networking ones Chromium keeps trying to reach
 * the internet (component updates, sync, field trials), which the machines of this project refuse.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** The browser executable. Default {@link CHROMIUM_PATH}. */
  executablePath?: string;
  /** Flags added after {@link CHROMIUM_FLAGS}. */
  extraArgs?: readonly string[];
  /** Give up on the launch after this long. Default 30 000 ms. */
  timeoutMs?: number;
}

/**
 * Starts a headless Chromium. Each launch gets a fresh, empty profile (user-data dir) in the temporary directory,
 * which closing the browser removes; every `browser.newContext()` is a further, isolated cookie jar and storage.
 * Close it with `browser.close()`.
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * try {
 *   const page = await browser.newPage();
 *   await page.goto('http://127.0.0.1:5173/');
 * } finally {
 *   await browser.close();
 * }
 * ```
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new Error(
      `no browser at ${executablePath}: install Debian's chromium package (the test command does: node scripts/system-deps.mjs)`,
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    chromiumSandbox: false,
    args: [...CHROMIUM_FLAGS, ...(options.extraArgs ?? [])],
    timeout: options.timeoutMs ?? 30_000,
    // Playwright's own handlers would kill the browser on Ctrl+C; ours are the test runner's.
    handleSIGINT: false,
  });
}
