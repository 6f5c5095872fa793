// The credentials circuit against the emulator: a password changed elsewhere costs exactly one failed sign-in, however
// many calls follow, sequential or concurrent; new credentials, or the end of the cool-down, close it again.
import { createHash, pbkdf2Sync } from 'node:crypto';
import { getSelfProfile } from '@docspace/auth-client';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryCredentialFailures } from '../src/credentials-circuit.js';
import { isDocSpaceAuthError } from '../src/index.js';
import { LeakCheck, LOGIN, useEmulator } from './support/harness.js';

const leaks = new LeakCheck();
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

const ALICE = 'alice@example.com';

/** Signed in as alice with `credentials()`; then the password changes at the portal and every token is revoked. */
async function staleCredentials(options: Parameters<typeof env.auth>[0] = {}) {
  const emulator = await env.start();
  let password = 'alice-password';
  const auth = env.auth({ credentials: () => ({ userName: ALICE, password }), ...options });
  leaks.secret((await auth.login({ userName: ALICE, password })).token);
  emulator.users.update(ALICE, { password: 'changed-elsewhere' });
  leaks.secret('changed-elsewhere');
  emulator.revokeTokens();
  const failedSignIns = () =>
    emulator.requests.filter((r) => r.method === 'POST' && LOGIN.test(r.path) && r.status === 401).length;
  return { emulator, auth, failedSignIns, setPassword: (value: string) => void (password = value) };
}

async function call(auth: Awaited<ReturnType<typeof staleCredentials>>['auth']) {
  const result = await getSelfProfile({ client: auth.client });
  leaks.record(result.error);
  return result.error;
}

describe('a stale password in credentials()', () => {
  it('100 sequential and then 100 concurrent calls make exactly 1 failed sign-in; each gets invalid_credentials', async () => {
    const { auth, failedSignIns } = await staleCredentials();
    for (let i = 0; i < 100; i++) {
      expect(isDocSpaceAuthError(await call(auth), 'invalid_credentials')).toBe(true);
    }
    const concurrent = await Promise.all(Array.from({ length: 100 }, () => call(auth)));
    expect(concurrent.every((error) => isDocSpaceAuthError(error, 'invalid_credentials'))).toBe(true);
    expect(failedSignIns()).toBe(1);
    // The refusal says when the credentials will be tried again.
    expect((concurrent[0] as { retryAfterMs?: number }).retryAfterMs).toBeGreaterThan(0);
  }, 60_000);

  it('100 concurrent calls first: exactly 1 failed sign-in', async () => {
    const { auth, failedSignIns } = await staleCredentials();
    const errors = await Promise.all(Array.from({ length: 100 }, () => call(auth)));
    expect(errors.every((error) => isDocSpaceAuthError(error, 'invalid_credentials'))).toBe(true);
    expect(failedSignIns()).toBe(1);
  }, 60_000);

  it('another instance in the same process does not try the refused password either', async () => {
    const { emulator, auth, failedSignIns } = await staleCredentials();
    await call(auth);
    const second = env.auth({ credentials: () => ({ userName: ALICE, password: 'alice-password' }) });
    const error = await leaks.rejection(getSelfProfile({ client: second.client, throwOnError: true }));
    expect(isDocSpaceAuthError(error, 'invalid_credentials')).toBe(true);
    expect(failedSignIns()).toBe(1);
    expect(emulator.requests.length).toBeGreaterThan(0);
  });

  it('new credentials are sent at once, and work', async () => {
    const { auth, failedSignIns, setPassword } = await staleCredentials();
    await call(auth);
    setPassword('changed-elsewhere');
    expect(await call(auth)).toBeUndefined();
    expect(failedSignIns()).toBe(1);
  });

  it('after the cool-down the same credentials are tried once more', async () => {
    const { emulator, auth, failedSignIns } = await staleCredentials({ credentialsCircuit: { coolDownMs: 60_000 } });
    await call(auth);
    await call(auth);
    expect(failedSignIns()).toBe(1);
    emulator.clock.advance(61_000);
    expect(isDocSpaceAuthError(await call(auth), 'invalid_credentials')).toBe(true);
    expect(failedSignIns()).toBe(2);
  });

  it('credentialsCircuit: false sends them every time (the old behaviour)', async () => {
    const { auth, failedSignIns } = await staleCredentials({ credentialsCircuit: false });
    await call(auth);
    await call(auth);
    expect(failedSignIns()).toBe(2);
  });

  it('a memory passed in is where refusals are kept (shared with another instance), and one that fails is ignored', async () => {
    const memory = memoryCredentialFailures();
    const { auth, failedSignIns } = await staleCredentials({ credentialsCircuit: { memory } });
    await call(auth);
    const other = env.auth({
      credentials: () => ({ userName: ALICE, password: 'alice-password' }),
      credentialsCircuit: { memory },
    });
    expect(isDocSpaceAuthError(await call(other), 'invalid_credentials')).toBe(true);
    expect(failedSignIns()).toBe(1);

    const broken = {
      get: () => Promise.reject(new Error('memory down')),
      set: () => {
        throw new Error('memory down');
      },
    };
    const third = env.auth({
      credentials: () => ({ userName: ALICE, password: 'alice-password' }),
      credentialsCircuit: { memory: broken },
    });
    expect(isDocSpaceAuthError(await call(third), 'invalid_credentials')).toBe(true);
    expect(failedSignIns()).toBe(2);
  });

  it('a memory is handed a salted PBKDF2 fingerprint of the password, never a quick digest of it', async () => {
    const keys: string[] = [];
    const inner = memoryCredentialFailures();
    const recording = {
      get: (key: string) => (keys.push(key), inner.get(key)),
      set: (key: string, refusedAt: number, ttlMs: number) => (keys.push(key), inner.set(key, refusedAt, ttlMs)),
    };
    const { emulator, auth, failedSignIns } = await staleCredentials({ credentialsCircuit: { memory: recording } });
    await call(auth);
    await call(auth);
    expect(failedSignIns()).toBe(1);
    const portal = emulator.url.replace(/\/$/, '');
    const secret = 'alice-password\u0000';
    const quick = createHash('sha256').update(`${portal}\u0000${ALICE}\u0000${secret}`).digest('hex');
    const plain = createHash('sha256').update('alice-password').digest('hex');
    const slow = pbkdf2Sync(
      secret,
      `docspace-auth/credential-fingerprint:${portal}\u0000${ALICE}`,
      100_000,
      32,
      'sha256',
    ).toString('hex');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toContain('alice-password');
      expect(key).not.toContain(quick);
      expect(key).not.toContain(plain);
      expect(key.endsWith(`:${slow}`)).toBe(true);
    }
  });
});
