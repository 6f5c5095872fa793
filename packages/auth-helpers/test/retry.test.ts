// Each retry rule of the loop, driven by the emulator's fault injection. The arithmetic: test/utils/retry-delay.test.ts;
// the table of statuses: test/retry-policy.test.ts.
import { authenticateMe, getIsAuthentificated, getSelfProfile } from '@docspace/auth-client';
import { afterAll, describe, expect, it } from 'vitest';
import { type DocSpaceAuthEventOf, memoryStore } from '../src/index.js';
import { LeakCheck, LOGIN, PASSWORDS, SELF, useEmulator } from './support/harness.js';

const leaks = new LeakCheck();
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

const alice = { userName: 'alice@example.com', password: PASSWORDS.alice };
const retries = (events: { type: string }[]) =>
  events.filter((e) => e.type === 'retry') as DocSpaceAuthEventOf<'retry'>[];

async function signedIn(options = {}) {
  const auth = env.auth(options);
  leaks.secret((await auth.login(alice)).token);
  env.emulator.clearRequests();
  return auth;
}

describe('idempotent calls (GET) are retried', () => {
  it.each([502, 503, 504] as const)('after a proxy %i, then succeed', async (status) => {
    const emulator = await env.start();
    const auth = await signedIn();
    emulator.faults.add({ method: 'GET', path: '/api/2.0/people/@self', sequence: [{ kind: 'proxy-error', status }] });
    const { data, error } = await getSelfProfile({ client: auth.client });
    expect(error).toBeUndefined();
    expect(data?.response?.email).toBe('alice@example.com');
    expect(env.count('GET', SELF)).toBe(2);
    expect(retries(auth.events)).toMatchObject([
      { method: 'GET', path: '/api/2.0/people/@self', attempt: 1, reason: `HTTP ${status}` },
    ]);
  });

  it('after a dropped connection', async () => {
    const emulator = await env.start();
    const auth = await signedIn();
    emulator.faults.add({
      method: 'GET',
      path: '/api/2.0/people/@self',
      sequence: [{ kind: 'drop' }, { kind: 'drop' }],
    });
    const { data } = await getSelfProfile({ client: auth.client });
    expect(data?.response?.email).toBe('alice@example.com');
    expect(retries(auth.events)).toHaveLength(2);
  });

  it('honours Retry-After in seconds on a 429, without jitter', async () => {
    const emulator = await env.start();
    const auth = await signedIn({ retry: { maxRetryAfterMs: 60_000 } });
    emulator.faults.add({
      method: 'GET',
      path: '/api/2.0/authentication',
      sequence: [{ kind: 'rate-limit', retryAfterSeconds: 1, retryAfterFormat: 'seconds' }],
    });
    const { data } = await getIsAuthentificated({ client: auth.client });
    expect(data?.response).toBe(true);
    expect(retries(auth.events)).toMatchObject([{ delayMs: 1000, reason: 'HTTP 429' }]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const emulator = await env.start();
    const auth = await signedIn();
    emulator.faults.add({
      method: 'GET',
      path: '/api/2.0/authentication',
      sequence: [{ kind: 'rate-limit', retryAfterSeconds: 2, retryAfterFormat: 'http-date' }],
    });
    await getIsAuthentificated({ client: auth.client });
    const [retry] = retries(auth.events);
    // An HTTP date has whole seconds: the wait is up to 2 s, and more than 0.
    expect(retry?.delayMs).toBeGreaterThan(0);
    expect(retry?.delayMs).toBeLessThanOrEqual(2000);
  });

  it('clamps a long Retry-After to maxRetryAfterMs', async () => {
    const emulator = await env.start();
    const auth = await signedIn({ retry: { maxRetryAfterMs: 25 } });
    emulator.faults.add({
      method: 'GET',
      path: '/api/2.0/authentication',
      sequence: [{ kind: 'rate-limit', retryAfterSeconds: 3600 }],
    });
    const { data } = await getIsAuthentificated({ client: auth.client });
    expect(data?.response).toBe(true);
    expect(retries(auth.events)).toMatchObject([{ delayMs: 25 }]);
  });

  it('stops after maxAttempts and returns the last answer', async () => {
    const emulator = await env.start();
    const auth = await signedIn({ retry: { maxAttempts: 2, baseDelayMs: 1 } });
    emulator.faults.add({
      method: 'GET',
      path: '/api/2.0/people/@self',
      probability: 1,
      fault: { kind: 'proxy-error', status: 503 },
    });
    const { error, response } = await getSelfProfile({ client: auth.client });
    expect(response?.status).toBe(503);
    expect(error).toBeDefined();
    expect(env.count('GET', SELF)).toBe(2);
  });
});

describe('sign-in POSTs are retried only when the portal provably did not process them', () => {
  it.each([
    ['429', { kind: 'rate-limit', retryAfterSeconds: 0 }],
    ['503', { kind: 'proxy-error', status: 503 }],
  ] as const)('retried after %s; the body is sent again intact', async (_label, fault) => {
    const emulator = await env.start();
    emulator.faults.add({ method: 'POST', path: '/api/2.0/authentication', sequence: [fault] });
    const auth = env.auth();
    const session = await auth.login(alice);
    leaks.secret(session.token);
    expect(env.count('POST', LOGIN)).toBe(2);
    expect(retries(auth.events)).toHaveLength(1);
  });

  it.each([
    ['502', { kind: 'proxy-error', status: 502 }, 'server_error'],
    ['504', { kind: 'proxy-error', status: 504 }, 'server_error'],
    ['a dropped connection', { kind: 'drop' }, 'network'],
  ] as const)('not retried after %s', async (_label, fault, code) => {
    const emulator = await env.start();
    emulator.faults.add({ method: 'POST', path: '/api/2.0/authentication', sequence: [fault] });
    const auth = env.auth();
    expect(await leaks.rejection(auth.login(alice))).toMatchObject({ code });
    expect(env.count('POST', LOGIN)).toBe(1);
    expect(retries(auth.events)).toHaveLength(0);
  });

  it.each([
    ['400', { userName: 'alice@example.com', password: PASSWORDS.alice, confirmData: { email: 'not-an-email' } }, 400],
    ['401', { userName: 'alice@example.com', password: 'wrong-password-x' }, 401],
    ['403', { userName: 'erin@example.com', password: PASSWORDS.erin }, 403],
    ['404', { confirmData: { email: 'nobody@example.com', key: '1.NOTAKEY' } }, 404],
  ])('never retried after %s', async (_label, body, status) => {
    await env.start();
    const auth = env.auth();
    leaks.secret('wrong-password-x');
    const { response } = await authenticateMe({ client: auth.client, body });
    expect(response?.status).toBe(status);
    expect(env.count('POST', LOGIN)).toBe(1);
    expect(retries(auth.events)).toHaveLength(0);
  });
});

describe('cancellation during a backoff wait', () => {
  it('an AbortSignal ends the wait at once', async () => {
    const emulator = await env.start();
    // The timeout is longer than the wait the portal asks for: a longer wait is not taken at all.
    const auth = await signedIn({ timeoutMs: 120_000, retry: { maxRetryAfterMs: 60_000 } });
    emulator.faults.add({
      method: 'GET',
      path: '/api/2.0/authentication',
      sequence: [{ kind: 'rate-limit', retryAfterSeconds: 30 }],
    });
    const controller = new AbortController();
    auth.on('retry', () => controller.abort());
    const pending = getIsAuthentificated({ client: auth.client, signal: controller.signal, throwOnError: true });
    expect(await leaks.rejection(pending)).toMatchObject({ code: 'aborted' });
    expect(emulator.requests.length).toBe(1);
  });

  it('the per-call timeout ends the wait', async () => {
    const emulator = await env.start();
    // Signed in without the short timeout (a loaded machine can take longer than 150 ms to sign in); the instance
    // under test restores that session and makes only the call whose wait the timeout must end. Backoff waits (no
    // Retry-After, which would not be waited for past the timeout) up to a minute, on every attempt: one of them
    // runs into the 150 ms timeout.
    const store = memoryStore();
    await signedIn({ store });
    const auth = env.auth({
      store,
      timeoutMs: 150,
      retry: { maxAttempts: 1000, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    emulator.faults.add({
      method: 'GET',
      path: '/api/2.0/authentication',
      probability: 1,
      fault: { kind: 'proxy-error', status: 503 },
    });
    const pending = getIsAuthentificated({ client: auth.client, throwOnError: true });
    expect(await leaks.rejection(pending)).toMatchObject({ code: 'timeout' });
  });

  it('dispose() ends the wait', async () => {
    const emulator = await env.start();
    const auth = await signedIn({ timeoutMs: 120_000, retry: { maxRetryAfterMs: 60_000 } });
    emulator.faults.add({
      method: 'GET',
      path: '/api/2.0/authentication',
      sequence: [{ kind: 'rate-limit', retryAfterSeconds: 30 }],
    });
    auth.on('retry', () => auth.dispose());
    const pending = getIsAuthentificated({ client: auth.client, throwOnError: true });
    expect(await leaks.rejection(pending)).toMatchObject({ code: 'aborted' });
  });
});
