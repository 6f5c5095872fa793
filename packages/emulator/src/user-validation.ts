/**
 * Validation of untrusted user lists (`options.users`, `emulator.users.add()` and the command's
 * `--users` file): the one place that decides what a well-formed {@link EmulatorUser} is. The shape is
 * a valibot schema; only the uniqueness of emails, ids, user names and API keys across users is checked
 * by hand, after it.
 *
 * @module
 */
import * as v from 'valibot';
import type { EmulatorUser, SecondFactor } from './types.js';
import { isRecord, objectOf, parseAt, record, withoutEmpty } from './validation.js';

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

// Messages, one per rule.
const NON_EMPTY = 'must be a non-empty string';
const BOOLEAN = 'must be true or false';
const API_KEY = 'must be a string starting with "sk-"';
const SECRET = 'must be a Base32 string ([A-Z2-7]) of at least 16 characters';
const BACKUP = 'must be 6 characters of [A-Za-z0-9_-]';
const PHONE = 'must be a phone number string containing digits';

/** A non-empty string; a key given as `undefined` reads as missing. */
const text = v.pipe(
  v.string((issue) => (issue.input === undefined ? 'is required' : NON_EMPTY)),
  v.minLength(1, NON_EMPTY),
);
/** An optional string: `undefined` and `null` mean "not given". */
const optionalText = v.nullish(text);
const flag = v.optional(v.boolean(BOOLEAN));

const appFactor = objectOf(
  {
    type: v.literal('app'),
    enrolled: v.boolean(BOOLEAN),
    secret: v.optional(
      v.pipe(
        v.string(SECRET),
        v.regex(BASE32, SECRET),
        v.check((secret) => secret.replace(/=+$/, '').length >= 16, SECRET),
      ),
    ),
    backupCodes: v.optional(v.array(v.pipe(v.string(BACKUP), v.regex(BACKUP_CODE, BACKUP)), 'must be an array')),
  },
  { enrolled: BOOLEAN },
);

const smsFactor = objectOf({
  type: v.literal('sms'),
  phone: v.nullish(v.pipe(v.string(PHONE), v.regex(/\d/, PHONE))),
  phoneActivated: flag,
});

const secondFactor = v.pipe(
  v.custom<Record<string, unknown>>(isRecord, 'must be an object'),
  v.variant('type', [appFactor, smsFactor], 'must be "app" or "sms"'),
);

const user = record({
  email: v.pipe(text, v.check(isEmailAddress, 'must be an email address')),
  password: text,
  id: v.nullish(v.pipe(text, v.regex(UUID, 'must be a UUID'))),
  userName: optionalText,
  firstName: optionalText,
  lastName: optionalText,
  displayName: optionalText,
  isAdmin: flag,
  isOwner: flag,
  source: v.optional(v.picklist(['portal', 'sso', 'ldap'], 'must be "portal", "sso" or "ldap"')),
  disabled: flag,
  apiKeys: v.optional(
    v.array(
      v.pipe(v.string(API_KEY), v.startsWith('sk-', API_KEY), v.minLength(4, API_KEY)),
      'must be an array of strings',
    ),
  ),
  secondFactor: v.nullish(secondFactor),
});

const users = v.array(user, 'must be an array of users');

/** The checked user without the fields that were not given. */
function toUser(checked: v.InferOutput<typeof user>): EmulatorUser {
  const { secondFactor: factor, ...rest } = withoutEmpty(checked);
  const result: EmulatorUser = rest;
  if (factor) result.secondFactor = withoutEmpty(factor) as SecondFactor;
  return result;
}

/** Refuses an email, id, user name or API key used twice (case-insensitive), naming both places. */
function checkUnique(list: readonly EmulatorUser[], name: string): void {
  const seen = new Map<string, string>();
  const claim = (key: string, field: string) => {
    const lower = key.toLowerCase();
    const other = seen.get(lower);
    if (other !== undefined) throw new InvalidUsersError(field, `duplicates ${other} (${JSON.stringify(key)})`);
    seen.set(lower, field);
  };
  list.forEach((user, index) => {
    const at = `${name}[${index}]`;
    claim(user.email, `${at}.email`);
    if (user.id !== undefined) claim(user.id, `${at}.id`);
    if (user.userName !== undefined && user.userName.toLowerCase() !== user.email.toLowerCase()) {
      claim(user.userName, `${at}.userName`);
    }
    for (const [i, key] of (user.apiKeys ?? []).entries()) claim(key, `${at}.apiKeys[${i}]`);
  });
  const owners = list.flatMap((user, index) => (user.isOwner ? [index] : []));
  if (owners.length > 1) {
    throw new InvalidUsersError(
      `${name}[${owners[1]}].isOwner`,
      `a portal has one owner, and ${name}[${owners[0]}] is it`,
    );
  }
}

/**
 * Checks an untrusted user list (options or the command's `--users` file) and returns it typed.
 * @throws {@link InvalidUsersError} naming the first bad field, e.g. `users[1].password: must be a non-empty string`.
 */
export function validateUsers(input: unknown, name = 'users'): EmulatorUser[] {
  const list = parseAt(users, input, name, (field, problem) => new InvalidUsersError(field, problem)).map(toUser);
  checkUnique(list, name);
  return list;
}
