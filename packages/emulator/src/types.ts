/**
 * The emulator's public types, in one place: what {@link startEmulator} takes and returns, the users it
 * serves, the fault rules it obeys and the records it keeps. Every name here is exported from `index.ts`;
 * this file holds types only, so it imports nothing but types of leaf modules (no import cycle).
 *
 * @module
 */
import type { BruteForceSettings } from './auth/brute-force.js';
import type { ConfirmType } from './auth/confirm-keys.js';
import type { EmulatorClock, TimeSource } from './clock.js';
import type { CorsOptions } from './cors.js';
import type { RateLimitOptions } from './rate-limit.js';

// Users

/**
 * The second factor a user signs in with, after the password.
 *
 * - `app`: an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 s). `secret` is the Base32 secret
 *   the app holds (the value the server hands out as `tfaKey`). `enrolled: false` means the user has not
 *   confirmed a first code yet: the login answer then offers `tfaKey`, and the first accepted code enrols
 *   the app and creates five backup codes. `backupCodes` (6 characters of `[A-Za-z0-9_-]`) are only
 *   meaningful for an enrolled user; five are generated when an enrolled user is given none.
 * - `sms`: a text message with a 6-digit code to `phone` (stored digits only). Without an activated phone
 *   the login answer sends the user to phone activation (`/authentication/setphone`) first.
 */
export type SecondFactor =
  | { type: 'app'; secret?: string; enrolled: boolean; backupCodes?: readonly string[] }
  | { type: 'sms'; phone?: string | null; phoneActivated?: boolean };

/** A portal user as the emulator's options (and the `--users` file of the command) describe it. */
export interface EmulatorUser {
  /** Profile id (a UUID). Default: derived from the email, stable across runs. */
  id?: string;
  /** Login name shown in the profile. Default: the part of the email before `@`. */
  userName?: string;
  /** Email address; the login name for password sign-in and for `Authorization: Basic`. */
  email: string;
  /** The user's password (kept in clear text: this is a test server). */
  password: string;
  /** Default: the user name with a capital letter. */
  firstName?: string;
  /** Default: none (the profile then has no `lastName`, as on portals whose database holds null). */
  lastName?: string;
  /** Default: `firstName lastName`. */
  displayName?: string;
  /** Default: `false`. A DocSpace administrator (the owner's profile says `isAdmin: false`; see `isOwner`). */
  isAdmin?: boolean;
  /**
   * The portal owner: every IP restriction admits them, and their profile has `isOwner: true` and
   * `isAdmin: false`, as the server writes it. At most one user. Default: `false`.
   */
  isOwner?: boolean;
  /**
   * Where the account comes from. `sso` and `ldap` accounts have no portal password: a password sign-in
   * (or `Authorization: Basic`) answers 401 like a wrong password, as on a portal whose LDAP sign-in is off.
   * Their profiles say `isSSO` / `isLDAP`. Default: `portal`.
   */
  source?: AccountSource;
  /** A disabled user cannot sign in (403 "User disabled") and their tokens stop working. Default: `false`. */
  disabled?: boolean;
  /** Second factor, if any. */
  secondFactor?: SecondFactor;
  /** API keys (`sk-…`) accepted as `Authorization: Bearer sk-…` for this user. */
  apiKeys?: readonly string[];
}

/** Where an account comes from: the portal itself, single sign-on, or an LDAP directory. */
export type AccountSource = 'portal' | 'sso' | 'ldap';
/** A read-only copy of a user's state, for tests. */
export interface UserSnapshot {
  /** Profile id (UUID). */
  readonly id: string;
  /** Login name shown in the profile. */
  readonly userName: string;
  /** Email address (the sign-in name). */
  readonly email: string;
  /** Display name. */
  readonly displayName: string;
  /** Whether the user is disabled. */
  readonly disabled: boolean;
  /** Whether the user is a DocSpace administrator. */
  readonly isAdmin: boolean;
  /** Whether the user owns the portal. */
  readonly isOwner: boolean;
  /** Where the account comes from. */
  readonly source: AccountSource;
  /** Second factor: `none`, `app` (with enrolment state) or `sms` (with the stored phone digits). */
  readonly secondFactor:
    | { readonly type: 'none' }
    | {
        readonly type: 'app';
        /** Base32 TOTP secret. */
        readonly secret: string;
        /** Whether the app is enrolled (backup codes exist). */
        readonly enrolled: boolean;
        /** Backup codes not used yet (empty when not enrolled). */
        readonly unusedBackupCodes: readonly string[];
      }
    | { readonly type: 'sms' };
  /** Mobile phone, digits only, or `null`. */
  readonly phone: string | null;
  /** Whether the phone was confirmed with a code. */
  readonly phoneActivated: boolean;
  /** API keys (`sk-…`) of the user. */
  readonly apiKeys: readonly string[];
}

// The portal
/**
 * The portal's state, as the server's tenant status names it:
 * - `active`: answers normally;
 * - `suspended`, `removed`, `unknown` (no portal at this address): every API route answers 404 with an empty
 *   body, except `POST /authentication/confirm` on a suspended portal; `people/@self` without valid
 *   credentials stays 401 (authorisation runs first), and on an `unknown` portal no credentials are valid;
 * - `restoring`, `transferring`, `encrypting`: every authentication route answers 403 with an empty body;
 *   `people/@self` is let through.
 */
export type PortalStatus = 'active' | 'suspended' | 'removed' | 'unknown' | 'restoring' | 'transferring' | 'encrypting';
/**
 * Who the portal's IP restrictions admit from the caller's address. Sign-in is anonymous and never checked;
 * every request that carries valid credentials from a user who is not admitted answers 403 with the message
 * "The access to the portal is restricted".
 * - `none`: no restrictions;
 * - `owner-only`: the address is outside every allowed range (only the owner, who is exempt, gets through);
 * - `admins-and-owner`: the address is in a range allowed for administrators only.
 */
export type IpRestriction = 'none' | 'owner-only' | 'admins-and-owner';
/** The portal-wide settings a test can switch (see {@link Emulator.portal}). */
export interface PortalState {
  /** Default `active`. */
  status: PortalStatus;
  /** Default `none`. */
  ipRestriction: IpRestriction;
}
/** Reads and changes the portal's state. */
export interface PortalControl {
  /** The current state (a copy). */
  get(): PortalState;
  /** Changes some settings (validated; throws naming the bad field) and returns the new state. */
  set(changes: Partial<PortalState>): PortalState;
}
// Fault injection

/**
 * A failure to inject in place of (or before) the normal answer:
 * - `delay`: wait `ms` milliseconds of real time, then answer normally;
 * - `proxy-error`: a reverse proxy's HTML error page (nginx-like) with `status` 500, 502 (default), 503 or 504;
 * - `rate-limit`: 429 with `Retry-After` (seconds, or an HTTP date with `retryAfterFormat: 'http-date'`)
 *   and `X-RateLimit-Limit/Remaining/Reset`, empty body, as the portal's rate limiter answers;
 * - `drop`: close the connection without answering;
 * - `malformed-json`: run the request normally, then answer 200 with the JSON body cut in half.
 */
export type Fault =
  | { kind: 'delay'; ms: number }
  | { kind: 'proxy-error'; status?: 500 | 502 | 503 | 504 }
  | { kind: 'rate-limit'; retryAfterSeconds?: number; retryAfterFormat?: 'seconds' | 'http-date'; limit?: number }
  | { kind: 'drop' }
  | { kind: 'malformed-json' };

/**
 * Where and when to inject faults. `path` is a pattern (`:name` = one segment, `*` = anything, literal
 * parts case-insensitive), `method` an HTTP method (default: any). Give either `sequence` (applied to the
 * next requests that match, in order, `null` meaning "answer normally"; the rule is gone once used up)
 * or `fault` with a `probability` in [0, 1] (each matching request draws from the emulator's seeded PRNG,
 * so a run with the same seed and the same requests injects the same faults). Rules are consulted in the
 * order they were added; the first one that injects (or whose sequence says `null`) decides.
 */
export interface FaultRule {
  /** HTTP method to match (case-insensitive); any when omitted. */
  method?: string;
  /** Path pattern, e.g. `/api/2.0/authentication` or `/api/2.0/authentication/*`. */
  path: string;
  /** Faults for the next matching requests, in order (`null` = answer normally). */
  sequence?: readonly (Fault | null)[];
  /** Chance in [0, 1] that a matching request gets `fault`. */
  probability?: number;
  /** The fault injected with `probability`. */
  fault?: Fault;
}

// Records

/** A text message the emulator "sent" (kept in the in-memory outbox). */
export interface SmsMessage {
  /** Recipient phone number, digits only (as the server stores it). */
  readonly phone: string;
  /** Id of the user the code is for. */
  readonly userId: string;
  /** Email of the user the code is for. */
  readonly email: string;
  /** The 6-digit code. */
  readonly code: string;
  /** The message text. */
  readonly text: string;
  /** Emulator time (ms since the epoch) at which it was sent. */
  readonly sentAt: number;
}

/** One line of the request log. */
export interface RequestLogEntry {
  /** HTTP method, upper-case. */
  readonly method: string;
  /** URL path (no query string). */
  readonly path: string;
  /** Path and query string as requested. */
  readonly url: string;
  /** Status answered; 0 while the request is in flight, and for a dropped connection. */
  readonly status: number;
  /** Emulator time (ms since the epoch, see `clock`) at which the request arrived. */
  readonly timestamp: number;
  /** The injected fault, if one applied. */
  readonly fault?: Fault;
}

/** One answer of the emulator as sent on the wire, for {@link EmulatorOptions.onResponse}. */
export interface ResponseRecord {
  /** HTTP method, upper-case. */
  readonly method: string;
  /** URL path. */
  readonly path: string;
  /** HTTP status (0 for a dropped connection). */
  readonly status: number;
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** Response body as text. */
  readonly body: string;
  /** The injected fault, if one applied (such answers are deliberately off-contract). */
  readonly fault?: Fault;
}

// The emulator

/**
 * Bounds on what one emulator accepts and remembers, so that a flood of requests (failed sign-ins with random
 * names, endless bodies, long URLs) cannot exhaust its process. Past a memory cap the oldest entries go first.
 */
export interface EmulatorLimits {
  /** Largest request body in bytes; a longer one is answered 413 without being read. Default 1 MiB. */
  bodyBytes: number;
  /** Time for a request body to arrive, in ms; a slower one is answered 408 and the connection cut. Default 10 000. */
  bodyTimeoutMs: number;
  /** Entries of the request log kept (`emulator.requests`); the oldest are dropped. Default 10 000. */
  requestLog: number;
  /**
   * (login, client address) pairs the brute-force guard remembers, and client addresses the rate limiter
   * remembers; entries that no rule needs any more are dropped first, then the oldest. Default 10 000.
   */
  trackedClients: number;
  /** Tokens kept; past it the oldest expire early (their login event ends). Default 100 000. */
  tokens: number;
  /** Messages kept in the SMS outbox (`emulator.sms.messages`); the oldest are dropped. Default 1 000. */
  smsOutbox: number;
}

/** Options of {@link startEmulator}. Every one is optional. */
export interface EmulatorOptions {
  /** TCP port; default 0 (a free port, see `emulator.port`). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** The portal's users; default {@link demoUsers}. Checked like the command's `--users` file. */
  users?: readonly EmulatorUser[];
  /** Source of real time in ms (default `Date.now`); `emulator.clock.advance()` moves on top of it. */
  clock?: TimeSource;
  /**
   * Token lifetime in ms; default one calendar year (the server's default). `Infinity` makes tokens that
   * never expire (`expires` is then .NET's `DateTime.MaxValue`).
   */
  tokenLifetimeMs?: number;
  /** Brute-force protection; default `{attemptCount: 5, checkPeriodMs: 60000, blockTimeMs: 60000}`. */
  bruteForce?: Partial<BruteForceSettings>;
  /** The optional rate limiter (429 with `Retry-After`); off by default. */
  rateLimit?: RateLimitOptions | false;
  /** Fault rules in force from the start (and again after `reset()`). */
  faults?: readonly FaultRule[];
  /** The portal's state from the start (and again after `reset()`); default `{status: 'active', ipRestriction: 'none'}`. */
  portal?: Partial<PortalState>;
  /**
   * Seed of the fault dice (and of secrets with `unsafeDeterministicSecrets`); default: a random one, see
   * `emulator.seed`.
   */
  seed?: number;
  /** Base URL of the portal in `confirmUrl` links; default the emulator's own `url`. */
  portalUrl?: string;
  /** Secret behind confirmation keys and `encemail`; default `docspace-emulator-machine-key`. */
  machineKey?: string;
  /**
   * Called with every API answer as sent (not for `/__emulator/` calls, nor for the HTTP layer's refusals before
   * routing: 400 for a malformed target or `Host`, 408/413 for a body); our contract tests use it.
   */
  onResponse?: (record: ResponseRecord) => void;
  /**
   * Answer CORS, with credentials, for pages on these origins: a convenience for local development (an app's dev
   * server on another port). Not a claim about a real portal. Default: no CORS headers.
   */
  cors?: CorsOptions;
  /**
   * The test-only control endpoints under `/__emulator/` (they hand out TOTP secrets, codes and confirmation
   * keys, and reset the portal). Off by default: `/__emulator/…` is then an unknown path (404), as on a real
   * portal. `true` turns them on behind a random key made for this emulator (`emulator.controlKey`);
   * `{ key }` uses the given key (at least 16 characters). Each control request must send the key in the
   * `X-Emulator-Key` header ({@link CONTROL_KEY_HEADER}), else it is answered 401.
   */
  controlPlane?: boolean | { key: string };
  /**
   * Whether to believe `X-Forwarded-For` for the client address (brute-force guard, rate limiter). Default
   * `false`: the socket's address, since anyone can send the header. `true`: every proxy is trusted and the
   * left-most entry is the client; a number `n`: the `n` nearest proxies are trusted and the client is the
   * `n`-th entry from the right.
   */
  trustProxy?: boolean | number;
  /**
   * UNSAFE, for replaying a run byte for byte: make tokens, SMS codes, backup codes and generated TOTP
   * secrets from the seeded PRNG (`seed`), so one value reveals the next. Default `false`: they come from
   * `crypto.randomBytes`, and `seed` drives only the fault dice.
   */
  unsafeDeterministicSecrets?: boolean;
  /** Bounds on bodies and on what the emulator remembers; see {@link EmulatorLimits}. */
  limits?: Partial<EmulatorLimits>;
}

/** Read access to the SMS outbox. */
export interface SmsOutbox {
  /** Every text message sent so far, oldest first. */
  readonly messages: readonly SmsMessage[];
  /** The code of the latest message to a user (by email, user name or id), if any. */
  lastCodeFor(userName: string): string | undefined;
  /** Empties the outbox (pending codes stay valid). */
  clear(): void;
}

/** What {@link UserDirectory.update} can change. */
export interface UserChanges {
  /** New password. */
  password?: string;
  /** Disable or re-enable the user. */
  disabled?: boolean;
  /** Replace the second factor (`null` removes it). */
  secondFactor?: SecondFactor | null;
  /** Replace the API keys. */
  apiKeys?: readonly string[];
}

/** The portal's users. */
export interface UserDirectory {
  /** Every user (copies). */
  list(): UserSnapshot[];
  /** A user by email, user name or id. */
  get(userName: string): UserSnapshot | undefined;
  /** Adds a user (validated like `options.users`). */
  add(user: EmulatorUser): UserSnapshot;
  /** Changes a user. */
  update(userName: string, changes: UserChanges): UserSnapshot;
}

/** Fault rules in force. */
export interface FaultControl {
  /** Adds one rule or several (validated; throws naming the bad field). */
  add(rules: FaultRule | readonly FaultRule[]): void;
  /** Removes every rule. */
  clear(): void;
  /** The rules still in force. */
  list(): FaultRule[];
}

/** A running emulator (see {@link startEmulator}). */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** TCP port. */
  readonly port: number;
  /** Interface it listens on. */
  readonly host: string;
  /** Seed of its random choices (pass it back as `options.seed` to replay a run). */
  readonly seed: number;
  /**
   * The key of the `/__emulator/` control endpoints, to send as the `X-Emulator-Key` header; `undefined`
   * when they are off (see {@link EmulatorOptions.controlPlane}).
   */
  readonly controlKey: string | undefined;
  /** The emulator's time: `now()`, `advance(ms)`, `set(ms)`, `reset()`. */
  readonly clock: EmulatorClock;
  /** The SMS outbox. */
  readonly sms: SmsOutbox;
  /** The request log of the API (not of `/__emulator/`), oldest first. */
  readonly requests: readonly RequestLogEntry[];
  /** The portal's users. */
  readonly users: UserDirectory;
  /** Fault injection. */
  readonly faults: FaultControl;
  /** The portal's state: suspended, removed, unknown, being restored, IP-restricted, ... */
  readonly portal: PortalControl;
  /** "Log out all": every token issued so far (of one user, when given) stops working. */
  revokeTokens(userName?: string): void;
  /**
   * A confirmation key of `type` for `email`, made at emulator time now (for `/authentication/confirm`,
   * `confirmData` sign-in, or the `confirm` header of `setphone`).
   */
  confirmKey(type: ConfirmType, email: string): string;
  /** The authenticator-app code of a user (email, user name or id) at `atMs` (default: emulator time). */
  totp(userName: string, atMs?: number): string;
  /** Empties the request log. */
  clearRequests(): void;
  /** Back to the initial state: users, tokens, counters, outbox, request log, faults and clock. */
  reset(): void;
  /** Stops listening and closes every connection, keep-alive ones included. */
  close(): Promise<void>;
}
