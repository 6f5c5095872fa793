// auth.fetch against the emulator: plain calls, openapi-fetch, renewal and replay, where the token may go.
import { getSelfProfile } from '@docspace/auth-client';
import ky from 'ky';
import createClient from 'openapi-fetch';
import { afterAll, describe, expect, it } from 'vitest';
import { isDocSpaceAuthError } from '../src/index.js';
import { LeakCheck, LOGIN, PASSWORDS, SELF, useEmulator } from './support/harness.js';

const leaks = new LeakCheck();
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

const alice = { userName: 'alice@example.com', password: PASSWORDS.alice };

/** The one path these tests call through openapi-fetch, typed as openapi-typescript would write it. */
interface Paths {
  '/api/2.0/people/@self': {
    get: {
      responses: {
        200: { content: { 'application/json': { response: { email: string; displayName: string } } } };
        401: { content: never };
      };
    };
  };
}

async function signedIn(options = {}) {
  const auth = env.auth(options);
  leaks.secret((await auth.login(alice)).token);
  env.emulator.clearRequests();
  return auth;
}

describe('auth.fetch', () => {
  it('sends the token: a path is resolved against the portal, an absolute URL inside it is taken as is', async () => {
    await env.start();
    const auth = await signedIn();
    const relative = await auth.fetch('/api/2.0/people/@self');
    expect(relative.status).toBe(200);
    expect(((await relative.json()) as { response: { email: string } }).response.email).toBe('alice@example.com');
    const absolute = await auth.fetch(new URL('/api/2.0/people/@self', env.emulator.url));
    expect(absolute.status).toBe(200);
    await absolute.body?.cancel();
    expect(env.count('GET', SELF)).toBe(2);
  });

  it('works as the fetch of openapi-fetch', async () => {
    await env.start();
    const auth = await signedIn();
    const api = createClient<Paths>({ baseUrl: auth.portal, fetch: auth.fetch });
    const { data, error, response } = await api.GET('/api/2.0/people/@self');
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.response.email).toBe('alice@example.com');
  });

  it('works as the fetch of ky, with the portal as prefix', async () => {
    await env.start();
    const auth = await signedIn();
    const api = ky.create({ prefix: auth.portal, fetch: auth.fetch, retry: 0 });
    const me = await api.get('api/2.0/people/@self').json<{ response: { email: string } }>();
    expect(me.response.email).toBe('alice@example.com');
  });

  it('replays a call once after a 401, with one sign-in shared by every concurrent call', async () => {
    const emulator = await env.start();
    const auth = await signedIn({ credentials: () => alice });
    emulator.revokeTokens();
    const api = createClient<Paths>({ baseUrl: auth.portal, fetch: auth.fetch });
    const results = await Promise.all(Array.from({ length: 20 }, () => api.GET('/api/2.0/people/@self')));
    for (const result of results) expect(result.data?.response.email).toBe('alice@example.com');
    expect(env.count('POST', LOGIN)).toBe(1);
    leaks.secret((await auth.session())?.token);
  });

  it('without credentials(), a rejected token rejects with session_expired (a catchable error, not a 401 to miss)', async () => {
    const emulator = await env.start();
    const auth = await signedIn();
    emulator.revokeTokens();
    const error = await leaks.rejection(auth.fetch('/api/2.0/people/@self'));
    expect(isDocSpaceAuthError(error, 'session_expired')).toBe(true);
    expect(await auth.session()).toBeNull();
  });

  it('rejects with not_signed_in when there is no session, and sends nothing', async () => {
    await env.start();
    const auth = env.auth();
    expect(await leaks.rejection(auth.fetch('/api/2.0/people/@self'))).toMatchObject({ code: 'not_signed_in' });
    expect(env.emulator.requests).toHaveLength(0);
  });

  it('never sends the token outside the portal (another host, scheme, port or path prefix)', async () => {
    await env.start();
    const auth = await signedIn();
    const portal = new URL(env.emulator.url);
    for (const url of [
      `http://localhost:${portal.port}/api/2.0/people/@self`,
      `http://127.0.0.1:1/api/2.0/people/@self`,
      `https://127.0.0.1:${portal.port}/api/2.0/people/@self`,
      'http://[not-a-host/api/2.0/people/@self',
    ]) {
      expect(await leaks.rejection(auth.fetch(url))).toMatchObject({ code: 'invalid_input' });
    }
    const prefixed = env.auth({ baseUrl: `${env.emulator.url}/docspace` });
    expect(await leaks.rejection(prefixed.fetch(`${env.emulator.url}/docspace2/x`))).toMatchObject({
      code: 'invalid_input',
    });
    expect(env.emulator.requests).toHaveLength(0);
  });

  it('keeps the caller’s method, headers and body, and a sign-in request goes without the token', async () => {
    await env.start();
    const auth = await signedIn();
    const wrong = JSON.stringify({ userName: 'alice@example.com', password: 'not-alices-password' });
    leaks.secret('not-alices-password');
    const refused = await auth.fetch('/api/2.0/authentication', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: wrong,
    });
    expect(refused.status).toBe(401); // a refused password: returned as an answer, the session is untouched
    await refused.body?.cancel();
    expect(await auth.session()).not.toBeNull();
    const [sent] = env.emulator.requests;
    expect(sent?.method).toBe('POST');
    expect(env.count('GET', SELF)).toBe(0);
    const self = await getSelfProfile({ client: auth.client });
    expect(self.data?.response?.email).toBe('alice@example.com');
  });
});
