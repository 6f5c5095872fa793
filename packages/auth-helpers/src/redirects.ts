// Redirects, followed by the SDK itself (every request goes out with `redirect: 'manual'`), so that the same rules
// hold with the platform's fetch and with any fetch passed in:
// - never down from https to plain http, and never to anything but http(s);
// - a request that is not a GET or HEAD (a sign-in with the password, a code, a logout with the token) never follows
//   a redirect to another origin;
// - a GET or HEAD follows one to another origin without its Authorization and Cookie headers;
// - 307 and 308 repeat the method and body; 303 (and 301/302 after a POST, as browsers do) continue with a GET;
// - at most MAX_REDIRECTS in a row, so a loop is a clear error.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';

/** Most redirects followed for one request. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** The next hop of a redirect: where to, with which method, headers and body. */
export interface RedirectHop {
  url: string;
  method: string;
  headers: Headers;
  /** Whether the body of the request is sent again (307, 308). */
  keepBody: boolean;
}

const refused = (message: string, status: number) => new DocSpaceAuthError('redirect_refused', message, { status });

/**
 * What to do with `response` to `request`: `undefined` when it is not a redirect to follow (it is then the answer),
 * the next hop otherwise. `firstMethod` is the method of the request as the caller made it; `hops` counts the
 * redirects already followed. Throws `redirect_refused` for a redirect that breaks the rules above.
 */
export function nextHop(
  request: Pick<RedirectHop, 'url' | 'method' | 'headers'>,
  response: Response,
  firstMethod: string,
  hops: number,
): RedirectHop | undefined {
  if (response.type === 'opaqueredirect') {
    throw refused(
      'the portal answered with a redirect, which this browser does not let the SDK inspect; use the address it redirects to',
      0,
    );
  }
  const { status } = response;
  const location = REDIRECT_STATUS.has(status) ? response.headers.get('location') : null;
  if (location === null) return undefined;
  if (hops >= MAX_REDIRECTS) {
    throw refused(`the portal redirected more than ${MAX_REDIRECTS} times in a row (a redirect loop?)`, status);
  }
  let target: URL;
  try {
    target = new URL(location, request.url);
  } catch {
    throw refused(`the portal redirected to an address that is not a URL (HTTP ${status})`, status);
  }
  const from = new URL(request.url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw refused(`the portal redirected to a ${target.protocol} address (HTTP ${status})`, status);
  }
  if (from.protocol === 'https:' && target.protocol === 'http:') {
    throw refused(
      `the portal redirected from https down to plain http (${target.host}); the SDK does not follow it`,
      status,
    );
  }
  const sameOrigin = target.origin === from.origin;
  const safeMethod = firstMethod === 'GET' || firstMethod === 'HEAD';
  if (!sameOrigin && !safeMethod) {
    throw refused(
      `the portal redirected a ${firstMethod} request, which carries credentials, to another origin (${target.host}); the SDK does not follow it`,
      status,
    );
  }
  const toGet =
    status === 303 ? request.method !== 'HEAD' : (status === 301 || status === 302) && request.method === 'POST';
  const headers = new Headers(request.headers);
  if (toGet) {
    for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) {
      headers.delete(name);
    }
  }
  if (!sameOrigin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  return { url: target.href, method: toGet ? 'GET' : request.method, headers, keepBody: !toGet };
}
