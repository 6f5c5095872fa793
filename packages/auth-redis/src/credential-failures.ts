// The credentials circuit's memory of refusals (auth-helpers' CredentialFailureMemory) on Redis, so that a refusal
// one process saw keeps every process from sending the same credentials (createDocSpaceAuth's credentialsCircuit).
import type { CredentialFailureMemory } from '@docspace/auth-helpers';
import type { Connection } from './connection.js';
import type { RedisKeys } from './keys.js';

export function createRedisCredentialFailures(redis: Connection, keys: RedisKeys): CredentialFailureMemory {
  return {
    async get(key) {
      const value = await redis.get(keys.refused(key));
      const refusedAt = value === null ? Number.NaN : Number(value);
      return Number.isFinite(refusedAt) ? refusedAt : null;
    },
    async set(key, refusedAt, ttlMs) {
      await redis.setPx(keys.refused(key), String(refusedAt), Math.max(1, Math.ceil(ttlMs)));
    },
  };
}
