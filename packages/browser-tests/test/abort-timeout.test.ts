import { describe, expect, it } from 'vitest';
import { EMAILS, PASSWORDS, useBrowserEnv, valueOf } from './support/browser-env.js';

const env = await useBrowserEnv();

const slow = (method: string, path: string, ms: number) =>
  env.emulator.faults.add({ method, path, sequence: [{ kind: 'delay', ms }] });
const timed = async <T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> => {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
};

describe('abort and timeout in the browser', () => {
  it("a sign-in aborted by the caller's signal fails at once as aborted", async () => {
    slow('POST', '/api/2.0/authentication', 5_000);
    const page = await env.newPage();
    await page.evaluate(() => window.harness.create({ store: 'local' }));
    const { result, ms } = await timed(() =>
      page.evaluate(([u, p]) => window.harness.loginAborted(u, p, 200), [EMAILS.alice, PASSWORDS.alice] as const),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'aborted' } });
    expect(ms).toBeLessThan(4_000);
    expect(await page.evaluate(() => window.harness.storageKeys('local'))).toEqual([]);
  });

  it('a call that outlives timeoutMs fails as timeout; the session stays', async () => {
    const page = await env.newPage();
    await page.evaluate(() => window.harness.create({ store: 'local', timeoutMs: 500, retry: false }));
    valueOf(await page.evaluate(([u, p]) => window.harness.login(u, p), [EMAILS.alice, PASSWORDS.alice] as const));
    slow('GET', '/api/2.0/people/@self', 5_000);
    const { result, ms } = await timed(() => page.evaluate(() => window.harness.self()));
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(ms).toBeLessThan(4_000);
    expect(valueOf(await page.evaluate(() => window.harness.session()))?.userName).toBe(EMAILS.alice);
    // The next call, with the portal quick again, works.
    expect(valueOf(await page.evaluate(() => window.harness.self())).email).toBe(EMAILS.alice);
  });

  it("a call aborted by the caller's signal fails as aborted, not as timeout", async () => {
    const page = await env.newPage();
    await page.evaluate(() => window.harness.create({ store: 'memory', timeoutMs: 10_000 }));
    valueOf(await page.evaluate(([u, p]) => window.harness.login(u, p), [EMAILS.alice, PASSWORDS.alice] as const));
    slow('GET', '/api/2.0/people/@self', 5_000);
    const { result, ms } = await timed(() => page.evaluate(() => window.harness.self(300)));
    expect(result).toMatchObject({ ok: false, error: { code: 'aborted' } });
    expect(ms).toBeLessThan(4_000);
  });
});
