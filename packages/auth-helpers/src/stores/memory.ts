import type { StoredSession } from '../session.js';
import type { SessionStore } from './types.js';

/** A store that lives as long as the process (the default). */
export function memoryStore(): SessionStore {
  const sessions = new Map<string, StoredSession>();
  return {
    get: (key) => sessions.get(key) ?? null,
    set: (key, session) => void sessions.set(key, { ...session }),
    delete: (key) => void sessions.delete(key),
  };
}
