// API keys (`sk-…`): a credential that needs no sign-in. The portal routes `Authorization: Bearer sk-…` to its
// API-key handler by that prefix alone, so the prefix is also how a stored token is recognised as a key.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';

const PREFIX = 'sk-';

/** Whether a token is an API key rather than a session token. */
export function isApiKey(token: string): boolean {
  return token.startsWith(PREFIX);
}

/**
 * The API key of the `apiKey` option, trimmed (a key read from a file or stdin ends with a newline).
 *
 * @throws {@link DocSpaceAuthError} `invalid_input` when it is not a string starting with `sk-`; the message never
 * contains the value.
 */
export function checkApiKey(value: unknown): string {
  const key = typeof value === 'string' ? value.trim() : '';
  if (!isApiKey(key) || key.length === PREFIX.length || /\s/.test(key)) {
    throw new DocSpaceAuthError('invalid_input', 'apiKey must be a DocSpace API key: one word starting with "sk-"');
  }
  return key;
}

/** The error of a 401 to a call made with an API key: there is nothing to sign in again with. */
export function rejectedApiKey(): DocSpaceAuthError {
  return new DocSpaceAuthError(
    'invalid_api_key',
    'the portal rejected the API key (unknown, revoked or expired, or its user is disabled)',
    { status: 401 },
  );
}
