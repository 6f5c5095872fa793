import type { RequestContext, RequestIdentity } from '../context.js';
import { passwordMatches } from './credentials.js';

/** The cookie that carries the portal token. */
export const AUTH_COOKIE = 'asc_auth_key';
/** The socket.io session cookie the portal clears together with the auth cookie. */
export const SOCKET_COOKIE = 'socketio.sid';

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function looksLikeJwt(value: string): boolean {
  if (!JWT.test(value)) return false;
  try {
    const header = JSON.parse(Buffer.from(value.split('.')[0] ?? '', 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null && 'alg' in header;
  } catch {
    return false;
  }
}

/**
 * Picks the scheme the way the portal does:
 * - no `Authorization` header → the `asc_auth_key` cookie;
 * - `Basic base64(email:password)` → user looked up by email, password checked;
 * - `Bearer <JWT>` → OAuth/OpenID tokens, which the emulator does not issue (never signed in);
 * - `Bearer sk-…` → an API key of some user;
 * - anything else (a raw token, `Bearer <token>`) → the cookie handler, which prefers the cookie when
 *   one is sent and otherwise validates the header value without its `Bearer ` prefix.
 * An `asc_auth_key` cookie that does not validate is cleared (with `socketio.sid`) on the response.
 */
export function authenticateRequest(ctx: RequestContext): RequestIdentity {
  const state = ctx.state;
  const authorization = ctx.header('authorization')?.trim() ?? '';
  const none = (basicTried = false): RequestIdentity => ({ user: undefined, via: undefined, basicTried });

  if (/^basic /i.test(authorization)) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return none(true);
    const user = state.users.byEmail(decoded.slice(0, colon));
    if (!user || user.disabled || !passwordMatches(user, decoded.slice(colon + 1))) return none(true);
    return { user, via: 'basic', basicTried: true };
  }
  const bearer = /^bearer /i.test(authorization) ? authorization.slice(7).trim() : undefined;
  if (bearer !== undefined && looksLikeJwt(bearer)) return none();
  if (bearer?.startsWith('sk-')) {
    const user = state.users.byApiKey(bearer);
    return user && !user.disabled ? { user, via: 'api-key', basicTried: false } : none();
  }

  const cookie = ctx.cookies[AUTH_COOKIE];
  const lookup = (id: string) => state.users.byId(id);
  if (cookie) {
    const resolved = state.tokens.resolve(cookie, lookup);
    if (resolved) return { user: resolved.user, via: 'cookie', basicTried: false };
    ctx.deleteCookie(AUTH_COOKIE);
    ctx.deleteCookie(SOCKET_COOKIE);
    return none();
  }
  const token = bearer ?? authorization;
  if (!token) return none();
  const resolved = state.tokens.resolve(token, lookup);
  return resolved ? { user: resolved.user, via: 'header-token', basicTried: false } : none();
}
