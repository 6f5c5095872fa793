import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import { portalAddress } from './stored-session.js';

/** 127.0.0.0/8, ::1 and localhost: addresses that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * An address as messages may show it: control characters dropped, any `user:password@` replaced, at most 200
 * characters. A mistyped address may hold credentials; it is never echoed verbatim.
 */
export function redactedAddress(address: string): string {
  const visible = address
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1[redacted]@');
  return visible.length > 200 ? `${visible.slice(0, 200)}…` : visible;
}

/** Parses a portal address: http(s), without credentials, query or fragment. `what` names it in messages. */
function parsePortalUrl(address: unknown, what: string): URL {
  if (typeof address !== 'string' || address.trim() === '') {
    throw new DocSpaceAuthError(
      'invalid_input',
      `${what} must be the portal address, e.g. https://yourportal.onlyoffice.com`,
    );
  }
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new DocSpaceAuthError('invalid_input', `${what} ${JSON.stringify(redactedAddress(address))} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DocSpaceAuthError('invalid_input', `${what} must use https (or http on loopback), not ${url.protocol}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new DocSpaceAuthError('invalid_input', `${what} must not carry credentials, a query or a fragment`);
  }
  return url;
}

/**
 * The portal as sessions are keyed and stored (see `sessionKey`): origin plus any path prefix, without a trailing
 * slash, e.g. `https://Portal.example.com/docspace/` gives `https://portal.example.com/docspace`. The same rule the
 * SDK applies to its `baseUrl`, so that a tool reading a session file finds what the SDK saved.
 *
 * Checks the form only (http or https, no credentials, query or fragment); it does not refuse plain http to a
 * remote host, which the SDK does before sending anything.
 *
 * @throws {@link DocSpaceAuthError} `invalid_input` when `address` is not such a URL.
 */
export function normalizePortalAddress(address: string): string {
  return portalAddress(parsePortalUrl(address, 'the portal address'));
}

/**
 * The portal address from the `baseUrl` option: {@link normalizePortalAddress}, and also refusing plain http to a
 * host that is not loopback unless explicitly allowed.
 */
export function portalOrigin(baseUrl: unknown, allowInsecureHttp: boolean): string {
  const url = parsePortalUrl(baseUrl, 'baseUrl');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new DocSpaceAuthError(
      'insecure_transport',
      `refusing to send credentials over plain http to ${url.host}, which is not this machine; use https`,
    );
  }
  return portalAddress(url);
}
