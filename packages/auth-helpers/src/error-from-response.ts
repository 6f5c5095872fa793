// The one mapping of an unusable HTTP answer to a DocSpaceAuthError. Apart from errors.ts so that the file-store
// entry, which needs only the error guard, does not load it.
import { DocSpaceAuthError } from './errors.js';
import { serverRetryDelay } from './utils/retry-delay.js';

/** What an answer was to: it decides what a 401, 403 or 404 means. */
export type AnsweredRequest = 'sign-in' | 'second-factor' | 'call';

/** The portal's message from an error envelope (`{ error: { message } }`), if the body is one. */
function serverMessageOf(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * The one mapping of an unusable HTTP answer to a {@link DocSpaceAuthError}, for sign-in steps and authorised calls
 * alike. `body` is the parsed error body, when there was one; `now` dates a `Retry-After` given as an HTTP date. A
 * `rate_limited` error carries the wait the retry loop would honour (`Retry-After`, else `X-RateLimit-Reset`).
 */
export function errorFromResponse(
  response: Response,
  body: unknown,
  request: AnsweredRequest,
  now: number,
): DocSpaceAuthError {
  const { status } = response;
  const serverMessage = serverMessageOf(body);
  const details = { status, serverMessage };
  if (response.ok) {
    return new DocSpaceAuthError('protocol', `the portal's answer (HTTP ${status}) does not match the DocSpace API`, details);
  }
  switch (status) {
    case 400:
      return new DocSpaceAuthError('invalid_input', 'the portal rejected the request as malformed (HTTP 400)', details);
    case 401:
      if (request === 'call') return new DocSpaceAuthError('session_expired', 'the portal rejected the token', details);
      return request === 'second-factor'
        ? new DocSpaceAuthError('invalid_code', 'the portal refused the code (wrong, expired or already used)', details)
        : new DocSpaceAuthError('invalid_credentials', 'the portal refused the user name or password', details);
    case 403:
      if (serverMessage && /disabled/i.test(serverMessage)) {
        return new DocSpaceAuthError('user_disabled', 'the account is disabled', details);
      }
      if (request === 'call') break;
      // The portal does not say how long the block lasts; its default block time is 60 s.
      return new DocSpaceAuthError('blocked', 'too many failed sign-ins for this user from this address; try again later', {
        ...details,
        retryAfterMs: 60_000,
      });
    case 404:
      if (request === 'call') break;
      return new DocSpaceAuthError('invalid_credentials', 'the portal found no such user', details);
    case 429:
      return new DocSpaceAuthError('rate_limited', 'the portal is limiting requests; try again later', {
        ...details,
        retryAfterMs: serverRetryDelay(response.headers, now),
      });
  }
  return status >= 500
    ? new DocSpaceAuthError('server_error', `the portal failed (HTTP ${status})`, details)
    : new DocSpaceAuthError('protocol', `unexpected answer from the portal (HTTP ${status})`, details);
}
