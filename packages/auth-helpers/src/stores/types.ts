import type { StoredSession } from '../session.js';

/** A value or a promise of it: stores may be synchronous or asynchronous. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where sessions are kept between runs. Keys are opaque strings made from the portal and the user name.
 * Implementations may be synchronous or asynchronous; `get` answers `null` (or `undefined`) for a missing key.
 * A store should never throw for unreadable data: answer `null` and report it instead.
 */
export interface SessionStore {
  get(key: string): MaybePromise<StoredSession | null | undefined>;
  set(key: string, session: StoredSession): MaybePromise<void>;
  delete(key: string): MaybePromise<void>;
}
