import { AUTH_COOKIE } from '../auth/request-auth.js';
import { ok, type RequestContext, type Reply } from '../context.js';
import { selfProfile } from '../dto.js';

/**
 * The authorisation filter of `people/@self` (it runs before the portal-state filters): 401 with an empty
 * body without valid credentials, with `WWW-Authenticate: Basic` when Basic credentials were tried.
 */
export function authorizeSelf(ctx: RequestContext): Reply | undefined {
  const identity = ctx.identity;
  if (identity.user) return undefined;
  return { status: 401, headers: identity.basicTried ? { 'www-authenticate': 'Basic' } : {} };
}

/** `GET /api/2.0/people/@self`: the signed-in user's profile (see `selfProfile`). */
export function getSelfProfile(ctx: RequestContext): Reply {
  const user = ctx.identity.user;
  if (!user) return { status: 401 };
  const cookie = ctx.identity.via === 'cookie' ? ctx.cookies[AUTH_COOKIE] : undefined;
  return ok(
    ctx,
    selfProfile(user, {
      portalUrl: ctx.portalUrl,
      loginEventId: (cookie && ctx.state.tokens.loginEventOf(cookie)) || 0,
      createdAt: ctx.state.createdAt,
    }),
  );
}
