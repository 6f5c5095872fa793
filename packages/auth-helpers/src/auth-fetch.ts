// `auth.fetch`: a fetch that signs every request to the portal with the current token (or API key), through the
// same transport as `auth.client` (renewal, one shared re-login, one replay after a 401, retries). Any fetch-based
// client can use it: openapi-fetch, ky, a hey-api client generated elsewhere (see attach.ts), plain calls.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import { isSignInRequest } from './utils/sign-in-request.js';

/** What {@link createAuthFetch} needs. */
export interface AuthFetchOptions {
  /** The portal address (origin plus any path prefix, no trailing slash). */
  portal: string;
  /** The token (or API key) for the next call; rejects with `not_signed_in`, `session_expired`, ... */
  token: () => string | Promise<string>;
  /** The transport with retries and the 401 replay (transport.ts). */
  transport: typeof globalThis.fetch;
}

/** `scheme:` at the start: an absolute URL. */
const ABSOLUTE = /^[a-z][a-z\d+.-]*:/i;

/** The URL a fetch input points to; a relative string is resolved against the portal address. */
function targetOf(input: RequestInfo | URL, portal: string): string {
  if (typeof input === 'string') {
    if (ABSOLUTE.test(input)) return input;
    return `${portal}${input.startsWith('/') ? '' : '/'}${input}`;
  }
  return input instanceof URL ? input.href : input.url;
}

/**
 * Builds `auth.fetch`. The token goes only to the portal: a URL outside it (another host, scheme or path prefix)
 * is refused with `invalid_input` before anything is sent. Sign-in requests (`POST /api/2.0/authentication...`)
 * go without it: they need none, and their 401 refuses credentials, not the session.
 */
export function createAuthFetch(options: AuthFetchOptions): typeof globalThis.fetch {
  const { portal, token, transport } = options;
  const inside = `${portal}/`;
  /** Length of the portal's path prefix (`/docspace` in `https://host/docspace`), to find the API path after it. */
  const prefixLength = new URL(inside).pathname.length - 1;
  return async function authFetch(input, init) {
    const target = targetOf(input, portal);
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new DocSpaceAuthError(
        'invalid_input',
        `auth.fetch needs a URL of the portal, not ${JSON.stringify(target)}`,
      );
    }
    // Compared after URL normalisation (lower-case host, default port dropped), as the portal address is.
    if (url.href !== portal && !url.href.startsWith(inside)) {
      throw new DocSpaceAuthError(
        'invalid_input',
        `auth.fetch sends the token only to ${portal}, not to ${url.origin}${url.pathname}`,
      );
    }
    const request = typeof input === 'string' ? url.href : input;
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (isSignInRequest(method, url.pathname.slice(prefixLength))) return transport(request, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('authorization', `Bearer ${await token()}`);
    return transport(request, { ...init, headers });
  };
}
