// The credentials of a request: each security scheme the operation declares is offered to the `auth` option.
import type { Auth, AuthCallback, AuthToken } from './types.js';

/** The value a scheme sends for `token`: `Bearer <token>`, `Basic <base64>`, or the token itself. */
function credential(scheme: Auth, token: string): string {
  if (scheme.scheme === 'bearer') return `Bearer ${token}`;
  if (scheme.scheme === 'basic') return `Basic ${btoa(token)}`;
  return token;
}

/**
 * Adds the credential of each scheme `auth` answers for to `headers` (lower-case names) or `query`. A header the
 * caller already set is left as it is, and a cookie is added to the `cookie` header.
 */
export async function applySecurity(
  schemes: ReadonlyArray<Auth>,
  auth: AuthCallback | AuthToken,
  headers: Record<string, string>,
  query: Record<string, unknown>,
): Promise<void> {
  for (const scheme of schemes) {
    const name = scheme.name ?? 'Authorization';
    const key = name.toLowerCase();
    if (scheme.in !== 'cookie' && scheme.in !== 'query' && headers[key] !== undefined) continue;
    const token = typeof auth === 'function' ? await auth(scheme) : auth;
    if (!token) continue;
    const value = credential(scheme, token);
    if (scheme.in === 'cookie') {
      headers.cookie = headers.cookie ? `${headers.cookie}; ${name}=${value}` : `${name}=${value}`;
    } else if (scheme.in === 'query') {
      query[name] = value;
    } else {
      headers[key] = value;
    }
  }
}
