// Replaying a request after a 401: find the token it carried, and copy its headers with a fresh token in its place.

const COOKIE_TOKEN = /(?:^|;\s*)asc_auth_key=([^;]*)/;

/** The session token request headers carry, in `Authorization` or in the `asc_auth_key` cookie. */
export function tokenOf(headers: Headers): string | undefined {
  const authorization = headers.get('authorization');
  if (authorization) return authorization.startsWith('Bearer ') ? authorization.slice(7) : authorization;
  const match = COOKIE_TOKEN.exec(headers.get('cookie') ?? '');
  return match ? decodeURIComponent(match[1] ?? '') : undefined;
}

/** A copy of `headers` with every place that held `oldToken` holding `newToken`. */
export function withToken(headers: Headers, oldToken: string, newToken: string): Headers {
  const copy = new Headers(headers);
  const authorization = copy.get('authorization');
  if (authorization === `Bearer ${oldToken}`) copy.set('authorization', `Bearer ${newToken}`);
  else if (authorization === oldToken) copy.set('authorization', newToken);
  const cookie = copy.get('cookie');
  if (cookie) {
    copy.set(
      'cookie',
      cookie.replace(COOKIE_TOKEN, (all, value: string) => all.replace(value, newToken)),
    );
  }
  return copy;
}
