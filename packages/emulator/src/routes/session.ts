import { AUTH_COOKIE, SOCKET_COOKIE } from '../auth/request-auth.js';
import { ok, type RequestContext, type Reply } from '../context.js';

/** `GET /api/2.0/authentication`: 200 with `true` or `false`, never 401. */
export function isAuthenticated(ctx: RequestContext): Reply {
  return ok(ctx, ctx.identity.user !== undefined);
}

/**
 * `POST /api/2.0/authentication/logout`: always 200. Ends only the login event of the `asc_auth_key`
 * cookie (a token sent in `Authorization` alone stays valid) and clears the auth cookies that were sent.
 * No SSO in the emulator, so no logout URL: `response` is omitted and `count` is 0.
 */
export function logout(ctx: RequestContext): Reply {
  const cookie = ctx.cookies[AUTH_COOKIE];
  if (cookie) {
    const loginEventId = ctx.state.tokens.loginEventOf(cookie);
    if (loginEventId !== undefined) ctx.state.tokens.endLoginEvent(loginEventId);
  }
  if (ctx.cookies[AUTH_COOKIE] !== undefined) ctx.deleteCookie(AUTH_COOKIE);
  if (ctx.cookies[SOCKET_COOKIE] !== undefined) ctx.deleteCookie(SOCKET_COOKIE);
  return ok(ctx, null);
}
