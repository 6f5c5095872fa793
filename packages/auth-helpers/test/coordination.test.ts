// Sign-ins shared among processes (coordinated-sign-in.ts) through the file coordinator (file-coordinator.ts): several
// DocSpaceAuth instances in this process, each with its own single flight, and separate Node processes, against
// the emulator, which counts the sign-ins.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getSelfProfile } from '@docspace/auth-client';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileCoordinator, fileStore } from '../src/file-store.js';
import {
  type DocSpaceAuthEvent,
  type DocSpaceAuthOptions,
  isDocSpaceAuthError,
  type SignInCoordinator,
} from '../src/index.js';
import { sessionKey } from '../src/stored-session.js';
import { LeakCheck, LOGIN, PASSWORDS, useEmulator } from './support/harness.js';

const run = promisify(execFile);
const child = new URL('./support/child.mjs', import.meta.url).pathname;
const leaks = new LeakCheck();
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docspace-auth-coordination-'));
  file = join(dir, 'sessions.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const alice = { userName: 'alice@example.com', password: PASSWORDS.alice };
const signIns = (status?: number) =>
  env.emulator.requests.filter(
    (r) => r.method === 'POST' && LOGIN.test(r.path) && (status === undefined || r.status === status),
  );

/** `count` instances sharing the session file and its coordinator, each signing in with `password()`. */
function instances(
  count: number,
  password: () => string = () => alice.password,
  path = file,
  options: Partial<DocSpaceAuthOptions> = {},
) {
  return Array.from({ length: count }, () =>
    env.auth({
      store: fileStore(path),
      coordinator: fileCoordinator(path, { pollMs: 20 }),
      leaseMs: 2_000,
      credentials: () => ({ userName: alice.userName, password: password() }),
      ...options,
    }),
  );
}

/** `n` concurrent authorised calls on every instance: the failure codes. */
async function calls(auths: ReturnType<typeof instances>, n: number): Promise<string[]> {
  const results = await Promise.all(
    auths.flatMap((auth) => Array.from({ length: n }, () => getSelfProfile({ client: auth.client }))),
  );
  for (const result of results) if (result.error !== undefined) leaks.record(result.error);
  return results.flatMap((r) =>
    r.response?.status === 200 ? [] : [isDocSpaceAuthError(r.error) ? r.error.code : `HTTP ${r.response?.status}`],
  );
}

const types = (events: DocSpaceAuthEvent[]) => events.map((e) => e.type);

describe('instances sharing a session file and its coordinator', () => {
  it('sign in once for all, and once again for all after the portal revokes the token', async () => {
    await env.start();
    const auths = instances(5);
    expect(await calls(auths, 10)).toEqual([]);
    expect(signIns()).toHaveLength(1);
    expect(auths.filter((a) => types(a.events).includes('session-adopted')).length).toBeGreaterThanOrEqual(1);

    env.emulator.revokeTokens('alice');
    env.emulator.clearRequests();
    expect(await calls(auths, 10)).toEqual([]);
    expect(signIns()).toHaveLength(1);
  });

  it('after a refused password: one failed sign-in, then invalid_credentials for all without asking the portal', async () => {
    await env.start();
    let password: string = alice.password;
    const auths = instances(5, () => password);
    expect(await calls(auths, 2)).toEqual([]);

    env.emulator.users.update('alice', { password: 'changed-password' });
    env.emulator.revokeTokens('alice');
    env.emulator.clearRequests();
    const codes = await calls(auths, 10);
    expect(codes).toHaveLength(50);
    expect(new Set(codes)).toEqual(new Set(['invalid_credentials']));
    expect(signIns(401)).toHaveLength(1);

    // A new instance without this process's memory of refusals (as in another process) asks nobody either.
    const late = instances(1, () => password, file, { credentialsCircuit: false });
    expect(new Set(await calls(late, 3))).toEqual(new Set(['invalid_credentials']));
    expect(signIns()).toHaveLength(1);

    password = 'changed-password';
    expect(await calls([...auths, ...late], 2)).toEqual([]);
    expect(signIns(200)).toHaveLength(1);
  });

  it("pass another process's failure on to the ones that waited for it", async () => {
    await env.start();
    const auths = instances(4);
    // The holder's sign-in: a 429 (retried after 3 s, while the others wait), then a 500. The wait is long enough for
    // every instance to have asked for the lease and be waiting, even on a loaded machine: one that came after the
    // failure was published would rightly sign in itself.
    env.emulator.faults.add({
      method: 'POST',
      path: '/api/2.0/authentication',
      sequence: [
        { kind: 'rate-limit', retryAfterSeconds: 3 },
        { kind: 'proxy-error', status: 500 },
      ],
    });
    const codes = await calls(auths, 3);
    expect(new Set(codes)).toEqual(new Set(['server_error']));
    expect(signIns().map((r) => r.status)).toEqual([429, 500]);
    const waited = auths.flatMap((a) => a.events).filter((e) => e.type === 'signed-in');
    expect(waited).toEqual([]);
  });

  it('follow a sign-in and a sign-out made by another instance', async () => {
    await env.start();
    const [first, second] = instances(2);
    expect(await calls([first!, second!], 1)).toEqual([]);
    const before = await second!.session();
    await first!.login(alice);
    await expect.poll(async () => (await second!.session())?.token, { timeout: 3_000 }).not.toBe(before?.token);
    expect((await second!.session())?.token).toBe((await first!.session())?.token);
    await first!.logout();
    await expect.poll(() => second!.session(), { timeout: 3_000 }).toBeNull();
  });

  it('sign in on their own, and say so, when the coordinator cannot work', async () => {
    await env.start();
    await writeFile(join(dir, 'blocker'), 'a file where the coordinator wants a folder');
    const broken = join(dir, 'blocker', 'sessions.json');
    const auths = instances(3, undefined, broken);
    expect(await calls(auths, 2)).toEqual([]);
    expect(signIns()).toHaveLength(3);
    for (const auth of auths) {
      expect(auth.events.some((e) => e.type === 'coordination-error')).toBe(true);
      expect(types(auth.events)).toContain('signed-in');
    }

    // The coordinator works again: one sign-in for all, and they say so.
    await rm(join(dir, 'blocker'));
    env.emulator.revokeTokens('alice');
    env.emulator.clearRequests();
    expect(await calls(auths, 2)).toEqual([]);
    expect(signIns()).toHaveLength(1);
    expect(auths.some((auth) => types(auth.events).includes('coordination-restored'))).toBe(true);
  });
});

describe('processes sharing a session file', () => {
  it('sign in once for four processes after a revocation', async () => {
    const emulator = await env.start();
    const one = await run(process.execPath, [child, 'calls', emulator.url, file, alice.userName, alice.password, '5']);
    expect(JSON.parse(one.stdout)).toEqual({ ok: 5, failures: [] });
    emulator.revokeTokens('alice');
    emulator.clearRequests();
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () =>
        run(process.execPath, [child, 'calls', emulator.url, file, alice.userName, alice.password, '10']),
      ),
    );
    for (const { stdout } of outputs) expect(JSON.parse(stdout)).toEqual({ ok: 10, failures: [] });
    expect(signIns()).toHaveLength(1);
  }, 60_000); // five Node processes start on a shared machine

  it('take over from a lease holder that was killed, once its lease goes stale', async () => {
    await env.start();
    const holder = spawn(process.execPath, [child, 'hold', file, sessionKey(env.emulator.url, alice.userName)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) =>
      holder.stdout.once('data', (text) => (String(text).includes('held') ? resolve() : undefined)),
    );
    const killedAt = Date.now();
    process.kill(holder.pid!, 'SIGKILL');
    const auths = instances(3);
    expect(await calls(auths, 5)).toEqual([]);
    expect(signIns()).toHaveLength(1);
    // proper-lockfile's stale time (2 s) plus a second.
    expect(signIns()[0]!.timestamp - killedAt).toBeLessThanOrEqual(3_000);
  }, 60_000);
});

describe('waiting for another process', () => {
  it('ends with a timeout error after the call timeout, not when the lease ends', async () => {
    await env.start();
    const coordinator = fileCoordinator(file, { pollMs: 20 });
    const attempt = await coordinator.acquire(sessionKey(env.emulator.url, alice.userName), 5_000);
    if (!('lease' in attempt)) throw new Error('the lease should be free');
    const [auth] = instances(1).map(() =>
      env.auth({
        store: fileStore(file),
        coordinator: fileCoordinator(file, { pollMs: 20 }),
        timeoutMs: 400,
        credentials: () => alice,
      }),
    );
    const started = Date.now();
    expect(await calls([auth!], 2)).toEqual(['timeout', 'timeout']);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(signIns()).toHaveLength(0);
    await attempt.lease.release({ ok: false, fence: attempt.lease.fence, code: 'rate_limited', message: 'slow down' });
    // The lease is free again: this instance signs in itself.
    expect(await calls([auth!], 1)).toEqual([]);
    expect(signIns()).toHaveLength(1);
  });

  it('gets the error of the process it waited for', async () => {
    await env.start();
    const coordinator = fileCoordinator(file, { pollMs: 20 });
    const attempt = await coordinator.acquire(sessionKey(env.emulator.url, alice.userName), 5_000);
    if (!('lease' in attempt)) throw new Error('the lease should be free');
    // The lease is released once this instance has found it taken (not after a fixed pause: on a loaded machine
    // the instance may not have asked yet, and would then sign in itself).
    let foundTaken!: () => void;
    const askedForLease = new Promise<void>((resolve) => {
      foundTaken = resolve;
    });
    const inner = fileCoordinator(file, { pollMs: 20 });
    const watched: SignInCoordinator = {
      ...inner,
      acquire: async (subject, leaseMs) => {
        const result = await inner.acquire(subject, leaseMs);
        foundTaken();
        return result;
      },
    };
    const [auth] = instances(1, undefined, file, { coordinator: watched });
    const pending = calls([auth!], 3);
    await askedForLease;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await attempt.lease.release({
      ok: false,
      fence: attempt.lease.fence,
      code: 'rate_limited',
      message: 'slow down',
      retryAfterMs: 1_000,
    });
    expect(await pending).toEqual(['rate_limited', 'rate_limited', 'rate_limited']);
    expect(signIns()).toHaveLength(0);
    expect(await attempt.lease.extend()).toBe(false);
  });
});
