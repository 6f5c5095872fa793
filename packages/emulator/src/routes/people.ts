import { ok, type RequestContext, type Reply } from '../context.js';
import { selfProfile } from '../dto.js';

/**
 * `GET /api/2.0/people/@self`: the signed-in user's profile; 401 with an empty body otherwise
 * (with `WWW-Authenticate: Basic` when Basic credentials were tried).
 */
export function getSelfProfile(ctx: RequestContext): Reply {
  const identity = ctx.identity;
  if (!identity.user) return { status: 401, headers: identity.basicTried ? { 'www-authenticate': 'Basic' } : {} };
  return ok(ctx, selfProfile(identity.user));
}
