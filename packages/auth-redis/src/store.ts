// The session store on Redis: one key per store key, a versioned JSON envelope (the session sealed with AES-GCM
// when there is an encryption key), a TTL on every entry, and writes fenced by the sign-in lease.
import type { SessionStore, StoredSession } from '@docspace/auth-helpers';
import { readStoredSession } from '@docspace/auth-helpers/file-store';
import type { Connection } from './connection.js';
import type { Cipher, Sealed } from './encryption.js';
import type { RedisKeys } from './keys.js';
import { FENCED_SET } from './scripts.js';

/** The JSON each session key holds. */
interface Envelope {
  format: 'docspace-auth/session';
  version: 1;
  session?: StoredSession;
  sealed?: Sealed;
}

export interface StoreContext {
  redis: Connection;
  keys: RedisKeys;
  cipher: Cipher | undefined;
  /** TTL of a session the portal gave no expiry. */
  sessionTtlMs: number;
  report: (message: string) => void;
}

/** How long a session is kept: until its token expires (and a minute), else `sessionTtlMs`. */
export function ttlOf(session: StoredSession, sessionTtlMs: number, now = Date.now()): number {
  if (session.expires === null) return sessionTtlMs;
  return Math.max(1_000, Date.parse(session.expires) - now + 60_000);
}

export function createRedisStore({ redis, keys, cipher, sessionTtlMs, report }: StoreContext): SessionStore {
  async function encode(redisKey: string, session: StoredSession): Promise<string> {
    const envelope: Envelope = cipher
      ? { format: 'docspace-auth/session', version: 1, sealed: await cipher.seal(JSON.stringify(session), redisKey) }
      : { format: 'docspace-auth/session', version: 1, session };
    return JSON.stringify(envelope);
  }

  async function decode(redisKey: string, text: string): Promise<StoredSession | null> {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      report(`${redisKey} is not JSON; it is read as missing`);
      return null;
    }
    if (envelope?.format !== 'docspace-auth/session' || envelope.version !== 1) {
      report(`${redisKey} is not a docspace-auth session; it is read as missing`);
      return null;
    }
    let value: unknown = envelope.session;
    if (envelope.sealed) {
      if (!cipher) {
        report(`${redisKey} is encrypted and no encryptionKey is set; it is read as missing`);
        return null;
      }
      const plain = await cipher.open(envelope.sealed, redisKey);
      if (plain === undefined) {
        report(`${redisKey} does not decrypt with this encryptionKey; it is read as missing`);
        return null;
      }
      value = JSON.parse(plain);
    } else if (cipher) {
      report(`${redisKey} is not encrypted; with an encryptionKey it is read as missing`);
      return null;
    }
    return readStoredSession(value) ? (value as StoredSession) : null;
  }

  return {
    async get(key) {
      const redisKey = keys.session(key);
      const text = await redis.get(redisKey);
      return text === null ? null : decode(redisKey, text);
    },
    async set(key, session, options) {
      const redisKey = keys.session(key);
      const value = await encode(redisKey, session);
      const ttl = ttlOf(session, sessionTtlMs);
      if (options?.fence === undefined) {
        await redis.setPx(redisKey, value, ttl);
        return;
      }
      const written = await redis.run(FENCED_SET, [redisKey, keys.fence(key)], [value, ttl, options.fence]);
      if (written !== 1) throw new Error(`not stored: a later sign-in (after lease ${options.fence}) replaces it`);
    },
    async delete(key) {
      await redis.del(keys.session(key));
    },
  };
}
