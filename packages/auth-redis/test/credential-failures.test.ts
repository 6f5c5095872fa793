// The credentials circuit's memory on a real redis-server: a refusal seen by one instance (its own connection, as in
// another process) keeps another from sending the same password; new credentials go through.
import { getSelfProfile } from '@docspace/auth-client';
import { createDocSpaceAuth, isDocSpaceAuthError } from '@docspace/auth-helpers';
import { startEmulator } from '@docspace/emulator';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { redisSession } from '../src/index.js';
import { type RedisServer, startRedis } from './support/redis-server.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.dispose());

it('a refusal remembered in Redis stops another instance without asking the portal', async () => {
  const emulator = await startEmulator();
  const clients = [new Redis(redis.url), new Redis(redis.url)];
  const sessions = clients.map((client) => redisSession({ client }));
  let password = 'wrong-password';
  const auths = sessions.map((fleet) =>
    createDocSpaceAuth({
      baseUrl: emulator.url,
      credentials: () => ({ userName: 'alice@example.com', password }),
      credentialsCircuit: { memory: fleet.credentialFailures },
    }),
  );
  try {
    const signIns = () =>
      emulator.requests.filter((r) => r.method === 'POST' && r.path === '/api/2.0/authentication').length;
    const first = await getSelfProfile({ client: auths[0]!.client });
    expect(isDocSpaceAuthError(first.error, 'invalid_credentials')).toBe(true);
    expect(signIns()).toBe(1);
    expect(await clients[0]!.keys('docspace-auth:refused:*')).toHaveLength(1);
    expect(await clients[0]!.pttl((await clients[0]!.keys('docspace-auth:refused:*'))[0]!)).toBeGreaterThan(0);

    const second = await getSelfProfile({ client: auths[1]!.client });
    expect(isDocSpaceAuthError(second.error, 'invalid_credentials')).toBe(true);
    expect(signIns()).toBe(1);

    password = 'alice-password';
    expect((await getSelfProfile({ client: auths[1]!.client })).response?.status).toBe(200);
    expect(signIns()).toBe(2);
  } finally {
    for (const auth of auths) auth.dispose();
    for (const fleet of sessions) await fleet.close();
    for (const client of clients) client.disconnect();
    await emulator.close();
  }
});
