import { usageError } from './errors.js';

/**
 * The portal address as `@docspace/auth-helpers` keys its sessions: origin plus any path prefix, without a trailing
 * slash. The same rule as the SDK's own (which is not exported); it lives here so that `docspace-auth token` finds
 * the saved session without loading the SDK. Security checks (https, loopback) stay the SDK's job: `token` sends
 * nothing anywhere.
 */
export function portalKeyOf(address: string): string {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw usageError(`the portal address ${JSON.stringify(address)} is not a URL`, 'give it as https://yourportal.onlyoffice.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw usageError(`the portal address must start with https://, not ${url.protocol}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The store key of one user's session on one portal (the SDK's `docspace-auth:<portal>:<user>`). */
export const userKey = (portal: string, userName: string) => `docspace-auth:${portal}:${userName.trim().toLowerCase()}`;

/** The store key of a portal's most recent session (the SDK's `docspace-auth:<portal>`). */
export const latestKey = (portal: string) => `docspace-auth:${portal}`;
