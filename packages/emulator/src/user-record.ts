/**
 * A user as a running emulator holds it ({@link UserRecord}: mutable, with second-factor state), how one
 * is made from an {@link EmulatorUser}, and the read-only {@link UserSnapshot} tests get to see.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { RandomSource } from './random.js';
import type { AccountSource, EmulatorUser, UserSnapshot } from './types.js';

/** Second-factor state of a user inside a running emulator. */
export type SecondFactorState =
  | { type: 'none' }
  | { type: 'app'; secret: string; backupCodes: { code: string; used: boolean }[] | null }
  | { type: 'sms' };

/** A user inside a running emulator. */
export interface UserRecord {
  id: string;
  userName: string;
  email: string;
  password: string;
  firstName: string;
  /** `null` when none was given: the profile then leaves `lastName` out, as PostgreSQL-backed portals do. */
  lastName: string | null;
  displayName: string;
  isAdmin: boolean;
  isOwner: boolean;
  source: AccountSource;
  disabled: boolean;
  secondFactor: SecondFactorState;
  /** Mobile phone, digits only (set for SMS users, or through `/authentication/setphone`). */
  phone: string | null;
  /** Whether the phone was confirmed with a code. */
  phoneActivated: boolean;
  apiKeys: string[];
  /** Bumped by "log out everywhere"; tokens minted under an older index are rejected. */
  cookieIndex: number;
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BACKUP_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Digits of a phone number, at most 64 of them (what the server stores). */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '').slice(0, 64);
}

/** Five fresh backup codes of six characters from `[A-Za-z0-9_-]`. */
export function generateBackupCodes(random: RandomSource): { code: string; used: boolean }[] {
  return Array.from({ length: 5 }, () => ({ code: random.string(6, BACKUP_ALPHABET), used: false }));
}

/** The runtime record of a validated user, with the defaults filled in (id, names, second-factor state). */
export function toRecord(user: EmulatorUser, random: RandomSource): UserRecord {
  const local = user.email.slice(0, user.email.indexOf('@'));
  const userName = user.userName ?? local;
  const firstName = user.firstName ?? userName.charAt(0).toUpperCase() + userName.slice(1);
  const lastName = user.lastName ?? null;
  let secondFactor: SecondFactorState = { type: 'none' };
  let phone: string | null = null;
  let phoneActivated = false;
  const factor = user.secondFactor;
  if (factor?.type === 'app') {
    const secret = factor.secret ?? random.string(16, BASE32_ALPHABET);
    let backupCodes: { code: string; used: boolean }[] | null = null;
    if (factor.enrolled) {
      backupCodes = factor.backupCodes
        ? factor.backupCodes.map((code) => ({ code, used: false }))
        : generateBackupCodes(random);
    }
    secondFactor = { type: 'app', secret, backupCodes };
  } else if (factor?.type === 'sms') {
    phone = factor.phone ? phoneDigits(factor.phone) || null : null;
    phoneActivated = phone !== null && (factor.phoneActivated ?? false);
    secondFactor = { type: 'sms' };
  }
  return {
    id: (user.id ?? uuidFromEmail(user.email)).toLowerCase(),
    userName,
    email: user.email,
    password: user.password,
    firstName,
    lastName,
    displayName: user.displayName ?? [firstName, lastName].filter(Boolean).join(' '),
    isAdmin: user.isAdmin ?? false,
    isOwner: user.isOwner ?? false,
    source: user.source ?? 'portal',
    disabled: user.disabled ?? false,
    secondFactor,
    phone,
    phoneActivated,
    apiKeys: [...(user.apiKeys ?? [])],
    cookieIndex: 0,
  };
}

/** A stable UUID (version-4 layout) derived from an email, so users without an id keep one across runs. */
function uuidFromEmail(email: string): string {
  const hex = createHash('sha256').update(`docspace-emulator:${email.toLowerCase()}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A read-only copy of a record (what `emulator.users` and `GET /__emulator/users` hand out). */
export function snapshotOf(user: UserRecord): UserSnapshot {
  const factor = user.secondFactor;
  return {
    id: user.id,
    userName: user.userName,
    email: user.email,
    displayName: user.displayName,
    disabled: user.disabled,
    isAdmin: user.isAdmin,
    isOwner: user.isOwner,
    source: user.source,
    secondFactor:
      factor.type === 'app'
        ? {
            type: 'app',
            secret: factor.secret,
            enrolled: factor.backupCodes !== null,
            unusedBackupCodes: (factor.backupCodes ?? []).filter((c) => !c.used).map((c) => c.code),
          }
        : factor.type === 'sms'
          ? { type: 'sms' }
          : { type: 'none' },
    phone: user.phone,
    phoneActivated: user.phoneActivated,
    apiKeys: [...user.apiKeys],
  };
}
