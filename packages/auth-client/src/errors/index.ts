/**
 * `@docspace/auth-client/errors`: the error class of docspace-auth, its guard, and the one mapping of a portal's
 * answer to it. A light entry (no schemas, no client) for code that only handles errors: the root entry exports
 * the same names.
 *
 * @packageDocumentation
 */
export {
  DocSpaceAuthError,
  isDocSpaceAuthError,
  type DocSpaceAuthErrorCode,
  type DocSpaceAuthErrorDetails,
} from './docspace-auth-error.js';
export { type AnsweredRequest, type CallResult, errorFromResponse, errorFromResult } from './error-from-response.js';
export { serverRetryDelay } from './server-retry-delay.js';
