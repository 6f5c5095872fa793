// The one mapping of an unusable HTTP answer to a DocSpaceAuthError. Apart from docspace-auth-error.ts so that code
// that needs only the error class or its guard does not load it.
import { DocSpaceAuthError, isDocSpaceAuthError } from './docspace-auth-error.js';
import { serverRetryDelay } from './server-retry-delay.js';

/** What an answer was to: it decides what a 401, 403 or 404 means. */
export type AnsweredRequest = 'sign-in' | 'second-factor' | 'call';

/** The portal's message from an error envelope (`{ error: { message } }`), if the body is one. */
function serverMessageOf(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : undefined;
}

/** What every `@docspace/auth-client` operation returns (the part that tells what went wrong). */
export interface CallResult {
  error?: unknown;
  response?: Response | undefined;
}

/**
 * The {@link DocSpaceAuthError} of a failed call made with `auth.client` (or any `@docspace/auth-client`
 * operation), mapped exactly as the helper maps its own calls: `session_expired`, `portal_not_found`,
 * `portal_unavailable`, `access_restricted`, `rate_limited`, `server_error`, `protocol` (also for a 2xx whose
 * body is not the JSON the spec describes), ... An error that already is a `DocSpaceAuthError` (`network`,
 * `timeout`, `not_signed_in`, ...) is returned as it is.
 *
 * @example
 * ```ts
 * const result = await getSelfProfile({ client: auth.client });
 * if (result.error !== undefined) throw errorFromResult(result);
 * ```
 */
export function errorFromResult(result: CallResult, now: number = Date.now()): DocSpaceAuthError {
  if (isDocSpaceAuthError(result.error)) return result.error;
  if (!result.response)
    return new DocSpaceAuthError('network', 'the portal could not be reached', { cause: result.error });
  return errorFromResponse(result.response, result.error, 'call', now);
}

const portalNotFound = (status: number) =>
  new DocSpaceAuthError(
    'portal_not_found',
    'no DocSpace portal at this address (suspended, removed or mistyped); check the address',
    {
      status,
    },
  );

/**
 * The one mapping of an unusable HTTP answer to a {@link DocSpaceAuthError}, for sign-in steps and authorised calls
 * alike. `body` is the parsed error body, when there was one; `now` dates a `Retry-After` given as an HTTP date. A
 * `rate_limited` error carries the wait the retry loop would honour (`Retry-After`, else `X-RateLimit-Reset`).
 *
 * The portal's own filters answer before any action: an empty 404 when there is no portal to answer (unknown
 * address, suspended or removed portal), an empty 403 while it is restored, transferred or encrypted, and a 403
 * with a bare message when its IP restrictions exclude the caller. Those are told apart from the actions' answers,
 * which carry an error envelope.
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
    return new DocSpaceAuthError(
      'protocol',
      `the portal's answer (HTTP ${status}) does not match the DocSpace API`,
      details,
    );
  }
  switch (status) {
    case 400:
      return new DocSpaceAuthError('invalid_input', 'the portal rejected the request as malformed (HTTP 400)', details);
    case 401:
      if (request === 'call') return new DocSpaceAuthError('session_expired', 'the portal rejected the token', details);
      return request === 'second-factor'
        ? new DocSpaceAuthError('invalid_code', 'the portal refused the code (wrong, expired or already used)', details)
        : new DocSpaceAuthError('invalid_credentials', 'the portal refused the user name or password', details);
    case 403: {
      // The filters' answers: a bare string (plain text or a JSON string, never an HTML page) from the IP-security
      // filter, and no body at all (no content type; the client hands over {}) while the portal is restored.
      const type = response.headers.get('content-type');
      if (typeof body === 'string' && body.trim() && /^(text\/plain|application\/json)/i.test(type ?? '')) {
        // Not a block: waiting does not help, only another network (or the portal's administrator) does.
        return new DocSpaceAuthError('access_restricted', "the portal's IP restrictions block this address", {
          status,
          serverMessage: body.trim(),
        });
      }
      if (!type && !(body && Object.keys(body).length)) {
        return new DocSpaceAuthError(
          'portal_unavailable',
          'the portal is being restored, moved or encrypted; try again later',
          { status },
        );
      }
      if (serverMessage && /disabled/i.test(serverMessage)) {
        return new DocSpaceAuthError('user_disabled', 'the account is disabled', details);
      }
      if (request === 'call' || serverMessage === undefined) break;
      // The portal does not say how long the block lasts; its default block time is 60 s.
      return new DocSpaceAuthError(
        'blocked',
        'too many failed sign-ins for this user from this address; try again later',
        {
          ...details,
          retryAfterMs: 60_000,
        },
      );
    }
    case 404:
      // With an error envelope it is the action's answer (a sign-in link for no user); anything else is not a portal.
      if (serverMessage === undefined) return portalNotFound(status);
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
