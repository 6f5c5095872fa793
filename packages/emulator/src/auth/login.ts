import { ok, type RequestContext, type Reply } from '../context.js';
import type { AuthenticationTokenDto } from '@docspace/auth-client';
import { tokenDto } from '../dto.js';
import { ApiError, Exceptions, Messages, ZERO_DATE, formatUtc } from '../envelope.js';
import { AUTH_REQUEST, bindModel, type AuthRequest } from '../model.js';
import type { UserRecord } from '../user-record.js';
import { confirmKeySubject, type ConfirmType } from './confirm-keys.js';
import { requireActiveUser, resolveCredentials } from './credentials.js';
import { AUTH_COOKIE } from './request-auth.js';
import { SMS_CODE_VALIDITY_MS, phoneNoise } from './sms.js';

/** Starts a login event for `user`, sets `asc_auth_key` and returns the token and its `expires`. */
export function signIn(ctx: RequestContext, user: UserRecord, session: boolean): { token: string; expires: string } {
  const issued = ctx.state.tokens.issue(user);
  ctx.setCookie(AUTH_COOKIE, issued.token, session ? undefined : issued.expiresAt);
  return { token: issued.token, expires: session ? ZERO_DATE : formatUtc(issued.expiresAt) };
}

/** `{portal}/confirm/{type}?type={type}&…` */
export function confirmUrl(ctx: RequestContext, type: ConfirmType, query: Record<string, string>): string {
  const params = new URLSearchParams({ type, ...query });
  return `${ctx.portalUrl}/confirm/${type}?${params.toString()}`;
}

/** A phone link: `{portal}/confirm/{type}?type={type}&key={key}&encemail={encrypted email}`. */
function phoneLink(ctx: RequestContext, user: UserRecord, type: 'PhoneActivation' | 'PhoneAuth'): string {
  const keys = ctx.state.confirmKeys;
  return confirmUrl(ctx, type, {
    key: keys.create(confirmKeySubject(type, user.email)),
    encemail: keys.encryptEmail(user.email),
  });
}

/** Sends an SMS code to the user's phone; too many pending codes → 500 as on the server. */
export function sendSmsCode(ctx: RequestContext, user: UserRecord, phone: string, again: boolean): string {
  if (!ctx.state.sms.sendCode(user, phone, again)) {
    throw new ApiError(500, Messages.tooManyMessages, Exceptions.generic);
  }
  return formatUtc(ctx.state.clock.now() + SMS_CODE_VALIDITY_MS);
}

/** The first step of a sign-in once the user is known (`POST /authentication`). */
export function firstStep(ctx: RequestContext, user: UserRecord, dto: AuthRequest): AuthenticationTokenDto {
  const factor = user.secondFactor;
  if (factor.type === 'sms') {
    if (!user.phone || !user.phoneActivated) {
      return tokenDto({ expires: ZERO_DATE, sms: true, confirmUrl: phoneLink(ctx, user, 'PhoneActivation') });
    }
    const expires = sendSmsCode(ctx, user, user.phone, false);
    return tokenDto({
      expires,
      sms: true,
      phoneNoise: phoneNoise(user.phone),
      confirmUrl: phoneLink(ctx, user, 'PhoneAuth'),
    });
  }
  if (factor.type === 'app') {
    const type: ConfirmType = factor.backupCodes === null ? 'TfaActivation' : 'TfaAuth';
    // The key travels in a browser-session cookie; the link itself carries only the user id.
    ctx.setCookie(
      `asc_confirm_key_${type}`,
      ctx.state.confirmKeys.create(confirmKeySubject(type, user.email, user.id)),
    );
    return tokenDto({
      expires: ZERO_DATE,
      tfa: true,
      tfaKey: type === 'TfaActivation' ? factor.secret.replace(/=+$/, '') : null,
      confirmUrl: confirmUrl(ctx, type, { uid: user.id }),
    });
  }
  return tokenDto({ ...signIn(ctx, user, dto.session) });
}

/** `POST /api/2.0/authentication` */
export function authenticateMe(ctx: RequestContext): Reply {
  const dto = bindModel<AuthRequest>(ctx.body, AUTH_REQUEST);
  const user = requireActiveUser(resolveCredentials(ctx, dto));
  return ok(ctx, firstStep(ctx, user, dto));
}

/** `POST /api/2.0/authentication/sendsms`: a new SMS code for a user who signs in with SMS. */
export function sendSms(ctx: RequestContext): Reply {
  const dto = bindModel<AuthRequest>(ctx.body, AUTH_REQUEST);
  const user = requireActiveUser(resolveCredentials(ctx, dto));
  if (user.secondFactor.type !== 'sms') {
    throw new ApiError(500, 'Attempt to access the method failed.', Exceptions.methodAccess);
  }
  if (!user.phone) throw new ApiError(400, "Value cannot be null. (Parameter 'phone')", Exceptions.argumentNull);
  const expires = sendSmsCode(ctx, user, user.phone, true);
  return ok(ctx, tokenDto({ expires, sms: true, phoneNoise: phoneNoise(user.phone) }));
}
