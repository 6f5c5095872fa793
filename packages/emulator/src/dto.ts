import type { AuthenticationTokenDto, ConfirmDto, SelfProfile } from '@docspace/auth-client';
import type { UserRecord } from './user-record.js';

/**
 * Response payloads, built in the server's property order with nulls left out. The wire types are the
 * generated client's (type-only import: nothing of the client ends up in the emulator's output).
 */

/** `AuthenticationTokenDto` fields before null-omission (`sms` and `tfa` are value types, always sent). */
export interface TokenDtoInput {
  token?: string | null;
  expires: string;
  sms?: boolean;
  phoneNoise?: string | null;
  tfa?: boolean;
  tfaKey?: string | null;
  confirmUrl?: string | null;
}

export function tokenDto(input: TokenDtoInput): AuthenticationTokenDto {
  const dto: AuthenticationTokenDto = {};
  if (input.token != null) dto.token = input.token;
  dto.expires = input.expires;
  dto.sms = input.sms ?? false;
  if (input.phoneNoise != null) dto.phoneNoise = input.phoneNoise;
  dto.tfa = input.tfa ?? false;
  if (input.tfaKey != null) dto.tfaKey = input.tfaKey;
  if (input.confirmUrl != null) dto.confirmUrl = input.confirmUrl;
  return dto;
}

/** `ConfirmDto`: `result`, then `email` when the key was good, then `isAgent` (a value type, always sent). */
export function confirmDto(result: ConfirmDto['result'], email: string | null): ConfirmDto {
  return email === null ? { result, isAgent: false } : { result, email, isAgent: false };
}

/** What the profile needs to know besides the user. */
export interface ProfileContext {
  /** Base URL of the portal (for `profileUrl`). */
  portalUrl: string;
  /** Login event of the request's `asc_auth_key` cookie; 0 when the request carried none. */
  loginEventId: number;
  /** When the account was created (ms since the epoch). */
  createdAt: number;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-encodes a display name, as the server's `DisplayUserSettingsHelper` does. */
function htmlEncode(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** ApiDateTime's text: seven fraction digits and the portal's UTC offset (the emulator's portal is on UTC). */
function apiDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, millis: string) => `.${millis}0000+00:00`);
}

/** The default pictures of a user without an avatar, with the cache-busting hash the server appends. */
function avatarUrls(
  user: UserRecord,
): Pick<SelfProfile, 'avatar' | 'avatarOriginal' | 'avatarMax' | 'avatarMedium' | 'avatarSmall'> {
  let hash = 0;
  for (const c of user.id) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  const url = (size: string) => `/static/images/default_user_photo_size_${size}.png?hash=${Math.abs(hash)}`;
  return {
    avatar: url('82-82'),
    avatarOriginal: url('200-200'),
    avatarMax: url('200-200'),
    avatarMedium: url('48-48'),
    avatarSmall: url('32-32'),
  };
}

/**
 * `GET /api/2.0/people/@self` as the server writes `EmployeeFullDto` for the signed-in user: its own members
 * first, then those of `EmployeeDto`, null members left out. The owner has `isAdmin: false`. Users who are
 * neither administrators nor the owner are of the type "user" (`isCollaborator`).
 */
export function selfProfile(user: UserRecord, context: ProfileContext): SelfProfile & Record<string, unknown> {
  const names =
    user.lastName === null ? { firstName: user.firstName } : { firstName: user.firstName, lastName: user.lastName };
  const displayName = user.displayName.trim() === '' ? user.email : user.displayName;
  return {
    ...names,
    userName: user.userName,
    email: user.email,
    status: user.disabled ? 2 : 1,
    activationStatus: 1,
    department: '',
    isAdmin: user.isAdmin && !user.isOwner,
    isRoomAdmin: false,
    isLDAP: user.source === 'ldap',
    isOwner: user.isOwner,
    isVisitor: false,
    isCollaborator: !user.isAdmin && !user.isOwner,
    ...(user.phone ? { mobilePhone: user.phone } : {}),
    mobilePhoneActivationStatus: user.phone && user.phoneActivated ? 1 : 0,
    isSSO: user.source === 'sso',
    loginEventId: context.loginEventId,
    registrationDate: apiDateTime(context.createdAt),
    hasPersonalFolder: true,
    id: user.id,
    displayName: htmlEncode(displayName),
    ...avatarUrls(user),
    profileUrl: `${context.portalUrl}/accounts/people/filter?search=${encodeURIComponent(user.email.toLowerCase())}`,
    hasAvatar: false,
    isAnonim: false,
  };
}
