import {
  CONFIRM_TYPES,
  confirmKeySubject,
  confirmKeyValidity,
  type ConfirmType,
  ValidationResult,
} from '../auth/confirm-keys.js';
import { sendSmsCode } from '../auth/login.js';
import { phoneNoise } from '../auth/sms.js';
import { ok, type RequestContext, type Reply } from '../context.js';
import { confirmDto, tokenDto } from '../dto.js';
import { ApiError, Exceptions } from '../envelope.js';
import { CONFIRM_REQUEST, MOBILE_REQUEST, bindModel, type ConfirmRequest, type MobileRequest } from '../model.js';
import { phoneDigits } from '../user-record.js';

/**
 * `POST /api/2.0/authentication/confirm`: checks a confirmation key of a type for an email and answers
 * `{result, email}` (`email` only when the key is good). An empty `key` is taken from the cookie
 * `asc_confirm_key_{type}`. Invitation links (`LinkInvite`) do not exist in the emulator: always Invalid.
 *
 * As on the server, the key is checked against the address and the type joined together, so a missing
 * `email` is no error: the key simply does not match (200, Invalid). The server's key check refuses only an
 * empty subject (no type and no email: 400) and a missing key (400).
 */
export function checkConfirm(ctx: RequestContext): Reply {
  const dto = bindModel<ConfirmRequest>(ctx.body, CONFIRM_REQUEST);
  const type = dto.type;
  const key = dto.key || (type ? ctx.cookies[`asc_confirm_key_${type}`] : undefined) || '';
  if (type === 'LinkInvite') return ok(ctx, confirmDto(ValidationResult.Invalid, null));
  const email = dto.email || (dto.encEmail ? ctx.state.confirmKeys.decryptEmail(dto.encEmail) : undefined) || null;
  if (!email && !type) {
    throw new ApiError(400, "The value cannot be an empty string. (Parameter 'email')", Exceptions.argument);
  }
  if (!key) throw new ApiError(400, "Value cannot be null. (Parameter 'key')", Exceptions.argumentNull);
  if (!type) return ok(ctx, confirmDto(ValidationResult.Invalid, null));
  const user = email ? ctx.state.users.byEmail(email) : undefined;
  const subject = confirmKeySubject(
    type,
    email,
    dto.uiD ?? (type === 'TfaAuth' || type === 'TfaActivation' ? user?.id : null),
  );
  const result = ctx.state.confirmKeys.validate(subject, key, confirmKeyValidity(type));
  return ok(ctx, confirmDto(result, result === ValidationResult.Ok ? email : null));
}

/** A `ConfirmType` by name (any case), or undefined. */
function confirmTypeOf(name: string | null): ConfirmType | undefined {
  const lower = name?.trim().toLowerCase();
  return lower ? CONFIRM_TYPES.find((type) => type.toLowerCase() === lower) : undefined;
}

/**
 * The authorisation of `setphone` (`[Authorize(AuthenticationSchemes = "confirm", Roles = "PhoneActivation")]`).
 * The `confirm` request header holds a query string `type=PhoneActivation&key=…&encemail=…` (or `email=…`); the
 * key may come from the cookie `asc_confirm_key_{type}` instead. The confirm handler:
 * - no type in the header: accepts the request when it is already signed in (a valid session token), so the
 *   role check then fails: 403; otherwise 401;
 * - a type whose key does not validate: 401;
 * - a valid key: signs the request in (as the session's user when there is one, else the link's user) with the
 *   link type as its role: any type but `PhoneActivation` is 403.
 * All three answers have an empty body.
 */
export function authorizePhoneActivation(ctx: RequestContext): Reply | undefined {
  const params = new URLSearchParams((ctx.header('confirm') ?? '').replace(/^\?/, ''));
  const type = confirmTypeOf(params.get('type'));
  if (!type) return ctx.identity.user ? { status: 403 } : { status: 401 };
  const key = params.get('key') || ctx.cookies[`asc_confirm_key_${params.get('type')}`] || '';
  const encrypted = params.get('encemail');
  const email = params.get('email') || (encrypted ? ctx.state.confirmKeys.decryptEmail(encrypted) : undefined) || null;
  const uid = params.get('uid');
  if (!key) return { status: 401 };
  const result = ctx.state.confirmKeys.validate(confirmKeySubject(type, email, uid), key, confirmKeyValidity(type));
  if (result !== ValidationResult.Ok) return { status: 401 };
  if (type !== 'PhoneActivation') return { status: 403 };
  const user = ctx.identity.user ?? (email ? ctx.state.users.byEmail(email) : undefined);
  if (!user || user.disabled) return { status: 401 };
  ctx.identity = { user, via: 'confirm', basicTried: false };
  return undefined;
}

/**
 * `POST /api/2.0/authentication/setphone`: saves the number (digits only) as not activated, sends a
 * code to it and answers `{sms: true, phoneNoise, expires}`. Replacing an activated number is refused (500).
 */
export function saveMobilePhone(ctx: RequestContext): Reply {
  const user = ctx.identity.via === 'confirm' ? ctx.identity.user : undefined;
  if (!user) return { status: 401 };
  const dto = bindModel<MobileRequest>(ctx.body, MOBILE_REQUEST);
  const phone = phoneDigits(dto.mobilePhone ?? '');
  if (!phone) throw new ApiError(500, 'The phone number is empty', Exceptions.generic);
  if (user.phone && user.phoneActivated) {
    throw new ApiError(
      500,
      'The phone number is already activated; it has to be removed before another one is set',
      Exceptions.generic,
    );
  }
  user.phone = phone;
  user.phoneActivated = false;
  const expires = sendSmsCode(ctx, user, phone, false);
  return ok(ctx, tokenDto({ expires, sms: true, phoneNoise: phoneNoise(phone) }));
}
