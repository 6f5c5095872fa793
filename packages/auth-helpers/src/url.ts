import { DocSpaceAuthError } from './errors.js';

/** 127.0.0.0/8, ::1 and localhost: addresses that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The portal address from the `baseUrl` option: origin plus any path prefix, without a trailing slash.
 * Refuses anything but http(s), and plain http to a host that is not loopback unless explicitly allowed.
 */
export function portalOrigin(baseUrl: unknown, allowInsecureHttp: boolean): string {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new DocSpaceAuthError('invalid_input', 'baseUrl must be the portal address, e.g. https://yourportal.onlyoffice.com');
  }
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new DocSpaceAuthError('invalid_input', `baseUrl ${JSON.stringify(baseUrl)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DocSpaceAuthError('invalid_input', `baseUrl must use https (or http on loopback), not ${url.protocol}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new DocSpaceAuthError('invalid_input', 'baseUrl must not carry credentials, a query or a fragment');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new DocSpaceAuthError(
      'insecure_transport',
      `refusing to send credentials over plain http to ${url.host}, which is not this machine; use https`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
