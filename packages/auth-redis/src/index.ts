/**
 * `@docspace/auth-redis`: one sign-in for a whole fleet. A Redis session store and sign-in coordinator for
 * `createDocSpaceAuth` of `@docspace/auth-helpers`: processes on any number of machines share one session per user,
 * one process signs in when it is needed, the others wait for its session (or its error), and credentials the
 * portal refused are not tried again by anyone until they change.
 *
 * @packageDocumentation
 */
import type { CredentialFailureMemory, SessionStore, SignInCoordinator } from '@docspace/auth-helpers';
import { connection, type RedisClient } from './connection.js';
import { createRedisCoordinator } from './coordinator.js';
import { createRedisCredentialFailures } from './credential-failures.js';
import { createCipher, type EncryptionKey } from './encryption.js';
import { DEFAULT_PREFIX, redisKeys } from './keys.js';
import { createRedisStore } from './store.js';

export type { RedisClient } from './connection.js';
export type { EncryptionKey } from './encryption.js';
export { DEFAULT_PREFIX, redisKeys, type RedisKeys } from './keys.js';
export { RedisTimeoutError } from './utils/with-timeout.js';

/** Options of {@link redisSession}. Only `client` is required. */
export interface RedisSessionOptions {
  /** An ioredis connection: `new Redis(...)` (one server, or Sentinel) or `new Cluster(...)`. It stays yours. */
  client: RedisClient;
  /**
   * The connection that subscribes to notices. Default: `client.duplicate()`, made at first use and closed by
   * `close()`.
   */
  subscriber?: RedisClient;
  /** Prefix of every key and of the channel. Default `'docspace-auth:'`. */
  prefix?: string;
  /** Encrypts stored sessions with AES-256-GCM: a WebCrypto `CryptoKey`, or 32 random bytes. Default: none. */
  encryptionKey?: EncryptionKey;
  /** The longest wait for one Redis command; past it the SDK carries on without Redis. Default 1 000 ms. */
  commandTimeoutMs?: number;
  /** TTL of a session with no expiry (a `session: true` sign-in). Default 30 days. */
  sessionTtlMs?: number;
  /** How often a waiting process looks for an outcome when no message came. Default 250 ms. */
  pollMs?: number;
  /** Told when an entry cannot be read (not JSON, not a session, does not decrypt); it is then read as missing. */
  onError?: (message: string) => void;
}

/** What {@link redisSession} returns: pass `store` and `coordinator` to `createDocSpaceAuth`. */
export interface RedisSession {
  store: SessionStore;
  coordinator: SignInCoordinator;
  /**
   * The credentials circuit's memory on Redis: `credentialsCircuit: { memory: fleet.credentialFailures }` makes a
   * refusal seen by one process stop every process (also without the coordinator).
   */
  credentialFailures: CredentialFailureMemory;
  /** Stops listening for notices (and closes the subscriber connection it made). The `client` stays open. */
  close(): Promise<void>;
}

/**
 * A session store and a sign-in coordinator on one Redis.
 *
 * @example
 * ```ts
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
 * const fleet = redisSession({ client: redis });
 * const auth = createDocSpaceAuth({ baseUrl, store: fleet.store, coordinator: fleet.coordinator, credentials });
 * ```
 */
export function redisSession(options: RedisSessionOptions): RedisSession {
  if (!options?.client || typeof options.client.evalsha !== 'function') {
    throw new TypeError('redisSession: `client` must be an ioredis Redis or Cluster connection');
  }
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const keys = redisKeys(prefix);
  const redis = connection(options.client, options.commandTimeoutMs ?? 1_000);
  const report = (message: string) => options.onError?.(message);
  let ownSubscriber: RedisClient | undefined;
  const subscriber = (): RedisClient => {
    if (options.subscriber) return options.subscriber;
    ownSubscriber ??= (options.client as { duplicate(): RedisClient }).duplicate();
    return ownSubscriber;
  };

  const coordinator = createRedisCoordinator({
    redis,
    keys,
    subscriber,
    pollMs: options.pollMs ?? 250,
    outcomeTtlMs: 60_000,
    fenceTtlMs: 7 * 24 * 3_600_000,
  });
  const store = createRedisStore({
    redis,
    keys,
    cipher: options.encryptionKey ? createCipher(options.encryptionKey) : undefined,
    sessionTtlMs: options.sessionTtlMs ?? 30 * 24 * 3_600_000,
    report,
  });
  const { close: stopListening, ...sharedCoordinator } = coordinator;
  return {
    store,
    coordinator: sharedCoordinator,
    credentialFailures: createRedisCredentialFailures(redis, keys),
    async close() {
      await stopListening();
      const own = ownSubscriber;
      ownSubscriber = undefined;
      own?.disconnect();
    },
  };
}
