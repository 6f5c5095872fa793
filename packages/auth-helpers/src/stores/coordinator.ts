import type { DocSpaceAuthErrorCode } from '@docspace/auth-client/errors';
import type { MaybePromise } from './types.js';

/**
 * How a sign-in ended, as the process that made it tells the processes that waited for it. `fence` is the fencing
 * token of the lease it was made under.
 */
export type SignInOutcome =
  | { ok: true; fence: number }
  | { ok: false; fence: number; code: DocSpaceAuthErrorCode; message: string; retryAfterMs?: number | undefined };

/** The right to sign in for one subject (portal and user), granted to one process at a time for a while. */
export interface SignInLease {
  /** The fencing token: greater than that of every lease granted before for the subject. */
  readonly fence: number;
  /** Keeps the lease for another lease period, if it is still this one's. False when it was lost. */
  extend(): Promise<boolean>;
  /**
   * Tells the waiters how the sign-in ended and ends the lease (only if it is still this one's). An `ok` outcome is
   * also announced as a `replaced` {@link SessionNotice}.
   */
  release(outcome: SignInOutcome): Promise<void>;
}

/** What {@link SignInCoordinator.acquire} gives: the lease, or the fencing token of the process that holds it. */
export type LeaseAttempt = { lease: SignInLease } | { heldBy: number };

/**
 * A credential the portal refused, as remembered for everyone who would try it next. Never the password: its
 * `fingerprint` is a slow salted hash of the user name and password (see `credentialFingerprint`).
 */
export interface CredentialFailure {
  fingerprint: string;
  code: DocSpaceAuthErrorCode;
  message: string;
  /** When the portal refused it (ms since the epoch). */
  at: number;
}

/** A change to a subject's stored session that other processes should know about at once. */
export type SessionNotice = { kind: 'replaced' | 'revoked'; subject: string };

/**
 * Coordinates sign-ins among processes (and machines) that share one {@link SessionStore}, so that a fleet signs in
 * once, not once per process. A subject is the store key of one user on one portal (`sessionKey(portal, user)`).
 *
 * Every method may fail (the coordinator's backend is down, a timeout): the SDK then reports a
 * `coordination-error` event and signs in on its own, with its in-process single flight, as without a coordinator.
 * Implementations bound the time of every operation.
 *
 * Implementations: `@docspace/auth-redis` (processes on many machines) and `fileCoordinator` of
 * `@docspace/auth-helpers/file-store` (processes on one machine).
 */
export interface SignInCoordinator {
  /** Takes the lease of `subject` for `leaseMs` if nobody holds it. */
  acquire(subject: string, leaseMs: number): Promise<LeaseAttempt>;
  /**
   * Waits for the outcome of the lease `heldBy` (or of a later one) of `subject`. `undefined` when the lease ended
   * without an outcome (its holder died) or `timeoutMs` passed: the caller looks at the store and tries again.
   */
  waitForOutcome(subject: string, heldBy: number, timeoutMs: number): Promise<SignInOutcome | undefined>;
  /** The credentials refused last for `subject` (shared memory of refusals), or `null`. */
  recallFailure(subject: string): MaybePromise<CredentialFailure | null | undefined>;
  /** Remembers a refusal for everyone for `ttlMs`. */
  rememberFailure(subject: string, failure: CredentialFailure, ttlMs: number): MaybePromise<void>;
  /** Forgets it (other credentials worked). */
  forgetFailure(subject: string): MaybePromise<void>;
  /** Tells the other processes that `subject`'s stored session was replaced (a sign-in) or revoked (a sign-out). */
  announce?(notice: SessionNotice): Promise<void>;
  /** Calls `listener` when another process announces a change to `subject`. Returns the unsubscribe function. */
  watch?(subject: string, listener: (notice: SessionNotice) => void): () => void;
}
