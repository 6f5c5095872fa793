/**
 * The user directory of one emulator: the records of its users and the ONLY place that looks a user up
 * (by email, user name, id, sign-in name or API key). Request handlers and `emulator.users` both use it.
 *
 * @module
 */
import type { RandomSource } from './random.js';
import type { EmulatorUser, UserChanges, UserDirectory as PublicUserDirectory, UserSnapshot } from './types.js';
import { snapshotOf, toRecord, type UserRecord } from './user-record.js';
import { validateUsers } from './user-validation.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The users of one emulator state; implements the public {@link PublicUserDirectory} over snapshots. */
export class UserDirectory implements PublicUserDirectory {
  private readonly records: UserRecord[];

  /** @param users validated users (see `validateUsers`); `random` fills in generated secrets. */
  constructor(
    users: readonly EmulatorUser[],
    private readonly random: RandomSource,
  ) {
    this.records = users.map((user) => toRecord(user, random));
  }

  // Look-ups (records, for the request handlers)

  /** A user by email, user name or id (case-insensitive, surrounding spaces ignored). */
  find(login: string): UserRecord | undefined {
    const needle = login.trim().toLowerCase();
    return this.records.find(
      (user) => user.email.toLowerCase() === needle || user.userName.toLowerCase() === needle || user.id === needle,
    );
  }

  /** A user by profile id (case-insensitive). */
  byId(id: string): UserRecord | undefined {
    const lower = id.toLowerCase();
    return this.records.find((user) => user.id === lower);
  }

  /** A user by email (case-insensitive, surrounding spaces ignored). */
  byEmail(email: string): UserRecord | undefined {
    const lower = email.trim().toLowerCase();
    return this.records.find((user) => user.email.toLowerCase() === lower);
  }

  /** The user a password sign-in names, as the server reads it: by id when the login is a GUID, else by email. */
  bySignInName(login: string): UserRecord | undefined {
    const trimmed = login.trim();
    return GUID.test(trimmed) ? this.byId(trimmed) : this.byEmail(trimmed);
  }

  /** The owner of an API key (`sk-…`), if any. */
  byApiKey(key: string): UserRecord | undefined {
    return this.records.find((user) => user.apiKeys.includes(key));
  }

  /** Like {@link find}, but throws `no user "…"` for an unknown one. */
  require(login: string): UserRecord {
    const user = this.find(login);
    if (!user) throw new Error(`no user ${JSON.stringify(login)}`);
    return user;
  }

  // The public directory (snapshots, for tests)

  list(): UserSnapshot[] {
    return this.records.map(snapshotOf);
  }

  get(userName: string): UserSnapshot | undefined {
    const user = this.find(userName);
    return user ? snapshotOf(user) : undefined;
  }

  add(user: EmulatorUser): UserSnapshot {
    const [checked] = validateUsers([user], 'user');
    for (const key of [checked!.email, checked!.id, checked!.userName]) {
      if (key !== undefined && this.find(key)) throw new Error(`a user ${JSON.stringify(key)} already exists`);
    }
    const record = toRecord(checked!, this.random);
    this.records.push(record);
    return snapshotOf(record);
  }

  update(userName: string, changes: UserChanges): UserSnapshot {
    const user = this.require(userName);
    const [checked] = validateUsers(
      [
        {
          email: user.email,
          password: changes.password ?? user.password,
          disabled: changes.disabled ?? user.disabled,
          ...(changes.apiKeys ? { apiKeys: changes.apiKeys } : {}),
          ...(changes.secondFactor ? { secondFactor: changes.secondFactor } : {}),
        },
      ],
      'changes',
    );
    user.password = checked!.password;
    user.disabled = checked!.disabled ?? false;
    if (changes.apiKeys) user.apiKeys = [...(checked!.apiKeys ?? [])];
    if (changes.secondFactor !== undefined) {
      const fresh = toRecord(checked!, this.random);
      user.secondFactor = fresh.secondFactor;
      if (fresh.secondFactor.type === 'sms') {
        user.phone = fresh.phone;
        user.phoneActivated = fresh.phoneActivated;
      }
    }
    return snapshotOf(user);
  }
}
