/**
 * Validation of untrusted user lists (`options.users`, `emulator.users.add()` and the command's
 * `--users` file): the one place that decides what a well-formed {@link EmulatorUser} is.
 *
 * @module
 */
import type { EmulatorUser, SecondFactor } from './types.js';

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
