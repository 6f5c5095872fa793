import type { EmulatorClock } from '../clock.js';
import type { RandomSource } from '../random.js';
import type { UserRecord } from '../user-record.js';

/** .NET `DateTime.MaxValue` in ms: the expiry of a token whose lifetime is unlimited. */
export const MAX_EXPIRY_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

interface TokenRecord {
  userId: string;
  loginEventId: number;
  expiresAt: number;
  /** The portal-wide "log out all" index at issue time. */
  tenantIndex: number;
  /** The user's cookie index at issue time. */
  userIndex: number;
}

/** How many issues between two sweeps of dead tokens. */
const SWEEP_EVERY = 1_000;

/** A freshly issued token. */
export interface IssuedToken {
  token: string;
  loginEventId: number;
  expiresAt: number;
}

/**
 * Tokens are opaque to clients, as on the real server. Here a token is standard Base64 of 34 bytes:
 * two fixed bytes (so every token starts with `+/`), 28 random bytes and the 4-byte login-event id;
 * 34 bytes always end in `==`. So every token carries `+`, `/` and `=`, and every client test exercises
 * the URL-encoding of the cookie. The expiry lives server-side, in this store.
 *
 * Memory is bounded: tokens that can no longer sign in (expired, logged out, "log out all") are swept every
 * {@link SWEEP_EVERY} issues, and past `maxTokens` live ones the oldest are dropped (as if their session had
 * been ended on the portal).
 */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly activeLoginEvents = new Set<number>();
  private nextLoginEventId = 1;
  private tenantIndex = 0;
  private issuedSinceSweep = 0;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly random: RandomSource,
    /** Lifetime in ms; `undefined` means one calendar year (the server default); `Infinity` means never. */
    private readonly lifetimeMs: number | undefined,
    private readonly maxTokens = 100_000,
  ) {}

  /** Number of tokens held (for memory checks). */
  get size(): number {
    return this.tokens.size;
  }

  /** Expiry of a token issued now. */
  expiryFromNow(): number {
    const now = this.clock.now();
    if (this.lifetimeMs === undefined) {
      const date = new Date(now);
      date.setUTCFullYear(date.getUTCFullYear() + 1);
      return date.getTime();
    }
    if (!Number.isFinite(this.lifetimeMs)) return MAX_EXPIRY_MS;
    return Math.min(now + this.lifetimeMs, MAX_EXPIRY_MS);
  }

  /** Starts a login event for `user` and returns its token. */
  issue(user: UserRecord): IssuedToken {
    const loginEventId = this.nextLoginEventId++;
    const bytes = Buffer.alloc(34);
    bytes[0] = 0xfb;
    bytes[1] = 0xff;
    this.random.bytes(28).copy(bytes, 2);
    bytes.writeUInt32BE(loginEventId, 30);
    const token = bytes.toString('base64');
    const expiresAt = this.expiryFromNow();
    this.tokens.set(token, {
      userId: user.id,
      loginEventId,
      expiresAt,
      tenantIndex: this.tenantIndex,
      userIndex: user.cookieIndex,
    });
    this.activeLoginEvents.add(loginEventId);
    if (++this.issuedSinceSweep >= SWEEP_EVERY || this.tokens.size > this.maxTokens) this.sweep();
    return { token, loginEventId, expiresAt };
  }

  /** Drops tokens that cannot sign in any more, then the oldest down to the cap. */
  private sweep(): void {
    this.issuedSinceSweep = 0;
    const now = this.clock.now();
    for (const [token, record] of this.tokens) {
      if (
        record.tenantIndex !== this.tenantIndex ||
        record.expiresAt <= now ||
        !this.activeLoginEvents.has(record.loginEventId)
      ) {
        this.drop(token, record);
      }
    }
    for (const [token, record] of this.tokens) {
      if (this.tokens.size <= this.maxTokens) break;
      this.drop(token, record);
    }
  }

  private drop(token: string, record: TokenRecord): void {
    this.tokens.delete(token);
    this.activeLoginEvents.delete(record.loginEventId);
  }

  /**
   * The user a token signs in, or `undefined` when it is unknown, expired, revoked ("log out all"),
   * its login event has ended (logout) or the user is no longer active.
   */
  resolve(
    token: string,
    lookup: (id: string) => UserRecord | undefined,
  ): { user: UserRecord; loginEventId: number } | undefined {
    const record = this.tokens.get(token);
    if (!record) return undefined;
    if (record.tenantIndex !== this.tenantIndex) return undefined;
    if (record.expiresAt <= this.clock.now()) return undefined;
    if (!this.activeLoginEvents.has(record.loginEventId)) return undefined;
    const user = lookup(record.userId);
    if (!user || user.disabled || user.cookieIndex !== record.userIndex) return undefined;
    return { user, loginEventId: record.loginEventId };
  }

  /** The login event a token belongs to, valid or not (what logout reads from the cookie). */
  loginEventOf(token: string): number | undefined {
    return this.tokens.get(token)?.loginEventId;
  }

  /** Ends one login event: its token stops working. */
  endLoginEvent(loginEventId: number): void {
    this.activeLoginEvents.delete(loginEventId);
  }

  /** "Log out all": every token issued so far stops working. */
  revokeAll(): void {
    this.tenantIndex++;
  }

  /** "Log out everywhere" for one user. */
  revokeUser(user: UserRecord): void {
    user.cookieIndex++;
  }

  clear(): void {
    this.tokens.clear();
    this.activeLoginEvents.clear();
    this.tenantIndex++;
  }
}
