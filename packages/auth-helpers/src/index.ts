/**
 * `@docspace/auth-helpers`: sign in to ONLYOFFICE DocSpace portals and stay signed in.
 *
 * Browser-safe: the Node-only file store is the separate entry `@docspace/auth-helpers/file-store`.
 *
 * @packageDocumentation
 */
export { createDocSpaceAuth, type DocSpaceAuth, type DocSpaceAuthOptions } from './create-auth.js';
export type { AttachableClient, AttachOptions } from './attach.js';
export type { LoginInput } from './login-types.js';
export type {
  SecondFactorChallenge,
  SecondFactorChallengeBase,
  SecondFactorKind,
  SmsChallenge,
  TotpChallenge,
  TotpSetupChallenge,
} from './challenge.js';
export type { Session, StoredSession } from './session.js';
// The error class is @docspace/auth-client's: one class (and one guard) for the client's calls and the helpers.
export {
  DocSpaceAuthError,
  errorFromResult,
  isDocSpaceAuthError,
  type CallResult,
  type DocSpaceAuthErrorCode,
  type DocSpaceAuthErrorDetails,
} from '@docspace/auth-client/errors';
export type { CallError, DeclaredErrorBody } from '@docspace/auth-client';
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
