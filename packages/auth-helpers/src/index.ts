/**
 * `@docspace/auth-helpers`: sign in to ONLYOFFICE DocSpace portals and stay signed in.
 *
 * Browser-safe: the Node-only file store is the separate entry `@docspace/auth-helpers/file-store`.
 *
 * @packageDocumentation
 */
export { createDocSpaceAuth, type DocSpaceAuth, type DocSpaceAuthOptions } from './create-auth.js';
export type { AttachableClient, AttachOptions } from './attach.js';
export type { LoginInput } from './login.js';
export type {
  SecondFactorChallenge,
  SecondFactorChallengeBase,
  SecondFactorKind,
  SmsChallenge,
  TotpChallenge,
  TotpSetupChallenge,
} from './challenge.js';
export type { Session, StoredSession } from './session.js';
export {
  DocSpaceAuthError,
  isDocSpaceAuthError,
  type DocSpaceAuthErrorCode,
  type DocSpaceAuthErrorDetails,
} from './errors.js';
export { errorFromResult, type CallResult } from './error-from-response.js';
export type { AuthCallError, DeclaredErrorBody } from './call-error.js';
export type { DocSpaceAuthEvent, DocSpaceAuthEventOf, DocSpaceAuthEventType } from './events.js';
export type { RetryOptions } from './retry-policy.js';
export type { Limits } from './limits.js';
export type { CredentialFailureMemory, CredentialsCircuitOptions } from './credentials-circuit.js';
export type { MaybePromise, SessionStore, SessionStoreSetOptions } from './stores/types.js';
export type {
  CredentialFailure,
  LeaseAttempt,
  SessionNotice,
  SignInCoordinator,
  SignInLease,
  SignInOutcome,
} from './stores/coordinator.js';
export { memoryStore } from './stores/memory.js';
export { webStorageStore, type WebStorageLike, type WebStorageStoreOptions } from './stores/web-storage.js';
export {
  type HeldSession,
  type LockManagerLike,
  tabSync,
  type TabChange,
  type TabCoordinator,
  type TabLink,
  type TabSessionAccess,
  type TabSync,
  type TabSyncOptions,
} from './tab-sync.js';
