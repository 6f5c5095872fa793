// The form of a session token, the one definition both the SDK and tools reading the session file apply: the
// characters of a cookie value (RFC 6265 cookie-octet), as the token travels as the `asc_auth_key` cookie and in an
// `Authorization` header, and a length limit. No import: the session-file entry stays cheap.

/** Default longest token, in characters (`limits.maxTokenLength`). */
export const MAX_TOKEN_LENGTH = 4096;

const TOKEN = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/;

/** Why `token` cannot be used (not a string, too long, a character a header or cookie cannot carry), or `undefined`. */
export function tokenProblem(token: unknown, maxLength: number = MAX_TOKEN_LENGTH): string | undefined {
  if (typeof token !== 'string' || token === '') return 'it is not a non-empty string';
  if (token.length > maxLength) return `it is longer than ${maxLength} characters (limits.maxTokenLength)`;
  if (!TOKEN.test(token))
    return 'it holds characters a header or cookie cannot carry (control characters, spaces, ...)';
  return undefined;
}
