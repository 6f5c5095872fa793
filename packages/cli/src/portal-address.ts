import { isDocSpaceAuthError, normalizePortalAddress } from '@docspace/auth-helpers/file-store';
import { usageError } from './errors.js';

/**
 * The portal address as `@docspace/auth-helpers` keys its sessions (its `normalizePortalAddress`), with a bad
 * address reported as a usage error. Security checks (https, loopback) stay the SDK's job when it sends something:
 * `token` sends nothing anywhere.
 */
export function portalKeyOf(address: string): string {
  try {
    return normalizePortalAddress(address);
  } catch (error) {
    if (isDocSpaceAuthError(error, 'invalid_input')) throw usageError(error.message, 'give it as https://yourportal.onlyoffice.com');
    throw error;
  }
}
