// The launcher every browser test, the example app's test and the benchmarks use.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchChromium } from '../src/launcher.js';

/** The browser's own account of its command line and profile directory (chrome://version). */
async function versionPage(browser: Browser): Promise<{ commandLine: string; profilePath: string }> {
  const page = await browser.newPage();
  await page.goto('chrome://version');
  const commandLine = await page.locator('#command_line').innerText();
  const profilePath = await page.locator('#profile_path').innerText();
  await page.close();
  return { commandLine, profilePath };
}

describe('launchChromium', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const browser of opened.splice(0)) await browser.close();
  });

  it("starts Debian's Chromium with the offline flags and a fresh profile that closing removes", async () => {
    const browser = await launchChromium();
    opened.push(browser);
    const { commandLine, profilePath } = await versionPage(browser);
    const argv = commandLine.split(/\s+/);
    // The wrapper script /usr/bin/chromium execs the real binary; the flags must reach it.
    for (const flag of CHROMIUM_FLAGS) expect(argv).toContain(flag);
    const userDataDir = argv.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
    expect(userDataDir).toBeTruthy();
    expect(profilePath.startsWith(userDataDir as string)).toBe(true);
    expect(existsSync(userDataDir as string)).toBe(true);
    const version = browser.version();
    expect(version).toMatch(/^\d+\./);

    await browser.close();
    opened.pop();
    expect(existsSync(userDataDir as string)).toBe(false);
  });

  it('gives each launch its own profile', async () => {
    const dirs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const browser = await launchChromium();
      opened.push(browser);
      dirs.push((await versionPage(browser)).profilePath);
    }
    expect(dirs[0]).not.toBe(dirs[1]);
  });

  it('refuses a missing executable with a message naming the Debian package', async () => {
    await expect(launchChromium({ executablePath: `${CHROMIUM_PATH}-not-installed` })).rejects.toThrow(
      /chromium package/,
    );
  });
});
