// No secret in any inspect form of what a call returns, in an error about a malformed address, or from a stored token
// that could not travel in a header.
import { inspect } from 'node:util';
import { getSelfProfile } from '@docspace/auth-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocSpaceAuth, DocSpaceAuthError, memoryStore } from '../src/index.js';
import { portalKey, userKey } from '../src/session.js';
import { redactedAddress } from '../src/url.js';
import { LeakCheck, useEmulator } from './support/harness.js';

const leaks = new LeakCheck();
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

describe('requests and answers in results', () => {
  it('inspect without the Authorization header, the cookie or a Set-Cookie', async () => {
    await env.start();
    const auth = env.auth();
    const session = await auth.login({ userName: 'alice@example.com', password: 'alice-password' });
    leaks.secret(session.token);
    const result = await getSelfProfile({ client: auth.client });
    expect(result.data?.response).toBeDefined();
    const shown = inspect(result, { depth: 20, showHidden: true });
    expect(shown).toContain('/api/2.0/people/@self');
    // The answer is shown by our redacting view (its Set-Cookie lines would show as [redacted]).
    expect(inspect(result.response)).toMatch(/^Response \{\s+status: 200/);
    leaks.record(result);
  });

  it('an error result with its request inspects without the token', async () => {
    const emulator = await env.start();
    const auth = env.auth();
    leaks.secret((await auth.login({ userName: 'alice@example.com', password: 'alice-password' })).token);
    emulator.faults.add({ method: 'GET', path: '/api/2.0/people/@self', sequence: [{ kind: 'malformed-json' }] });
    const result = await getSelfProfile({ client: auth.client });
    expect(result.error).toMatchObject({ code: 'protocol' });
    leaks.record(result);
  });
});

describe('a malformed baseUrl', () => {
  it.each([
    ['https://user:secret-pass@exa mple.com', 'secret-pass'],
    ['user:secret-pass@example.com', 'secret-pass'],
    ['https://alice:secret-pass@[::1', 'secret-pass'],
  ])('is not echoed with its credentials: %s', (baseUrl, secret) => {
    let error: unknown;
    try {
      createDocSpaceAuth({ baseUrl });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DocSpaceAuthError);
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(inspect(error)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(inspect(error)).not.toContain('alice');
  });

  it('control characters are dropped and long input is cut', () => {
    expect(redactedAddress('a\u001b[31mb\r\nc')).toBe('a[31mbc');
    expect(redactedAddress('x'.repeat(500)).length).toBeLessThanOrEqual(201);
  });
});

describe('a stored token that could not travel in a header', () => {
  it.each(['evil\r\ninjected', 'nul\u0000byte', 'esc\u001b[2J', 'x'.repeat(5000)])(
    'is not a session: %j',
    async (token) => {
      const portal = 'http://127.0.0.1:9';
      const store = memoryStore();
      const stored = { token, expires: null, userName: 'a@example.com', portal, obtainedAt: new Date().toISOString() };
      store.set(userKey(portal, 'a@example.com'), stored);
      store.set(portalKey(portal), stored);
      const auth = createDocSpaceAuth({ baseUrl: portal, store });
      expect(await auth.session()).toBeNull();
      const result = await getSelfProfile({ client: auth.client });
      expect(result.error).toMatchObject({ code: 'not_signed_in' });
      leaks.secret(token.slice(0, 12));
      leaks.record(result);
      auth.dispose();
    },
  );
});

describe('the redacting view', () => {
  it('shows an answer without credentials, a code in the path or a query', async () => {
    await env.start();
    // A real answer, as auth.fetch hands it back: its address holds a second-factor code and a query.
    const answer = await env.auth().fetch('/api/2.0/authentication/123456?x=secret-query', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userName: 'alice@example.com', password: 'not-her-password', code: '123456' }),
    });
    await answer.body?.cancel();
    const { redactInspection } = await import('../src/utils/redacted-inspect.js');
    const headers = new Headers({ 'Content-Type': 'application/json' });
    headers.append('Set-Cookie', 'asc_auth_key=tok-secret; Path=/');
    const withCookie = redactInspection(new Response('{}', { status: 200, headers }));
    const shown = inspect({ answer, withCookie }, { depth: 10 });
    expect(shown).not.toMatch(/tok-secret|123456|secret-query/);
    expect(shown).toContain('/api/2.0/authentication/{code}?[redacted]');
    expect(shown).toContain("'content-type': 'application/json");
    expect(shown.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
