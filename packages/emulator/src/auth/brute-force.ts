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
 * Password brute-force guard, keyed by lower-cased login + client IP. Every attempt is recorded before
 * the password is checked; an attempt that would exceed `attemptCount` within `checkPeriodMs` sets a
 * block for `blockTimeMs` (that attempt and every attempt during the block are refused, even with the
 * right password). A successful attempt removes its own entry, so only failures accumulate.
 */
export class BruteForceGuard {
  private readonly history = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly settings: BruteForceSettings,
  ) {}

  attempt(login: string, ip: string): Attempt {
    const key = `${login.toLowerCase()}\n${ip}`;
    const now = this.clock.now();
    const until = this.blockedUntil.get(key);
    if (until !== undefined) {
      if (now < until) return { blocked: true };
      this.blockedUntil.delete(key);
    }
    const recent = (this.history.get(key) ?? []).filter((t) => t > now - this.settings.checkPeriodMs);
    recent.push(now);
    if (recent.length > this.settings.attemptCount) {
      this.blockedUntil.set(key, now + this.settings.blockTimeMs);
      this.history.delete(key);
      return { blocked: true };
    }
    this.history.set(key, recent);
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
