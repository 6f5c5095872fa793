import { confirmKeySubject, confirmKeyValidity, ValidationResult } from '../auth/confirm-keys.js';
import { sendSmsCode } from '../auth/login.js';
import { phoneNoise } from '../auth/sms.js';
import { ok, type RequestContext, type Reply } from '../context.js';
import { confirmDto, tokenDto } from '../dto.js';
import { ApiError, Exceptions } from '../envelope.js';
import { CONFIRM_REQUEST, MOBILE_REQUEST, bindModel, type ConfirmRequest, type MobileRequest } from '../model.js';
import { phoneDigits, type UserRecord } from '../user-record.js';

/**
 * `POST /api/2.0/authentication/confirm`: checks a confirmation key of a type for an email and answers
 * `{result, email}` (`email` only when the key is good). An empty `key` is taken from the cookie
 * `asc_confirm_key_{type}`. Invitation links (`LinkInvite`) do not exist in the emulator: always Invalid.
 */
export function checkConfirm(ctx: RequestContext): Reply {
  const dto = bindModel<ConfirmRequest>(ctx.body, CONFIRM_REQUEST);
  const type = dto.type;
  const key = dto.key || (type ? ctx.cookies[`asc_confirm_key_${type}`] : undefined) || '';
  if (type === 'LinkInvite') return ok(ctx, confirmDto(ValidationResult.Invalid, null));
  if (!dto.email) throw new ApiError(400, "Value cannot be null. (Parameter 'email')", Exceptions.argumentNull);
  if (!key) throw new ApiError(400, "Value cannot be null. (Parameter 'key')", Exceptions.argumentNull);
  if (type === undefined) return ok(ctx, confirmDto(ValidationResult.Invalid, null));
  const user = ctx.state.users.byEmail(dto.email);
  const subject = confirmKeySubject(type, dto.email, dto.uiD ?? (type === 'TfaAuth' || type === 'TfaActivation' ? user?.id : null));
  const result = ctx.state.confirmKeys.validate(subject, key, confirmKeyValidity(type));
  return ok(ctx, confirmDto(result, result === ValidationResult.Ok ? dto.email : null));
}

/**
 * The `confirm` authentication scheme of `setphone`: the request header `confirm` holds a query string
 * `type=PhoneActivation&key=…&encemail=…` (or `email=…`); the key may come from the cookie
 * `asc_confirm_key_PhoneActivation` instead. Anything else is not signed in (401, empty body).
 */
function confirmHeaderUser(ctx: RequestContext): UserRecord | undefined {
  const header = ctx.header('confirm');
  if (!header) return undefined;
  const params = new URLSearchParams(header.replace(/^\?/, ''));
  if ((params.get('type') ?? '').toLowerCase() !== 'phoneactivation') return undefined;
  const key = params.get('key') || ctx.cookies.asc_confirm_key_PhoneActivation || '';
  const encrypted = params.get('encemail');
  const email = params.get('email') || (encrypted ? ctx.state.confirmKeys.decryptEmail(encrypted) : undefined);
  if (!key || !email) return undefined;
  const result = ctx.state.confirmKeys.validate(
    confirmKeySubject('PhoneActivation', email),
    key,
    confirmKeyValidity('PhoneActivation'),
  );
  if (result !== ValidationResult.Ok) return undefined;
  const user = ctx.state.users.byEmail(email);
  return user && !user.disabled ? user : undefined;
}

/**
 * `POST /api/2.0/authentication/setphone`: saves the number (digits only) as not activated, sends a
 * code to it and answers `{sms: true, phoneNoise, expires}`. Replacing an activated number is refused (500).
 */
export function saveMobilePhone(ctx: RequestContext): Reply {
  const user = confirmHeaderUser(ctx);
  if (!user) return { status: 401 };
  const dto = bindModel<MobileRequest>(ctx.body, MOBILE_REQUEST);
  const phone = phoneDigits(dto.mobilePhone ?? '');
  if (!phone) throw new ApiError(500, 'The phone number is empty', Exceptions.generic);
  if (user.phone && user.phoneActivated) {
    throw new ApiError(500, 'The phone number is already activated; it has to be removed before another one is set', Exceptions.generic);
  }
  user.phone = phone;
  user.phoneActivated = false;
  const expires = sendSmsCode(ctx, user, phone, false);
  return ok(ctx, tokenDto({ expires, sms: true, phoneNoise: phoneNoise(phone) }));
}
