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

/** The profile subset of `GET /api/2.0/people/@self`. */
export function selfProfile(user: UserRecord): SelfProfile {
  return {
    id: user.id,
    userName: user.userName,
    email: user.email,
    displayName: user.displayName,
    firstName: user.firstName,
    lastName: user.lastName,
    isAdmin: user.isAdmin,
    status: 1,
  };
}
