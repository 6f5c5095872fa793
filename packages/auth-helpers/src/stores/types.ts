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
  /** `options.fence`: the fencing token of the sign-in lease it was made under (stores that can, refuse a stale one). */
  set(key: string, session: StoredSession, options?: SessionStoreSetOptions): MaybePromise<void>;
  delete(key: string): MaybePromise<void>;
}

/** What a sign-in tells {@link SessionStore.set}. */
export interface SessionStoreSetOptions {
  /**
   * The fencing token of the coordinator's lease the session was obtained under (see `SignInCoordinator`). A store
   * shared by several processes may refuse the write when a later lease has been granted since.
   */
  fence?: number | undefined;
}
