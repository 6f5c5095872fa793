// Replaying a request after a 401: find the token it carried, and copy it with a fresh token in its place.

const COOKIE_TOKEN = /(?:^|;\s*)asc_auth_key=([^;]*)/;

/** The session token a request carries, in the `Authorization` header or the `asc_auth_key` cookie. */
export function tokenOf(request: Request): string | undefined {
  const authorization = request.headers.get('authorization');
  if (authorization) return authorization.startsWith('Bearer ') ? authorization.slice(7) : authorization;
  const match = COOKIE_TOKEN.exec(request.headers.get('cookie') ?? '');
  return match ? decodeURIComponent(match[1] ?? '') : undefined;
}

/** A copy of `request` (its body `body`, when given) with every place that held `oldToken` holding `newToken`. */
export function withToken(
  request: Request,
  oldToken: string,
  newToken: string,
  body: ArrayBuffer | undefined,
): Request {
  const headers = new Headers(request.headers);
  const authorization = headers.get('authorization');
  if (authorization === `Bearer ${oldToken}`) headers.set('authorization', `Bearer ${newToken}`);
  else if (authorization === oldToken) headers.set('authorization', newToken);
  const cookie = headers.get('cookie');
  if (cookie)
    headers.set(
      'cookie',
      cookie.replace(COOKIE_TOKEN, (all, value: string) => all.replace(value, newToken)),
    );
  return new Request(request, body === undefined ? { headers } : { headers, body });
}
