// API keys: no sign-in, `Bearer sk-…` on every call, a rejected key is final, and the key never shows anywhere.
import { inspect } from 'node:util';
import { getSelfProfile } from '@docspace/auth-client';
import { afterAll, describe, expect, it } from 'vitest';
import { isDocSpaceAuthError, memoryStore } from '../src/index.js';
import { portalKey, userKey } from '../src/session.js';
import { LeakCheck, LOGIN, PASSWORDS, SELF, useEmulator } from './support/harness.js';

const leaks = new LeakCheck();
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

const KEY = 'sk-alice-demo-key';
leaks.secret(KEY, 'sk-revoked-key-123');

/** A store holding the key as `docspace-auth login --with-api-key` saves it: a session of alice's without expiry. */
function storeHoldingKey(portal: string) {
  const store = memoryStore();
  const stored = {
    token: KEY,
    expires: null,
    userName: 'alice@example.com',
    portal,
    obtainedAt: new Date().toISOString(),
  };
  store.set(userKey(portal, 'alice@example.com'), stored);
  store.set(portalKey(portal), stored);
  return store;
}

describe('createDocSpaceAuth({ apiKey })', () => {
  it('calls as the key’s user through auth.client and auth.fetch, without any sign-in', async () => {
    await env.start();
    const auth = env.auth({ apiKey: `  ${KEY}\n` }); // as read from a file or stdin
    const { data, error } = await getSelfProfile({ client: auth.client });
    expect(error).toBeUndefined();
    expect(data?.response?.email).toBe('alice@example.com');
    const viaFetch = await auth.fetch('/api/2.0/people/@self');
    expect(((await viaFetch.json()) as { response: { email: string } }).response.email).toBe('alice@example.com');
    expect(await auth.isAuthenticated()).toBe(true);
    expect(env.count('POST', LOGIN)).toBe(0);
    expect(await auth.session()).toBeNull();
    leaks.record(auth);
    expect(inspect(auth, { depth: 10, showHidden: true })).not.toContain(KEY);
  });

  it('a rejected key fails with invalid_api_key at once: no retry, no sign-in, even with credentials()', async () => {
    await env.start(); // no user has this key
    const auth = env.auth({
      apiKey: 'sk-revoked-key-123',
      credentials: () => ({ userName: 'alice@example.com', password: PASSWORDS.alice }),
    });
    const result = await getSelfProfile({ client: auth.client });
    leaks.record(result.error);
    expect(isDocSpaceAuthError(result.error, 'invalid_api_key')).toBe(true);
    expect(result.error).toMatchObject({ status: 401 });
    const thrown = await leaks.rejection(getSelfProfile({ client: auth.client, throwOnError: true }));
    expect(thrown).toMatchObject({ code: 'invalid_api_key' });
    expect(await leaks.rejection(auth.fetch('/api/2.0/people/@self'))).toMatchObject({ code: 'invalid_api_key' });
    expect(env.count('GET', SELF)).toBe(3);
    expect(env.count('POST', LOGIN)).toBe(0);
    expect(auth.events.filter((e) => e.type === 'retry')).toHaveLength(0);
    expect(await auth.isAuthenticated()).toBe(false);
  });

  it('refuses a value that is not a key, without repeating it, and login() on a key instance', async () => {
    await env.start();
    for (const apiKey of ['', 'secret-value-without-prefix', 'sk-', 'sk-two words', 42 as unknown as string]) {
      let error: unknown;
      try {
        env.auth({ apiKey });
      } catch (caught) {
        error = caught;
        leaks.record(caught);
      }
      expect(error).toMatchObject({ code: 'invalid_input' });
      if (typeof apiKey === 'string' && apiKey.length > 3)
        expect(String((error as Error).message)).not.toContain(apiKey);
    }
    const auth = env.auth({ apiKey: KEY });
    expect(
      await leaks.rejection(auth.login({ userName: 'alice@example.com', password: PASSWORDS.alice })),
    ).toMatchObject({
      code: 'invalid_input',
    });
    await auth.logout(); // nothing to revoke: a key is revoked in the portal's settings
    expect(env.emulator.requests).toHaveLength(0);
  });

  it('a key stored as a session (docspace-auth login --with-api-key) is used, and when rejected it is final and forgotten', async () => {
    const emulator = await env.start();
    const store = storeHoldingKey(emulator.url);
    const auth = env.auth({ store, credentials: () => ({ userName: 'alice@example.com', password: PASSWORDS.alice }) });
    expect((await getSelfProfile({ client: auth.client })).data?.response?.email).toBe('alice@example.com');
    emulator.users.update('alice@example.com', { apiKeys: [] });
    const result = await getSelfProfile({ client: auth.client });
    leaks.record(result.error);
    expect(result.error).toMatchObject({ code: 'invalid_api_key' });
    expect(env.count('POST', LOGIN)).toBe(0);
    expect(store.get(portalKey(emulator.url))).toBeNull();
  });

  it('logout() with a stored key forgets it here and sends nothing (a key is not a sign-in to end)', async () => {
    const emulator = await env.start();
    const store = storeHoldingKey(emulator.url);
    const auth = env.auth({ store });
    await auth.logout();
    expect(store.get(portalKey(emulator.url))).toBeNull();
    expect(auth.events.map((e) => e.type)).toEqual(['session-restored', 'signed-out']);
    expect(emulator.requests).toHaveLength(0);
  });
});
