import type { StoredSession } from '../session.js';
import type { SessionStore } from './types.js';

/** The subset of the Web Storage API (`localStorage`, `sessionStorage`) the store needs. */
export interface WebStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options of {@link webStorageStore}. */
export interface WebStorageStoreOptions {
  /** Called when an entry cannot be read (it is then treated as missing and removed). */
  onError?: ((message: string) => void) | undefined;
}

/** The JSON envelope each entry is written in. */
interface Entry {
  format: 'docspace-auth/session';
  version: 1;
  session: StoredSession;
}

/**
 * A store on `localStorage` or `sessionStorage`: one entry per key, a versioned JSON document. An entry that is not
 * valid JSON or not in this format is reported, removed and treated as missing.
 *
 * Note that anything in Web Storage is readable by every script on the page.
 */
export function webStorageStore(storage: WebStorageLike, options: WebStorageStoreOptions = {}): SessionStore {
  return {
    get(key) {
      const text = storage.getItem(key);
      if (text === null) return null;
      try {
        const entry = JSON.parse(text) as Partial<Entry>;
        if (entry?.format === 'docspace-auth/session' && entry.version === 1 && entry.session) return entry.session;
      } catch {
        // Falls through to the report below.
      }
      options.onError?.(`the stored entry ${JSON.stringify(key)} is not a docspace-auth session; it was removed`);
      storage.removeItem(key);
      return null;
    },
    set(key, session) {
      const entry: Entry = { format: 'docspace-auth/session', version: 1, session };
      storage.setItem(key, JSON.stringify(entry));
    },
    delete(key) {
      storage.removeItem(key);
    },
  };
}
