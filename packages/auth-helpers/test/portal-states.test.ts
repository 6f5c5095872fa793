// The portal's own states, produced by the real emulator, each with its own error code: a portal that is not
// there (portal_not_found), one being restored (portal_unavailable), IP restrictions (access_restricted, never a
// block), and SSO accounts refused a password (invalid_credentials). None of them is retried.
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { getSelfProfile } from '@docspace/auth-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocSpaceAuth, errorFromResult, isDocSpaceAuthError } from '../src/index.js';
import { LeakCheck, PASSWORDS, SELF, SIGN_IN, useEmulator } from './support/harness.js';

const leaks = new LeakCheck();
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

const alice = { userName: 'alice@example.com', password: PASSWORDS.alice };

describe('a portal that is not there', () => {
  it.each(['suspended', 'removed', 'unknown'] as const)(
    '%s: login fails with portal_not_found, once, naming the address as the suspect',
    async (status) => {
      await env.start({ portal: { status } });
      const auth = env.auth();
      const error = await leaks.rejection(auth.login(alice));
      expect(error).toMatchObject({ code: 'portal_not_found', status: 404 });
      expect((error as Error).message).toMatch(/check the address/);
      expect(env.count('POST', SIGN_IN)).toBe(1);
      expect(await auth.session()).toBeNull();
    },
  );

  it('a session made before the suspension: isAuthenticated and calls through auth.client say portal_not_found', async () => {
    const emulator = await env.start();
    const auth = env.auth();
    leaks.secret((await auth.login(alice)).token);
    emulator.portal.set({ status: 'suspended' });
    await expect(auth.isAuthenticated()).rejects.toMatchObject({ code: 'portal_not_found' });
    const result = await getSelfProfile({ client: auth.client });
    expect(errorFromResult(result)).toMatchObject({ code: 'portal_not_found', status: 404 });
    // Not a rejected token: the session is kept for when the portal is back.
    expect(await auth.session()).not.toBeNull();
    emulator.portal.set({ status: 'active' });
    expect(await auth.isAuthenticated()).toBe(true);
  });

  it('a mistyped address whose server answers 404 with a page of its own is portal_not_found too', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body><h1>404 Not Found</h1></body></html>');
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const auth = createDocSpaceAuth({ baseUrl: `http://127.0.0.1:${port}/typo`, onEvent: (e) => leaks.record(e) });
      await expect(auth.login(alice)).rejects.toMatchObject({ code: 'portal_not_found' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('a portal being restored, transferred or encrypted', () => {
  it.each(['restoring', 'transferring', 'encrypting'] as const)(
    '%s: portal_unavailable, not blocked, not retried',
    async (status) => {
      await env.start({ portal: { status } });
      const error = await leaks.rejection(env.auth().login(alice));
      expect(error).toMatchObject({ code: 'portal_unavailable', status: 403, retryAfterMs: undefined });
      expect(isDocSpaceAuthError(error, 'blocked')).toBe(false);
      expect(env.count('POST', SIGN_IN)).toBe(1);
    },
  );
});

describe('IP restrictions', () => {
  const users = [
    { email: 'olga@example.com', password: 'olga-password', isOwner: true },
    { email: 'mia@example.com', password: 'mia-password' },
  ];

  it('sign-in succeeds; the calls made with the token are access_restricted, never treated as a block', async () => {
    await env.start({ users, portal: { ipRestriction: 'owner-only' } });
    leaks.secret('mia-password');
    const auth = env.auth();
    const session = await auth.login({ userName: 'mia@example.com', password: 'mia-password' });
    leaks.secret(session.token);
    const error = await leaks.rejection(auth.isAuthenticated());
    expect(error).toMatchObject({
      code: 'access_restricted',
      status: 403,
      retryAfterMs: undefined,
      serverMessage: 'The access to the portal is restricted',
    });
    const result = await getSelfProfile({ client: auth.client });
    expect(errorFromResult(result)).toMatchObject({ code: 'access_restricted', status: 403 });
    // One request each: a 403 is never retried, and it is not a rejected token (no new sign-in).
    expect(env.count('GET', SELF)).toBe(1);
    expect(env.count('POST', SIGN_IN)).toBe(1);
    expect(await auth.session()).not.toBeNull();
  });

  it('the owner is not restricted', async () => {
    await env.start({ users, portal: { ipRestriction: 'owner-only' } });
    leaks.secret('olga-password');
    const auth = env.auth();
    leaks.secret((await auth.login({ userName: 'olga@example.com', password: 'olga-password' })).token);
    expect(await auth.isAuthenticated()).toBe(true);
  });
});

describe('accounts without a portal password', () => {
  it.each(['sso', 'ldap'] as const)('%s: a password sign-in is invalid_credentials (HTTP 401)', async (source) => {
    await env.start({ users: [{ email: 'sam@example.com', password: 'sam-password', source }] });
    leaks.secret('sam-password');
    const error = await leaks.rejection(env.auth().login({ userName: 'sam@example.com', password: 'sam-password' }));
    expect(error).toMatchObject({ code: 'invalid_credentials', status: 401 });
  });
});
