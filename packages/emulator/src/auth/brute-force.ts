import { createHash } from 'node:crypto';
import type { EmulatorClock } from '../clock.js';

/** Brute-force protection settings (the portal's login settings). */
export interface BruteForceSettings {
  /** Failed attempts allowed within `checkPeriodMs`; the next one blocks. Default 5. */
  attemptCount: number;
  /** Window in which attempts are counted, in ms. Default 60 000. */
  checkPeriodMs: number;
  /** How long a block lasts, in ms. Default 60 000. */
  blockTimeMs: number;
}

/** The server's defaults: 5 attempts per 60 s, blocked for 60 s. */
export const DEFAULT_BRUTE_FORCE: BruteForceSettings = Object.freeze({
  attemptCount: 5,
  checkPeriodMs: 60_000,
  blockTimeMs: 60_000,
});

/** Outcome of registering a password attempt. */
export type Attempt = { blocked: true } | { blocked: false; succeeded(): void };

/**
 * The guard's key of a sign-in name and client address: the name trimmed and lower-cased, the same
 * normalisation as the user lookup (`UserDirectory.bySignInName`), so that every spelling that reaches one
 * account (`' Alice@Example.com '`) shares one counter. The server keys on the lower-cased login; whether it
 * trims first is not documented, but padding must never buy fresh guesses. Hashed (SHA-256, 128 bits kept),
 * so a flood of long random names costs a few dozen bytes per entry, not the names themselves.
 */
export function bruteForceKey(login: string, ip: string): string {
  return createHash('sha256').update(`${login.trim().toLowerCase()}\n${ip}`, 'utf8').digest('base64').slice(0, 22);
}

/**
 * Password brute-force guard, keyed by normalised login + client IP (see {@link bruteForceKey}). Every attempt
 * is recorded before the password is checked; an attempt that would exceed `attemptCount` within
 * `checkPeriodMs` sets a block for `blockTimeMs` (that attempt and every attempt during the block are refused,
 * even with the right password). A successful attempt removes its own entry, so only failures accumulate.
 *
 * Memory is bounded: at most `maxKeys` histories and `maxKeys` blocks are kept. Past that, the entries no rule
 * needs any more (attempts older than the check period, blocks that ended) go first, then the oldest.
 */
export class BruteForceGuard {
  private readonly history = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly settings: BruteForceSettings,
    private readonly maxKeys = 10_000,
  ) {}

  /** Number of (login, address) histories and blocks held (for memory checks). */
  get size(): { histories: number; blocks: number } {
    return { histories: this.history.size, blocks: this.blockedUntil.size };
  }

  attempt(login: string, ip: string): Attempt {
    const key = bruteForceKey(login, ip);
    const now = this.clock.now();
    const until = this.blockedUntil.get(key);
    if (until !== undefined) {
      if (now < until) return { blocked: true };
      this.blockedUntil.delete(key);
    }
    const recent = (this.history.get(key) ?? []).filter((t) => t > now - this.settings.checkPeriodMs);
    // Re-inserted, so the map's order is the order of last use (the oldest go first when over the cap).
    this.history.delete(key);
    recent.push(now);
    if (recent.length > this.settings.attemptCount) {
      this.blockedUntil.set(key, now + this.settings.blockTimeMs);
      if (this.blockedUntil.size > this.maxKeys) this.prune(now);
      return { blocked: true };
    }
    this.history.set(key, recent);
    if (this.history.size > this.maxKeys) this.prune(now);
    return {
      blocked: false,
      succeeded: () => {
        const list = this.history.get(key);
        if (!list) return;
        const index = list.lastIndexOf(now);
        if (index >= 0) list.splice(index, 1);
        if (list.length === 0) this.history.delete(key);
      },
    };
  }

  /** Drops what no rule needs any more, then the oldest entries, down to 90 % of the cap. */
  private prune(now: number): void {
    const since = now - this.settings.checkPeriodMs;
    for (const [key, times] of this.history) if ((times.at(-1) ?? 0) <= since) this.history.delete(key);
    for (const [key, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(key);
    const keep = Math.floor(this.maxKeys * 0.9);
    for (const map of [this.history, this.blockedUntil] as Map<string, unknown>[]) {
      for (const key of map.keys()) {
        if (map.size <= keep) break;
        map.delete(key);
      }
    }
  }

  clear(): void {
    this.history.clear();
    this.blockedUntil.clear();
  }
}

/**
 * A counter whose entry expires `ttlMs` after its last change (the server keeps these in a cache):
 * used for the per-user authenticator-code attempts and the per-phone SMS-code checks.
 */
export class ExpiringCounter {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly ttlMs: number,
  ) {}

  /** Adds one and returns the new count. */
  increment(key: string): number {
    const now = this.clock.now();
    const entry = this.entries.get(key);
    const count = (entry && entry.expiresAt > now ? entry.count : 0) + 1;
    this.entries.set(key, { count, expiresAt: now + this.ttlMs });
    return count;
  }

  /** Takes one back (after a successful check). */
  decrement(key: string): void {
    const now = this.clock.now();
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= now) return;
    this.entries.set(key, { count: Math.max(0, entry.count - 1), expiresAt: now + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
