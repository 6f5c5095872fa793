// The portal address as people type it: `yourportal.onlyoffice.com` means https://yourportal.onlyoffice.com. Keyed
// as `@docspace/auth-helpers` keys its sessions (its `normalizePortalAddress`), so every command finds what the SDK
// saved. Cheap: part of the `token` fast path.
import { isDocSpaceAuthError, normalizePortalAddress } from '@docspace/auth-helpers/file-store';
import { usageError } from './errors.js';

/** A scheme at the start (`https://`, `http://`, `ftp://`, ...). */
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The address with `https://` put in front of a bare host (`portal.example.com`, `portal.example.com:8443/docspace`),
 * nothing else changed.
 */
export function withScheme(address: string): string {
  const trimmed = address.trim();
  return HAS_SCHEME.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** The portal as sessions are keyed (origin plus any path prefix, no trailing slash); a bad address is a usage error. */
export function portalKeyOf(address: string): string {
  try {
    return normalizePortalAddress(withScheme(address));
  } catch (error) {
    if (isDocSpaceAuthError(error, 'invalid_input')) {
      throw usageError(error.message, 'give the address you open DocSpace at, e.g. https://yourportal.onlyoffice.com');
    }
    throw error;
  }
}

/** 127.0.0.0/8, ::1 and localhost: the SDK's own rule for where plain http is allowed without asking. */
export function isLoopbackPortal(portal: string): boolean {
  const host = new URL(portal).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** True for a plain-http address of a host that is not this machine: allowed only when asked for, with a warning. */
export const needsInsecureHttp = (portal: string) => portal.startsWith('http:') && !isLoopbackPortal(portal);
