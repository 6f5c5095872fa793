// Changes to the saved accounts, each one locked read-change-write of sessions.json (`updateSessionFile` of the
// SDK's file store, so nothing another process saved meanwhile is lost): make an account its portal's active one,
// pick the next one after a sign-out, remember who an account is.
import {
  readStoredSession,
  sessionKey,
  type StoredAccount,
  updateSessionFile,
} from '@docspace/auth-helpers/file-store';

/** Makes the account saved under `key` the active one of `portal` (its session copied to the portal's key). */
export async function activate(file: string, portal: string, key: string): Promise<boolean> {
  let done = false;
  await updateSessionFile(file, (document) => {
    const session = readStoredSession(document.sessions[key]);
    if (!session) return false;
    document.sessions[sessionKey(portal)] = document.sessions[key] as (typeof document.sessions)[string];
    done = true;
    return true;
  });
  return done;
}

/**
 * After a sign-out on `portal`: when the portal has no active account left but other saved accounts, the first of
 * them (by user name) becomes active. Also forgets who the removed accounts were. Returns the newly active user name.
 */
export async function promoteNext(file: string, portal: string): Promise<string | undefined> {
  let promoted: string | undefined;
  await updateSessionFile(file, (document) => {
    let changed = false;
    for (const key of Object.keys(document.accounts ?? {})) {
      if (!(key in document.sessions) && document.accounts) {
        delete document.accounts[key];
        changed = true;
      }
    }
    const active = readStoredSession(document.sessions[sessionKey(portal)]);
    if (active) return changed;
    const next = Object.entries(document.sessions)
      .map(([key, value]) => ({ key, session: readStoredSession(value) }))
      .filter(
        ({ key, session }) => session && session.portal === portal && key === sessionKey(portal, session.userName),
      )
      .sort((a, b) => (a.session?.userName ?? '').localeCompare(b.session?.userName ?? ''))[0];
    if (!next?.session) return changed;
    document.sessions[sessionKey(portal)] = document.sessions[next.key] as (typeof document.sessions)[string];
    promoted = next.session.userName;
    return true;
  });
  return promoted;
}

/** Remembers who the account saved under `key` is (from the portal's profile). */
export async function saveProfile(file: string, key: string, profile: StoredAccount): Promise<void> {
  await updateSessionFile(file, (document) => {
    document.accounts = { ...document.accounts, [key]: profile };
    return true;
  });
}

/** Forgets the account saved under `key` (its session and who it is), and the portal's active copy when it is that one. */
export async function removeAccount(file: string, key: string): Promise<void> {
  await updateSessionFile(file, (document) => {
    const session = readStoredSession(document.sessions[key]);
    if (!session) return false;
    delete document.sessions[key];
    if (document.accounts) delete document.accounts[key];
    const active = readStoredSession(document.sessions[sessionKey(session.portal)]);
    if (active?.token === session.token) delete document.sessions[sessionKey(session.portal)];
    return true;
  });
}
