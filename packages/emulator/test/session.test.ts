import { describe, expect, it } from 'vitest';
import { useEmulator } from './support/emulator.js';
import { AUTH, basic, call, cookiesNamed, isSignedIn, signIn, tokenOf } from './support/http.js';

const jwt = `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.c2ln`;

describe('GET /api/2.0/authentication', () => {
  it('answers false without credentials, in the success envelope with count 1', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'GET', AUTH);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      response: false,
      count: 1,
      links: [{ href: `${emulator.url}${AUTH}`, action: 'GET' }],
      status: 0,
      statusCode: 200,
    });
  });

  it('keeps the query string in links.href', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'GET', `${AUTH}?x=1&y=two`);
    expect(answer.json.links).toEqual([{ href: `${emulator.url}${AUTH}?x=1&y=two`, action: 'GET' }]);
  });

  it('accepts every form of credentials the portal accepts', async () => {
    const emulator = await useEmulator();
    const token = await tokenOf(emulator);
    expect(await isSignedIn(emulator, { headers: { authorization: token } })).toBe(true);
    expect(await isSignedIn(emulator, { headers: { authorization: `Bearer ${token}` } })).toBe(true);
    expect(await isSignedIn(emulator, { cookies: { asc_auth_key: token } })).toBe(true);
    expect(
      await isSignedIn(emulator, { headers: { authorization: basic('alice@example.com', 'alice-password') } }),
    ).toBe(true);
    expect(await isSignedIn(emulator, { headers: { authorization: 'Bearer sk-alice-demo-key' } })).toBe(true);
  });

  it('answers false for bad credentials of each form', async () => {
    const emulator = await useEmulator();
    const token = await tokenOf(emulator);
    expect(await isSignedIn(emulator, { headers: { authorization: `${token}x` } })).toBe(false);
    expect(await isSignedIn(emulator, { headers: { authorization: 'Bearer nope' } })).toBe(false);
    expect(await isSignedIn(emulator, { headers: { authorization: basic('alice@example.com', 'wrong') } })).toBe(false);
    expect(await isSignedIn(emulator, { headers: { authorization: basic('alice', 'alice-password') } })).toBe(false);
    expect(await isSignedIn(emulator, { headers: { authorization: 'Basic !!!' } })).toBe(false);
    expect(await isSignedIn(emulator, { headers: { authorization: 'Bearer sk-unknown' } })).toBe(false);
    expect(await isSignedIn(emulator, { headers: { authorization: `Bearer ${jwt}` } })).toBe(false);
    expect(await isSignedIn(emulator, { headers: { authorization: basic('erin@example.com', 'erin-password') } })).toBe(
      false,
    );
  });

  it('API keys are configurable per user', async () => {
    const emulator = await useEmulator({
      users: [{ email: 'kim@example.com', password: 'kim-password', apiKeys: ['sk-kim-1', 'sk-kim-2'] }],
    });
    expect(await isSignedIn(emulator, { headers: { authorization: 'Bearer sk-kim-2' } })).toBe(true);
    emulator.users.update('kim@example.com', { apiKeys: ['sk-kim-3'] });
    expect(await isSignedIn(emulator, { headers: { authorization: 'Bearer sk-kim-2' } })).toBe(false);
    expect(await isSignedIn(emulator, { headers: { authorization: 'Bearer sk-kim-3' } })).toBe(true);
  });

  it('the asc_auth_key cookie wins over a token in the Authorization header', async () => {
    const emulator = await useEmulator();
    const token = await tokenOf(emulator);
    expect(await isSignedIn(emulator, { cookies: { asc_auth_key: 'stale' }, headers: { authorization: token } })).toBe(
      false,
    );
    expect(
      await isSignedIn(emulator, { cookies: { asc_auth_key: token }, headers: { authorization: 'Bearer junk' } }),
    ).toBe(true);
  });

  it('Basic, API keys and JWTs are checked by their own handlers, whatever the cookie says', async () => {
    const emulator = await useEmulator();
    const token = await tokenOf(emulator);
    const withCookie = (authorization: string) => ({ cookies: { asc_auth_key: token }, headers: { authorization } });
    expect(await isSignedIn(emulator, withCookie(basic('alice@example.com', 'wrong')))).toBe(false);
    expect(await isSignedIn(emulator, withCookie(`Bearer ${jwt}`))).toBe(false);
    expect(await isSignedIn(emulator, withCookie('Bearer sk-nope'))).toBe(false);
  });

  it('an invalid asc_auth_key cookie answers false and clears asc_auth_key and socketio.sid', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'GET', AUTH, { cookies: { asc_auth_key: 'not-a-token' } });
    expect(answer.json.response).toBe(false);
    expect(answer.setCookies).toEqual([
      'asc_auth_key=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/',
      'socketio.sid=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/',
    ]);
    const valid = await call(emulator, 'GET', AUTH, { cookies: { asc_auth_key: await tokenOf(emulator) } });
    expect(valid.setCookies).toEqual([]);
  });
});

describe('tokens', () => {
  it('expire after the configured lifetime, following the emulator clock', async () => {
    const emulator = await useEmulator({ tokenLifetimeMs: 60_000, clock: () => Date.UTC(2026, 0, 1) });
    const answer = await signIn(emulator, { userName: 'alice@example.com', password: 'alice-password' });
    expect(answer.json.response.expires).toBe('2026-01-01T00:01:00Z');
    const token = answer.json.response.token;
    emulator.clock.advance(59_999);
    expect(await isSignedIn(emulator, { headers: { authorization: token } })).toBe(true);
    emulator.clock.advance(1);
    expect(await isSignedIn(emulator, { headers: { authorization: token } })).toBe(false);
    expect((await call(emulator, 'GET', '/api/2.0/people/@self', { headers: { authorization: token } })).status).toBe(
      401,
    );
  });

  it('last one year by default', async () => {
    const emulator = await useEmulator({ clock: () => Date.UTC(2026, 5, 15, 8, 0, 0, 250) });
    const answer = await signIn(emulator, { userName: 'alice@example.com', password: 'alice-password' });
    expect(answer.json.response.expires).toBe('2027-06-15T08:00:00.25Z');
    emulator.clock.advance(364 * 24 * 3600_000);
    expect(await isSignedIn(emulator, { headers: { authorization: answer.json.response.token } })).toBe(true);
    emulator.clock.advance(24 * 3600_000);
    expect(await isSignedIn(emulator, { headers: { authorization: answer.json.response.token } })).toBe(false);
  });

  it('never expire with tokenLifetimeMs: Infinity (expires is DateTime.MaxValue)', async () => {
    const emulator = await useEmulator({ tokenLifetimeMs: Number.POSITIVE_INFINITY });
    const answer = await signIn(emulator, { userName: 'alice@example.com', password: 'alice-password' });
    expect(answer.json.response.expires).toBe('9999-12-31T23:59:59.9999999Z');
  });

  it('revokeTokens() logs everyone out; revokeTokens(user) only that user', async () => {
    const emulator = await useEmulator();
    const alice = await tokenOf(emulator);
    const aliceAgain = await tokenOf(emulator, 'alice@example.com', 'alice-password');
    emulator.users.add({ email: 'kim@example.com', password: 'kim-password' });
    const kim = await tokenOf(emulator, 'kim@example.com', 'kim-password');
    emulator.revokeTokens('kim');
    expect(await isSignedIn(emulator, { headers: { authorization: kim } })).toBe(false);
    expect(await isSignedIn(emulator, { headers: { authorization: alice } })).toBe(true);
    emulator.revokeTokens();
    expect(await isSignedIn(emulator, { headers: { authorization: alice } })).toBe(false);
    expect(await isSignedIn(emulator, { headers: { authorization: aliceAgain } })).toBe(false);
    // New sign-ins work again.
    expect(await isSignedIn(emulator, { headers: { authorization: await tokenOf(emulator) } })).toBe(true);
  });

  it('stop working when the user is disabled', async () => {
    const emulator = await useEmulator();
    const token = await tokenOf(emulator);
    emulator.users.update('alice', { disabled: true });
    expect(await isSignedIn(emulator, { headers: { authorization: token } })).toBe(false);
  });

  it('of one emulator mean nothing to another', async () => {
    const one = await useEmulator({ seed: 5 });
    const two = await useEmulator({ seed: 5 });
    const token = await tokenOf(one);
    expect(await isSignedIn(two, { headers: { authorization: token } })).toBe(false);
  });
});

describe('POST /api/2.0/authentication/logout', () => {
  it('ends the login event of the cookie: the token stops working everywhere, cookies are cleared', async () => {
    const emulator = await useEmulator();
    const token = await tokenOf(emulator);
    const other = await tokenOf(emulator);
    const answer = await call(emulator, 'POST', `${AUTH}/logout`, {
      cookies: { asc_auth_key: token, 'socketio.sid': 's1' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      count: 0,
      links: [{ href: `${emulator.url}${AUTH}/logout`, action: 'POST' }],
      status: 0,
      statusCode: 200,
    });
    expect(answer.setCookies).toEqual([
      'asc_auth_key=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/',
      'socketio.sid=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/',
    ]);
    expect(await isSignedIn(emulator, { headers: { authorization: token } })).toBe(false);
    // Only that login event: another session of the same user goes on.
    expect(await isSignedIn(emulator, { headers: { authorization: other } })).toBe(true);
  });

  it('clears only the cookies that were sent', async () => {
    const emulator = await useEmulator();
    const answer = await call(emulator, 'POST', `${AUTH}/logout`, {
      cookies: { asc_auth_key: await tokenOf(emulator) },
    });
    expect(answer.setCookies).toEqual(['asc_auth_key=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/']);
  });

  it('does not revoke a token sent only in the Authorization header', async () => {
    const emulator = await useEmulator();
    const token = await tokenOf(emulator);
    const answer = await call(emulator, 'POST', `${AUTH}/logout`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    expect(answer.setCookies).toEqual([]);
    expect(await isSignedIn(emulator, { headers: { authorization: token } })).toBe(true);
  });

  it('answers 200 for anonymous callers and for stale cookies', async () => {
    const emulator = await useEmulator();
    expect((await call(emulator, 'POST', `${AUTH}/logout`)).json).toMatchObject({
      count: 0,
      status: 0,
      statusCode: 200,
    });
    const stale = await call(emulator, 'POST', `${AUTH}/logout`, { cookies: { asc_auth_key: 'stale' } });
    expect(stale.status).toBe(200);
    expect(cookiesNamed(stale, 'asc_auth_key')).toHaveLength(1);
  });

  it('a cookie from a sign-in, sent back as a browser would, signs the request in and logout ends it', async () => {
    const emulator = await useEmulator();
    const login = await signIn(emulator, { userName: 'alice@example.com', password: 'alice-password' });
    const cookie = login.setCookies[0]!.split(';')[0]!;
    const headers = { cookie };
    expect((await call(emulator, 'GET', AUTH, { headers })).json.response).toBe(true);
    await call(emulator, 'POST', `${AUTH}/logout`, { headers });
    expect((await call(emulator, 'GET', AUTH, { headers })).json.response).toBe(false);
  });
});
