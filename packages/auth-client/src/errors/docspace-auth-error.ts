/**
 * Stable codes of {@link DocSpaceAuthError}. Branch on these, never on messages.
 *
 * | code | meaning |
 * | --- | --- |
 * | `invalid_input` | the call's arguments are unusable (empty user name, bad URL, ...); nothing was sent |
 * | `insecure_transport` | credentials would travel over plain `http://` to a host that is not loopback |
 * | `invalid_credentials` | the portal refused the user name or password (HTTP 401, or 404 for a bad confirm key); SSO accounts, and LDAP accounts while the portal's LDAP sign-in is off, always get this for a password |
 * | `invalid_code` | the portal refused the second-factor code (HTTP 401 on step two) |
 * | `second_factor_required` | the portal asks for a code and there is no way to get one (no `code`, secret or callback) |
 * | `blocked` | too many failed attempts for this user and address (HTTP 403); see `retryAfterMs` |
 * | `user_disabled` | the account is disabled (HTTP 403) |
 * | `portal_not_found` | no portal answers at this address: it is suspended or removed, or the address is wrong (HTTP 404 without an error body) |
 * | `portal_unavailable` | the portal is being restored, transferred or encrypted (HTTP 403 with an empty body); try again later |
 * | `access_restricted` | the portal's IP restrictions do not admit this address (HTTP 403 with the portal's message); a sign-in still works, its token does not |
 * | `rate_limited` | the portal's rate limiter refused the request and retries ran out (HTTP 429); see `retryAfterMs` |
 * | `not_signed_in` | an authorised call with no session and no `credentials()` to sign in with |
 * | `session_expired` | the portal rejected the token and there was no way to sign in again; the stored session is gone |
 * | `invalid_api_key` | the portal rejected the API key (unknown, revoked or expired, or its user is disabled); never retried |
 * | `network` | no HTTP answer (connection refused or reset, DNS, ...) after the allowed attempts |
 * | `timeout` | the per-call timeout ran out |
 * | `aborted` | the caller's `AbortSignal` fired |
 * | `server_error` | the portal or a proxy answered 5xx after the allowed attempts |
 * | `protocol` | an answer this SDK cannot use: a body that breaks the spec, HTML instead of JSON, no token and no factor, an answer or token past its limit |
 * | `redirect_refused` | a redirect the SDK does not follow: down to http, a credential-carrying request to another origin, a loop |
 */
export type DocSpaceAuthErrorCode =
  | 'invalid_input'
  | 'insecure_transport'
  | 'invalid_credentials'
  | 'invalid_code'
  | 'second_factor_required'
  | 'blocked'
  | 'user_disabled'
  | 'portal_not_found'
  | 'portal_unavailable'
  | 'access_restricted'
  | 'rate_limited'
  | 'not_signed_in'
  | 'session_expired'
  | 'invalid_api_key'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'server_error'
  | 'protocol'
  | 'redirect_refused';

/** Details a {@link DocSpaceAuthError} may carry. None of them is ever a secret. */
export interface DocSpaceAuthErrorDetails {
  /** HTTP status of the answer that caused the error, when there was one. */
  status?: number | undefined;
  /** How long to wait before trying again, when known (`blocked`, `rate_limited`). */
  retryAfterMs?: number | undefined;
  /** The portal's own message (e.g. "User authentication failed"), when it sent one. */
  serverMessage?: string | undefined;
  /** The underlying error. Never serialised by `toJSON()`. */
  cause?: unknown;
}

// The brand keeps its first name: copies of the class from earlier builds are still recognised.
const brand = Symbol.for('@docspace/auth-helpers/DocSpaceAuthError');

/**
 * The one error class of docspace-auth: every failure of an `@docspace/auth-client` call that is not an error body
 * the operation declares, and every failure of `@docspace/auth-helpers` (which re-exports it). `code` is stable;
 * `message` is for people. Neither the message nor `toJSON()` ever contains a password, token, API key, code or
 * TOTP secret.
 *
 * @example
 * ```ts
 * try {
 *   await auth.login({ userName, password });
 * } catch (error) {
 *   if (isDocSpaceAuthError(error, 'blocked')) console.log(`try again in ${error.retryAfterMs} ms`);
 *   else throw error;
 * }
 * ```
 */
export class DocSpaceAuthError extends Error {
  override readonly name = 'DocSpaceAuthError';
  readonly code: DocSpaceAuthErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly serverMessage: string | undefined;

  constructor(code: DocSpaceAuthErrorCode, message: string, details: DocSpaceAuthErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.serverMessage = details.serverMessage;
    Object.defineProperty(this, brand, { value: true });
  }

  /** A plain, secret-free summary for logs: name, code, message, status, retryAfterMs, serverMessage. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      serverMessage: this.serverMessage,
    };
  }
}

/**
 * True when `error` is a {@link DocSpaceAuthError} (also one from another copy of this package), optionally with
 * one of the given codes.
 */
export function isDocSpaceAuthError(error: unknown, ...codes: DocSpaceAuthErrorCode[]): error is DocSpaceAuthError {
  if (typeof error !== 'object' || error === null || !(brand in error)) return false;
  return codes.length === 0 || codes.includes((error as unknown as DocSpaceAuthError).code);
}
