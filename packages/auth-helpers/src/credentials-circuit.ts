// The credentials circuit: once the portal refuses what `credentials()` gives (`invalid_credentials`), the same input
// is not sent again until it changes or a cool-down passes. A stale password in a long-running program then costs
// one failed sign-in, not one per call (five a minute get the account blocked for everyone). Every caller after the
// refusal, concurrent or sequential, gets the typed error at once. Where refusals are remembered is an interface
// (`CredentialFailureMemory`): in this process by default, shareable across processes by a coordinator.
import { DocSpaceAuthError, isDocSpaceAuthError } from '@docspace/auth-client/errors';
import type { LoginInput } from './login-types.js';
import type { MaybePromise } from './stores/types.js';
import { credentialFingerprint } from './utils/credential-fingerprint.js';

/**
 * Where refused credentials are remembered. Keys are opaque (the portal, the user and a salted PBKDF2 fingerprint of the
 * password and TOTP secret; never the password itself); values are the time of the refusal (ms since the epoch).
 * Methods may be synchronous or asynchronous; a memory that fails is ignored (the circuit then stays closed).
 */
export interface CredentialFailureMemory {
  /** When the credentials of `key` were refused, or `null`/`undefined` when they were not (or it was forgotten). */
  get(key: string): MaybePromise<number | null | undefined>;
  /** Remembers a refusal at `refusedAt`; it may be forgotten after `ttlMs`. */
  set(key: string, refusedAt: number, ttlMs: number): MaybePromise<void>;
}

/** Options of the circuit (`createDocSpaceAuth({ credentialsCircuit })`). */
export interface CredentialsCircuitOptions {
  /** How long refused credentials are not sent again. Default 300 000 ms (5 minutes). */
  coolDownMs?: number;
  /** Where refusals are kept. Default: one memory for the whole process, shared by every instance. */
  memory?: CredentialFailureMemory;
}

/** A memory in this process, bounded: refusals are dropped after their time to live, and past 1,000 entries. */
export function memoryCredentialFailures(now: () => number = Date.now): CredentialFailureMemory {
  const entries = new Map<string, { refusedAt: number; until: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry && entry.until <= now()) entries.delete(key);
      return entry && entry.until > now() ? entry.refusedAt : undefined;
    },
    set(key, refusedAt, ttlMs) {
      entries.delete(key);
      entries.set(key, { refusedAt, until: now() + ttlMs });
      if (entries.size > 1000) entries.delete(entries.keys().next().value as string);
    },
  };
}

const processMemory = memoryCredentialFailures();

async function digest(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const hash = new Uint8Array(await subtle.digest('SHA-256', bytes));
    return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  // No WebCrypto (an insecure browser context): FNV-1a, enough to tell a changed password in this process's memory.
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return `fnv-${h.toString(16)}`;
}

/** In this process only: the quick digest of some credentials → their slow fingerprint, so PBKDF2 runs once each. */
const fingerprints = new Map<string, string>();

/**
 * What a memory is given for some credentials: a salted PBKDF2 fingerprint (utils/credential-fingerprint.ts), so a
 * memory kept outside the process (Redis) holds nothing that is a shortcut to the password. Without WebCrypto (an
 * insecure browser context) the memory can only be this process's, and the quick digest is used.
 */
async function refusalFingerprint(portal: string, user: string, secret: string): Promise<string> {
  const quick = await digest(`${portal}\u0000${user}\u0000${secret}`);
  if (!globalThis.crypto?.subtle) return quick;
  let slow = fingerprints.get(quick);
  if (slow === undefined) {
    slow = await credentialFingerprint(`${portal}\u0000${user}`, secret);
    fingerprints.set(quick, slow);
    if (fingerprints.size > 100) fingerprints.delete(fingerprints.keys().next().value as string);
  }
  return slow;
}

/** The circuit of one instance. */
export interface CredentialsCircuit {
  /** Runs `signIn` with `input` from `credentials()`, unless that input was refused within the cool-down. */
  run<T>(input: LoginInput, signIn: () => Promise<T>): Promise<T>;
}

export function credentialsCircuit(
  portal: string,
  options: CredentialsCircuitOptions,
  now: () => number,
): CredentialsCircuit {
  const coolDownMs = options.coolDownMs ?? 300_000;
  const memory = options.memory ?? processMemory;
  const quietly = async <T>(operation: () => MaybePromise<T>): Promise<T | undefined> => {
    try {
      return await operation();
    } catch {
      return undefined; // a memory that fails does not stop a sign-in
    }
  };
  return {
    async run(input, signIn) {
      const user = typeof input?.userName === 'string' ? input.userName.trim().toLowerCase() : '';
      const secret = `${typeof input?.password === 'string' ? input.password : ''}\u0000${input?.totpSecret ?? ''}`;
      const key = `docspace-auth-refused:${portal}:${user}:${await refusalFingerprint(portal, user, secret)}`;
      const refusedAt = await quietly(() => memory.get(key));
      if (typeof refusedAt === 'number' && now() - refusedAt < coolDownMs) {
        const retryAfterMs = Math.max(0, refusedAt + coolDownMs - now());
        throw new DocSpaceAuthError(
          'invalid_credentials',
          `the portal refused these credentials ${Math.round((now() - refusedAt) / 1000)} s ago; they are not sent again until credentials() gives different ones or ${Math.ceil(retryAfterMs / 1000)} s have passed`,
          { retryAfterMs },
        );
      }
      try {
        return await signIn();
      } catch (error) {
        if (isDocSpaceAuthError(error, 'invalid_credentials')) await quietly(() => memory.set(key, now(), coolDownMs));
        throw error;
      }
    },
  };
}
