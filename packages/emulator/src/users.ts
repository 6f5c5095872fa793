import { createHash } from 'node:crypto';
import type { RandomSource } from './random.js';
import type { EmulatorUser, SecondFactor, UserSnapshot } from './types.js';

/** The TOTP secret (Base32) of the demo user bob, whose authenticator app is enrolled. */
export const BOB_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
/**
 * The TOTP secret (Base32) of the demo user dave, who must enrol an authenticator app: the `tfaKey`
 * his first login answer offers. It is Base32 of the ten ASCII bytes `1234567890`.
 */
export const DAVE_TOTP_SECRET = 'GEZDGNBVGY3TQOJQ';
/** The backup codes of the demo user bob (each accepted once in place of a TOTP code). */
export const BOB_BACKUP_CODES: readonly string[] = Object.freeze(['bob-01', 'bob-02', 'bob-03', 'bob-04', 'bob-05']);

/**
 * The demo data set, the same in the README, the demo and the tests:
 *
 * | email | password | second factor |
 * |---|---|---|
 * | alice@example.com | alice-password | none |
 * | bob@example.com | bob-password | authenticator app, enrolled, secret `JBSWY3DPEHPK3PXP` |
 * | dave@example.com | dave-password | authenticator app required, not enrolled, secret `GEZDGNBVGY3TQOJQ` |
 * | carol@example.com | carol-password | SMS, activated phone +15555550123 |
 * | erin@example.com | erin-password | none; disabled |
 */
export const demoUsers: readonly EmulatorUser[] = deepFreeze([
  {
    id: 'a11ce000-0000-4000-8000-000000000001',
    userName: 'alice',
    email: 'alice@example.com',
    password: 'alice-password',
    firstName: 'Alice',
    lastName: 'Anderson',
    isAdmin: true,
    apiKeys: ['sk-alice-demo-key'],
  },
  {
    id: 'b0b00000-0000-4000-8000-000000000002',
    userName: 'bob',
    email: 'bob@example.com',
    password: 'bob-password',
    firstName: 'Bob',
    lastName: 'Brown',
    secondFactor: { type: 'app', secret: BOB_TOTP_SECRET, enrolled: true, backupCodes: BOB_BACKUP_CODES },
  },
  {
    id: 'da7e0000-0000-4000-8000-000000000004',
    userName: 'dave',
    email: 'dave@example.com',
    password: 'dave-password',
    firstName: 'Dave',
    lastName: 'Davis',
    secondFactor: { type: 'app', secret: DAVE_TOTP_SECRET, enrolled: false },
  },
  {
    id: 'ca501000-0000-4000-8000-000000000003',
    userName: 'carol',
    email: 'carol@example.com',
    password: 'carol-password',
    firstName: 'Carol',
    lastName: 'Clark',
    secondFactor: { type: 'sms', phone: '+15555550123', phoneActivated: true },
  },
  {
    id: 'e1e10000-0000-4000-8000-000000000005',
    userName: 'erin',
    email: 'erin@example.com',
    password: 'erin-password',
    firstName: 'Erin',
    lastName: 'Evans',
    disabled: true,
  },
] satisfies EmulatorUser[]);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Thrown by {@link validateUsers} for a malformed user list; the message names the bad field. */
export class InvalidUsersError extends Error {
  /** Path of the offending field, e.g. `users[2].email`. */
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'InvalidUsersError';
    this.field = field;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE32 = /^[A-Z2-7]+=*$/;
const BACKUP_CODE = /^[A-Za-z0-9_-]{6}$/;

/** The rule of .NET's `[EmailAddress]`: exactly one `@`, neither first nor last, no line breaks. */
export function isEmailAddress(value: string): boolean {
  const at = value.indexOf('@');
  return at > 0 && at !== value.length - 1 && at === value.lastIndexOf('@') && !/[\r\n]/.test(value);
}

/**
 * Checks an untrusted user list (options or the command's `--users` file) and returns it typed.
 * @throws {@link InvalidUsersError} naming the first bad field, e.g. `users[1].password: must be a non-empty string`.
 */
export function validateUsers(input: unknown, name = 'users'): EmulatorUser[] {
  if (!Array.isArray(input)) throw new InvalidUsersError(name, 'must be an array of users');
  const seen = new Map<string, string>();
  const claim = (key: string, field: string) => {
    const lower = key.toLowerCase();
    const other = seen.get(lower);
    if (other !== undefined) throw new InvalidUsersError(field, `duplicates ${other} (${JSON.stringify(key)})`);
    seen.set(lower, field);
  };
  return input.map((raw: unknown, index) => {
    const at = `${name}[${index}]`;
    if (!isRecord(raw)) throw new InvalidUsersError(at, 'must be an object');
    const str = (key: string, required: boolean): string | undefined => {
      const value = raw[key];
      if (value === undefined || (!required && value === null)) {
        if (required) throw new InvalidUsersError(`${at}.${key}`, 'is required');
        return undefined;
      }
      if (typeof value !== 'string' || value.length === 0) {
        throw new InvalidUsersError(`${at}.${key}`, 'must be a non-empty string');
      }
      return value;
    };
    const bool = (key: string): boolean | undefined => {
      const value = raw[key];
      if (value === undefined) return undefined;
      if (typeof value !== 'boolean') throw new InvalidUsersError(`${at}.${key}`, 'must be true or false');
      return value;
    };
    const email = str('email', true)!;
    if (!isEmailAddress(email)) throw new InvalidUsersError(`${at}.email`, 'must be an email address');
    claim(email, `${at}.email`);
    const password = str('password', true)!;
    const id = str('id', false);
    if (id !== undefined) {
      if (!UUID.test(id)) throw new InvalidUsersError(`${at}.id`, 'must be a UUID');
      claim(id, `${at}.id`);
    }
    const userName = str('userName', false);
    if (userName !== undefined && userName.toLowerCase() !== email.toLowerCase()) claim(userName, `${at}.userName`);
    const user: EmulatorUser = { email, password };
    if (id !== undefined) user.id = id;
    if (userName !== undefined) user.userName = userName;
    for (const key of ['firstName', 'lastName', 'displayName'] as const) {
      const value = str(key, false);
      if (value !== undefined) user[key] = value;
    }
    const isAdmin = bool('isAdmin');
    if (isAdmin !== undefined) user.isAdmin = isAdmin;
    const disabled = bool('disabled');
    if (disabled !== undefined) user.disabled = disabled;
    if (raw.apiKeys !== undefined) {
      if (!Array.isArray(raw.apiKeys)) throw new InvalidUsersError(`${at}.apiKeys`, 'must be an array of strings');
      user.apiKeys = raw.apiKeys.map((key: unknown, i) => {
        if (typeof key !== 'string' || !key.startsWith('sk-') || key.length < 4) {
          throw new InvalidUsersError(`${at}.apiKeys[${i}]`, 'must be a string starting with "sk-"');
        }
        claim(key, `${at}.apiKeys[${i}]`);
        return key;
      });
    }
    if (raw.secondFactor !== undefined && raw.secondFactor !== null) {
      user.secondFactor = validateSecondFactor(raw.secondFactor, `${at}.secondFactor`);
    }
    return user;
  });
}

function validateSecondFactor(raw: unknown, at: string): SecondFactor {
  if (!isRecord(raw)) throw new InvalidUsersError(at, 'must be an object');
  if (raw.type === 'app') {
    if (typeof raw.enrolled !== 'boolean') throw new InvalidUsersError(`${at}.enrolled`, 'must be true or false');
    const factor: SecondFactor = { type: 'app', enrolled: raw.enrolled };
    if (raw.secret !== undefined) {
      if (typeof raw.secret !== 'string' || !BASE32.test(raw.secret) || raw.secret.replace(/=+$/, '').length < 16) {
        throw new InvalidUsersError(`${at}.secret`, 'must be a Base32 string ([A-Z2-7]) of at least 16 characters');
      }
      factor.secret = raw.secret;
    }
    if (raw.backupCodes !== undefined) {
      if (!Array.isArray(raw.backupCodes)) throw new InvalidUsersError(`${at}.backupCodes`, 'must be an array');
      factor.backupCodes = raw.backupCodes.map((code: unknown, i) => {
        if (typeof code !== 'string' || !BACKUP_CODE.test(code)) {
          throw new InvalidUsersError(`${at}.backupCodes[${i}]`, 'must be 6 characters of [A-Za-z0-9_-]');
        }
        return code;
      });
    }
    return factor;
  }
  if (raw.type === 'sms') {
    const factor: SecondFactor = { type: 'sms' };
    if (raw.phone !== undefined && raw.phone !== null) {
      if (typeof raw.phone !== 'string' || !/\d/.test(raw.phone)) {
        throw new InvalidUsersError(`${at}.phone`, 'must be a phone number string containing digits');
      }
      factor.phone = raw.phone;
    }
    if (raw.phoneActivated !== undefined) {
      if (typeof raw.phoneActivated !== 'boolean') {
        throw new InvalidUsersError(`${at}.phoneActivated`, 'must be true or false');
      }
      factor.phoneActivated = raw.phoneActivated;
    }
    return factor;
  }
  throw new InvalidUsersError(`${at}.type`, 'must be "app" or "sms"');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Runtime records (mutable state of one emulator)

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
  lastName: string;
  displayName: string;
  isAdmin: boolean;
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

export function toRecord(user: EmulatorUser, random: RandomSource): UserRecord {
  const local = user.email.slice(0, user.email.indexOf('@'));
  const userName = user.userName ?? local;
  const firstName = user.firstName ?? (userName.charAt(0).toUpperCase() + userName.slice(1));
  const lastName = user.lastName ?? '';
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

export function snapshotOf(user: UserRecord): UserSnapshot {
  const factor = user.secondFactor;
  return {
    id: user.id,
    userName: user.userName,
    email: user.email,
    displayName: user.displayName,
    disabled: user.disabled,
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

/** Finds a user by email, user name or id (case-insensitive). */
export function findUser(users: Iterable<UserRecord>, login: string): UserRecord | undefined {
  const needle = login.trim().toLowerCase();
  for (const user of users) {
    if (user.email.toLowerCase() === needle || user.userName.toLowerCase() === needle || user.id === needle) {
      return user;
    }
  }
  return undefined;
}
