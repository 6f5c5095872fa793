// Where a browser bundle runs before it is measured: in Debian's Chromium (the browser suite's launcher), served
// with its chunks by a same-origin proxy in front of the emulator, as a browser app is served. It must sign in as
// bob (authenticator app) and return his name after exactly three requests (password, code, people/@self), or the
// bench fails.
import { basename } from 'node:path';
import { launchChromium } from '@docspace/browser-tests/launcher';
import { startSameOriginProxy } from '@docspace/browser-tests/same-origin-proxy';

/** The page the bundle is imported into (by page.evaluate, once the page is there). */
const PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>docspace-auth bench</title></head><body></body></html>';

/**
 * Starts one Chromium for a series of bundles. `run(chunks, main, emulator)` loads the bundle's entry in a fresh
 * browser context (its own cookie jar and localStorage) and calls its `run()`. Close with `close()`.
 */
export async function startBundleRunner() {
  const browser = await launchChromium();
  return {
    async run(chunks, main, emulator) {
      const files = { '/': { contentType: 'text/html; charset=utf-8', body: PAGE } };
      for (const chunk of chunks)
        files[`/${basename(chunk.path)}`] = { contentType: 'text/javascript; charset=utf-8', body: chunk.contents };
      const proxy = await startSameOriginProxy({ target: emulator.url, files });
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(error));
        await page.exposeFunction('benchCode', () => emulator.totp('bob@example.com'));
        await page.goto(`${proxy.url}/`);
        emulator.clearRequests();
        const displayName = await page.evaluate(
          async (entry) => {
            const { run } = await import(entry);
            return run(location.origin, 'bob@example.com', 'bob-password', () => globalThis.benchCode());
          },
          `/${basename(main.path)}`,
        );
        if (errors.length > 0) throw errors[0];
        return { displayName, where: 'Chromium' };
      } finally {
        await context.close();
        await proxy.close();
      }
    },
    close: () => browser.close(),
  };
}

/** Checks what a bundle did against the emulator's request log; throws unless it did the work. */
export function checkRun(result, emulator, label) {
  const requests = emulator.requests.map(
    (r) => `${r.method} ${r.path.replace(/\/authentication\/\d{6}$/, '/authentication/{code}')} ${r.status}`,
  );
  const ok =
    result.displayName === emulator.users.get('bob@example.com').displayName &&
    requests.join(', ') ===
      'POST /api/2.0/authentication 200, POST /api/2.0/authentication/{code} 200, GET /api/2.0/people/@self 200';
  if (!ok) throw new Error(`the bundle ${label} did not do the work: ${result.displayName}; ${requests.join(', ')}`);
  return { displayName: result.displayName, requests: requests.length, where: result.where };
}
