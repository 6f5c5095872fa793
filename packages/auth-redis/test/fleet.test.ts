// Many processes, one account: 20 separate Node processes (worker.mjs) share one Redis (a real redis-server) and
// sign in to one emulator, which counts the sign-ins.
import { type Emulator, startEmulator } from '@docspace/emulator';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type WorkerConfig } from './support/fleet.js';
import { type RedisServer, startRedis } from './support/redis-server.js';

const SIGN_IN = /^\/api\/2\.0\/authentication$/;
const alice = { userName: 'alice@example.com', password: 'alice-password' };

let redis: RedisServer;
let admin: Redis;
let emulator: Emulator;
let fleet: Awaited<ReturnType<typeof startFleet>> | undefined;

beforeAll(async () => {
  redis = await startRedis();
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  admin.on('error', () => undefined);
});
afterAll(async () => {
  admin.disconnect();
  await redis.dispose();
});
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
  await emulator?.close();
  await admin.flushall().catch(() => undefined);
});

const signIns = (status?: number) =>
  emulator.requests.filter(
    (r) => r.method === 'POST' && SIGN_IN.test(r.path) && (status === undefined || r.status === status),
  );

async function fleetOf(
  count: number,
  config: Partial<WorkerConfig> = {},
  onSigningIn?: Parameters<typeof startFleet>[2],
) {
  emulator = await startEmulator();
  fleet = await startFleet(count, { portal: emulator.url, redisUrl: redis.url, ...alice, ...config }, onSigningIn);
  return fleet;
}

describe('a fleet of 20 processes', () => {
  it('signs in once for all, and once again for all after the token is revoked at the portal: no call lost', async () => {
    const { calls } = await fleetOf(20);
    const first = await calls(5);
    expect(first.flatMap((r) => r.failures)).toEqual([]);
    expect(signIns()).toHaveLength(1);

    emulator.revokeTokens('alice');
    emulator.clearRequests();
    const results = await calls(50);
    expect(results.flatMap((r) => r.failures)).toEqual([]);
    expect(results.reduce((sum, r) => sum + r.ok, 0)).toBe(1000);
    expect(signIns()).toHaveLength(1);
  });

  it('with a changed password: one refused sign-in, then invalid_credentials everywhere without asking the portal', async () => {
    const { calls, workers } = await fleetOf(20);
    expect((await calls(1)).flatMap((r) => r.failures)).toEqual([]);

    emulator.users.update('alice', { password: 'changed-password' });
    emulator.revokeTokens('alice');
    emulator.clearRequests();
    const refused = await calls(50);
    const codes = refused.flatMap((r) => r.failures);
    expect(codes).toHaveLength(1000);
    expect(new Set(codes)).toEqual(new Set(['invalid_credentials']));
    expect(signIns()).toHaveLength(1);
    expect(signIns(401)).toHaveLength(1);

    // Again: the refusal is remembered; the portal is not asked.
    const again = await calls(10);
    expect(new Set(again.flatMap((r) => r.failures))).toEqual(new Set(['invalid_credentials']));
    expect(signIns()).toHaveLength(1);

    // New credentials: one sign-in, and everyone uses it.
    await Promise.all(workers.map((worker) => worker.request({ cmd: 'password', password: 'changed-password' })));
    const after = await calls(10);
    expect(after.flatMap((r) => r.failures)).toEqual([]);
    expect(signIns(200)).toHaveLength(1);
  });
});

describe('faults', () => {
  it('a lock holder killed mid-sign-in is replaced once its lease ends: exactly one more sign-in', async () => {
    const leaseMs = 2_000;
    let killedAt = 0;
    const { calls } = await fleetOf(8, { leaseMs }, (worker) => {
      // The first process that sends a sign-in holds the lease: kill it while the portal is slow to answer.
      if (killedAt !== 0 || worker.child.pid === undefined) return;
      killedAt = Date.now();
      process.kill(worker.child.pid, 'SIGKILL');
    });
    emulator.faults.add({ method: 'POST', path: '/api/2.0/authentication', sequence: [{ kind: 'delay', ms: 4_000 }] });

    const results = await Promise.allSettled(fleet!.workers.map((worker) => worker.calls(20)));
    const survivors = results.filter((r) => r.status === 'fulfilled');
    expect(survivors).toHaveLength(7);
    for (const r of survivors) expect(r.value.failures).toEqual([]);
    expect(killedAt).toBeGreaterThan(0);
    const completed = signIns(200);
    expect(completed).toHaveLength(1);
    expect(completed[0]!.timestamp - killedAt).toBeLessThanOrEqual(leaseMs + 1_000);
    void calls;
  });

  it('Redis stopped and restarted mid-run: no crash, no call past its timeout, coordination resumes', async () => {
    const timeoutMs = 10_000;
    const { calls, workers } = await fleetOf(20, { timeoutMs });
    expect((await calls(5)).flatMap((r) => r.failures)).toEqual([]);
    expect(signIns()).toHaveLength(1);

    await redis.stop();
    emulator.revokeTokens('alice');
    emulator.clearRequests();
    const during = await calls(20);
    // A call waits at most timeoutMs for its token and timeoutMs for its answer; on a busy machine one may run out.
    for (const r of during) expect(r.maxMs).toBeLessThan(2 * timeoutMs + 1_000);
    const failed = during.flatMap((r) => r.failures);
    expect(failed.filter((code) => code !== 'timeout')).toEqual([]);
    expect(failed.length).toBeLessThan(during.length * 20);
    // Each process signed in on its own (its own single flight still held), and said why.
    expect(signIns().length).toBeGreaterThanOrEqual(1);
    expect(signIns().length).toBeLessThanOrEqual(20);
    const events = await Promise.all(workers.map((w) => w.request<{ events: { type: string }[] }>({ cmd: 'events' })));
    expect(events.some((e) => e.events.some((event) => event.type === 'coordination-error'))).toBe(true);

    await redis.start();
    await admin.ping(); // the server answers again; the workers reconnect within 100 ms
    await new Promise((r) => setTimeout(r, 500));
    emulator.revokeTokens('alice');
    emulator.clearRequests();
    const after = await calls(20);
    expect(after.flatMap((r) => r.failures)).toEqual([]);
    expect(signIns()).toHaveLength(1);
    const later = await Promise.all(workers.map((w) => w.request<{ events: { type: string }[] }>({ cmd: 'events' })));
    expect(later.some((e) => e.events.some((event) => event.type === 'coordination-restored'))).toBe(true);
    for (const { child } of workers) expect(child.exitCode).toBeNull();
  });
});
