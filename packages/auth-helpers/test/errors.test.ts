// Every DocSpaceAuthError code, produced by the real emulator (or a real closed port), with status and hints.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BOB_TOTP_SECRET } from '@docspace/emulator';
import { getSelfProfile } from '@docspace/auth-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocSpaceAuth, DocSpaceAuthError, isDocSpaceAuthError } from '../src/index.js';
import { LeakCheck, PASSWORDS, SIGN_IN, useEmulator } from './support/harness.js';

const leaks = new LeakCheck();
leaks.secret(BOB_TOTP_SECRET);
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

const alice = { userName: 'alice@example.com', password: PASSWORDS.alice };

describe('sign-in refusals', () => {
  it('invalid_credentials: wrong password, one request, never retried', async () => {
    await env.start();
    const error = await leaks.rejection(
      env.auth().login({ userName: 'alice@example.com', password: 'wrong-password-1' }),
    );
    leaks.secret('wrong-password-1');
    expect(error).toBeInstanceOf(DocSpaceAuthError);
    expect(error).toMatchObject({
      code: 'invalid_credentials',
      status: 401,
      serverMessage: 'User authentication failed',
    });
    expect(env.count('POST', SIGN_IN)).toBe(1);
  });

  it('invalid_credentials: unknown user', async () => {
    await env.start();
    const error = await leaks.rejection(env.auth().login({ userName: 'nobody@example.com', password: 'x-password' }));
    expect(error).toMatchObject({ code: 'invalid_credentials', status: 401 });
  });

  it('invalid_code: a wrong second-factor code', async () => {
    await env.start();
    const error = await leaks.rejection(
      env.auth().login({ userName: 'bob@example.com', password: PASSWORDS.bob, code: '000000' }),
    );
    expect(error).toMatchObject({ code: 'invalid_code', status: 401 });
    expect(env.count('POST', SIGN_IN)).toBe(2);
  });

  it('second_factor_required: the portal asks for a code and nothing can provide one', async () => {
    await env.start();
    const auth = env.auth();
    const error = await leaks.rejection(auth.login({ userName: 'bob@example.com', password: PASSWORDS.bob }));
    expect(error).toMatchObject({ code: 'second_factor_required' });
    expect(env.count('POST', SIGN_IN)).toBe(1);
    expect(auth.events.map((e) => e.type)).toEqual(['second-factor-required']);
  });

  it('blocked: the sixth failure within a minute blocks even the right password, with a retry hint', async () => {
    await env.start();
    const auth = env.auth();
    for (let i = 0; i < 5; i++) {
      const error = await leaks.rejection(
        auth.login({ userName: 'alice@example.com', password: `wrong-${i}-password` }),
      );
      leaks.secret(`wrong-${i}-password`);
      expect(error).toMatchObject({ code: 'invalid_credentials' });
    }
    const blocked = await leaks.rejection(auth.login({ userName: 'ALICE@example.com', password: 'wrong-5-password' }));
    expect(blocked).toMatchObject({ code: 'blocked', status: 403, retryAfterMs: 60_000 });
    const evenRight = await leaks.rejection(auth.login(alice));
    expect(evenRight).toMatchObject({ code: 'blocked' });
    env.emulator.clock.advance(61_000);
    leaks.secret((await auth.login(alice)).token);
  });

  it('user_disabled: a disabled account', async () => {
    await env.start();
    const error = await leaks.rejection(env.auth().login({ userName: 'erin@example.com', password: PASSWORDS.erin }));
    expect(error).toMatchObject({ code: 'user_disabled', status: 403 });
  });

  it('rate_limited: 429 after the retries run out, with the wait the portal asked for', async () => {
    await env.start({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const auth = env.auth({ retry: { maxAttempts: 2, maxRetryAfterMs: 10 } });
    leaks.secret((await auth.login(alice)).token);
    const error = await leaks.rejection(auth.login(alice));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
    expect((error as DocSpaceAuthError).retryAfterMs).toBeGreaterThan(0);
    expect(auth.events.filter((e) => e.type === 'retry')).toHaveLength(1);
  });

  it('rate_limited: a 429 carrying only X-RateLimit-Reset gives the hint the retry loop would honour', async () => {
    // A real rate limiter in front of a portal (nginx, a gateway) may send the reset without Retry-After.
    const server = createServer((_req, res) => {
      res.writeHead(429, { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '42' }).end();
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const auth = createDocSpaceAuth({ baseUrl, retry: false, onEvent: (e) => leaks.record(e) });
      const error = await leaks.rejection(auth.login(alice));
      expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 42_000 });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('an empty 401 reads as what was refused: the password at step one, the code at step two', async () => {
    // A proxy or gateway that answers 401 with no body: the client maps it by what the request was.
    const server = createServer((req, res) => {
      if (req.url === '/api/2.0/authentication') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            response: { tfa: true, confirmUrl: 'http://127.0.0.1/confirm.aspx?type=TfaAuth' },
            count: 1,
            status: 0,
            statusCode: 200,
          }),
        );
        return;
      }
      res.writeHead(401).end();
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const auth = createDocSpaceAuth({ baseUrl, retry: false, onEvent: (e) => leaks.record(e) });
      const codeRefused = await leaks.rejection(auth.login({ ...alice, code: '123456' }));
      expect(codeRefused).toMatchObject({ code: 'invalid_code', status: 401 });
      const refusedAtOnce = createServer((_req, res) => res.writeHead(401).end()).listen(0, '127.0.0.1');
      await once(refusedAtOnce, 'listening');
      try {
        const other = `http://127.0.0.1:${(refusedAtOnce.address() as AddressInfo).port}`;
        const error = await leaks.rejection(createDocSpaceAuth({ baseUrl: other, retry: false }).login(alice));
        expect(error).toMatchObject({ code: 'invalid_credentials', status: 401 });
      } finally {
        refusedAtOnce.close();
      }
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('server_error: a proxy 502 on a sign-in POST is not retried (the portal may have processed it)', async () => {
    const emulator = await env.start();
    emulator.faults.add({
      method: 'POST',
      path: '/api/2.0/authentication',
      sequence: [{ kind: 'proxy-error', status: 502 }],
    });
    const error = await leaks.rejection(env.auth().login(alice));
    expect(error).toMatchObject({ code: 'server_error', status: 502 });
    expect(env.count('POST', SIGN_IN)).toBe(1);
  });

  it('protocol: a 200 whose JSON is cut off', async () => {
    const emulator = await env.start();
    emulator.faults.add({ method: 'POST', path: '/api/2.0/authentication', sequence: [{ kind: 'malformed-json' }] });
    const error = await leaks.rejection(env.auth().login(alice));
    expect(error).toMatchObject({ code: 'protocol', status: 200 });
  });
});

describe('transport failures', () => {
  it('network: nothing listens on the port (connection refused is retried, then reported)', async () => {
    const emulator = await env.start();
    const url = emulator.url;
    await emulator.close();
    const auth = createDocSpaceAuth({ baseUrl: url, retry: { baseDelayMs: 1 }, onEvent: (e) => leaks.record(e) });
    const retries: number[] = [];
    auth.on('retry', (event) => retries.push(event.attempt));
    const error = await leaks.rejection(auth.login(alice));
    expect(error).toMatchObject({ code: 'network' });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(retries).toEqual([1, 2]);
  });

  it('timeout: the per-call timeout covers a slow answer', async () => {
    const emulator = await env.start();
    emulator.faults.add({ method: 'POST', path: '/api/2.0/authentication', sequence: [{ kind: 'delay', ms: 2_000 }] });
    const error = await leaks.rejection(env.auth({ timeoutMs: 100 }).login(alice));
    expect(error).toMatchObject({ code: 'timeout' });
  });

  it('aborted: the caller cancels a sign-in', async () => {
    const emulator = await env.start();
    emulator.faults.add({ method: 'POST', path: '/api/2.0/authentication', sequence: [{ kind: 'delay', ms: 2_000 }] });
    const controller = new AbortController();
    const pending = env.auth().login({ ...alice, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await leaks.rejection(pending)).toMatchObject({ code: 'aborted' });
  });
});

describe('session errors', () => {
  it('not_signed_in: an authorised call with no session and no credentials()', async () => {
    await env.start();
    const auth = env.auth();
    const result = await getSelfProfile({ client: auth.client });
    leaks.record(result.error);
    expect(result.error).toMatchObject({ code: 'not_signed_in' });
    expect(env.count('GET', /people/)).toBe(0);
  });

  it('session_expired: the portal rejects the token and there are no credentials; the store forgets it', async () => {
    const emulator = await env.start();
    const auth = env.auth();
    leaks.secret((await auth.login(alice)).token);
    emulator.revokeTokens();
    const result = await getSelfProfile({ client: auth.client });
    leaks.record(result.error);
    expect(result.error).toMatchObject({ code: 'session_expired', status: 401 });
    expect(await auth.session()).toBeNull();
    expect(auth.events.map((e) => e.type)).toContain('session-expired');
  });
});

describe('authorised calls made by the helper map answers like sign-in does', () => {
  it('isAuthenticated: a 503 after the retries is server_error, not a protocol error', async () => {
    const emulator = await env.start();
    const auth = env.auth({ retry: false });
    leaks.secret((await auth.login(alice)).token);
    emulator.faults.add({
      method: 'GET',
      path: '/api/2.0/authentication',
      sequence: [{ kind: 'proxy-error', status: 503 }],
    });
    expect(await leaks.rejection(auth.isAuthenticated())).toMatchObject({ code: 'server_error', status: 503 });
    expect(await auth.session()).not.toBeNull();
  });

  it('logout: a 429 is rate_limited with the hint, and the session is forgotten here all the same', async () => {
    const emulator = await env.start();
    const auth = env.auth({ retry: false });
    leaks.secret((await auth.login(alice)).token);
    emulator.faults.add({
      method: 'POST',
      path: '/api/2.0/authentication/logout',
      sequence: [{ kind: 'rate-limit', retryAfterSeconds: 5 }],
    });
    const error = await leaks.rejection(auth.logout());
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 5_000 });
    expect((error as Error).message).toMatch(/^signed out here/);
    expect(await auth.session()).toBeNull();
  });
});

describe('bad input and unsafe set-ups', () => {
  it.each([
    ['an empty user name', { userName: ' ', password: 'p-password' }],
    ['an empty password', { userName: 'alice@example.com', password: '' }],
    ['an empty code', { userName: 'alice@example.com', password: 'p-password', code: ' ' }],
  ])('invalid_input: %s, and nothing is sent', async (_label, input) => {
    await env.start();
    const error = await leaks.rejection(env.auth().login(input));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(env.emulator.requests).toHaveLength(0);
  });

  it('invalid_input: a TOTP secret that is not Base32 (the secret is not echoed)', async () => {
    await env.start();
    const secret = 'not!base32!secret';
    leaks.secret(secret);
    const error = await leaks.rejection(
      env.auth({ totpSecret: secret }).login({ userName: 'bob@example.com', password: PASSWORDS.bob }),
    );
    expect(error).toMatchObject({ code: 'invalid_input' });
  });

  it.each([
    ['no URL', ''],
    ['not a URL', 'portal'],
    ['another scheme', 'ftp://portal.example.com'],
    ['credentials in the URL', 'https://user:pass@portal.example.com'],
  ])('invalid_input: baseUrl with %s', (_label, baseUrl) => {
    const error = (() => {
      try {
        createDocSpaceAuth({ baseUrl });
      } catch (e) {
        leaks.record(e);
        return e;
      }
    })();
    expect(error).toMatchObject({ code: 'invalid_input' });
  });

  it('insecure_transport: plain http to a host that is not loopback, unless allowed', () => {
    expect(() => createDocSpaceAuth({ baseUrl: 'http://portal.example.com' })).toThrow(
      expect.objectContaining({ code: 'insecure_transport' }),
    );
    expect(createDocSpaceAuth({ baseUrl: 'http://portal.example.com', allowInsecureHttp: true }).portal).toBe(
      'http://portal.example.com',
    );
    for (const host of ['127.0.0.1:8080', 'localhost', '[::1]:9', '127.1.2.3']) {
      expect(createDocSpaceAuth({ baseUrl: `http://${host}` }).portal).toBe(`http://${host}`);
    }
  });
});

describe('the error class', () => {
  it('has a stable code, a guard that works across copies, and a secret-free toJSON', () => {
    const error = new DocSpaceAuthError('blocked', 'too many attempts', {
      status: 403,
      retryAfterMs: 60_000,
      cause: new Error('inner'),
    });
    expect(isDocSpaceAuthError(error)).toBe(true);
    expect(isDocSpaceAuthError(error, 'blocked', 'rate_limited')).toBe(true);
    expect(isDocSpaceAuthError(error, 'network')).toBe(false);
    expect(isDocSpaceAuthError(new Error('x'))).toBe(false);
    expect(isDocSpaceAuthError({ code: 'blocked' })).toBe(false);
    expect(error.toJSON()).toEqual({
      name: 'DocSpaceAuthError',
      code: 'blocked',
      message: 'too many attempts',
      status: 403,
      retryAfterMs: 60_000,
      serverMessage: undefined,
    });
  });
});
