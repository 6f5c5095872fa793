import { timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../context.js';
import { ApiError, Exceptions, Messages } from '../envelope.js';
import type { AuthRequest } from '../model.js';
import type { UserRecord } from '../user-record.js';
import { confirmKeySubject, confirmKeyValidity, ValidationResult } from './confirm-keys.js';
import { hashPassword } from './password-hash.js';

const passwordHashes = new WeakMap<UserRecord, { password: string; hash: string }>();

/** The `passwordHash` of a user's password, computed once per password (PBKDF2 is slow on purpose). */
function storedHash(user: UserRecord): string {
  const cached = passwordHashes.get(user);
  if (cached && cached.password === user.password) return cached.hash;
  const hash = hashPassword(user.password);
  passwordHashes.set(user, { password: user.password, hash });
  return hash;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Whether `password` is the user's portal password. SSO and LDAP accounts have none (and the emulator has no
 * LDAP directory to ask, like a portal whose LDAP sign-in is off), so nothing matches for them.
 */
export function passwordMatches(user: UserRecord, password: string): boolean {
  return user.source === 'portal' && sameText(password, user.password);
}

const authenticationFailed = () => new ApiError(401, Messages.authenticationFailed);

/**
 * Who a sign-in body names (the server's credential resolution), shared by `/authentication`,
 * `/authentication/{code}` and `/authentication/sendsms`:
 *
 * 1. `confirmData` present: its key must be a valid `Auth` key for its email; then the user is the one
 *    with that email (or id). An invalid key leaves no user (`null`, answered 404 by the caller).
 * 2. Otherwise a password sign-in: no `userName`, or neither `password` nor `passwordHash` → 401; then
 *    the brute-force guard (403 while blocked), then the password (or hash) check → 401 when wrong or
 *    the user is unknown.
 * 3. Third-party sign-in (`provider` / `serializedProfile`) is not available in the emulator → 401.
 */
export function resolveCredentials(ctx: RequestContext, dto: AuthRequest): UserRecord | null {
  const state = ctx.state;
  if (dto.confirmData) {
    const { email, key } = dto.confirmData;
    const result = state.confirmKeys.validate(confirmKeySubject('Auth', email), key ?? '', confirmKeyValidity('Auth'));
    if (result !== ValidationResult.Ok || !email) return null;
    return (email.includes('@') ? state.users.byEmail(email) : state.users.byId(email)) ?? null;
  }
  const provider = dto.provider ?? '';
  if ((provider !== '' || (dto.serializedProfile ?? '') !== '') && provider !== 'email') {
    throw authenticationFailed();
  }
  const login = dto.userName;
  if (!login) throw authenticationFailed();
  const password = dto.password?.trim() ?? '';
  const passwordHash = dto.passwordHash?.trim() ?? null;
  if (password === '' && passwordHash === null) throw authenticationFailed();

  const attempt = state.bruteForce.attempt(login, ctx.ip);
  if (attempt.blocked) throw new ApiError(403, Messages.tooManyAttempts);
  const user = state.users.bySignInName(login);
  const ok =
    user !== undefined &&
    (password !== ''
      ? passwordMatches(user, password)
      : user.source === 'portal' && sameText(passwordHash ?? '', storedHash(user)));
  if (!ok) throw authenticationFailed();
  attempt.succeeded();
  return user;
}

/** The checks after the user is known: none → 404, not active → 403 (both with a stack trace). */
export function requireActiveUser(user: UserRecord | null): UserRecord {
  if (!user) throw new ApiError(404, Messages.userNotFound, Exceptions.itemNotFound);
  if (user.disabled) throw new ApiError(403, Messages.userDisabled, Exceptions.invalidOperation);
  return user;
}
