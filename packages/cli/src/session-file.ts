// Reads one saved session straight from sessions.json, without the SDK: the fast path of `docspace-auth token`.
// The file is `@docspace/auth-helpers/file-store`'s documented format (version 1):
//   { "format": "docspace-auth/sessions", "version": 1, "sessions": { "<key>": StoredSession } }
import { readFileSync } from 'node:fs';
import { CliError } from './errors.js';
import { latestKey, userKey } from './portal.js';

export interface SavedSession {
  token: string;
  /** ISO time, or null when the portal reported none. */
  expires: string | null;
  userName: string;
  portal: string;
  obtainedAt?: string | undefined;
}

/** The saved session of `user` on `portal` (of the portal's latest sign-in without `user`), or `null`. */
export function readSavedSession(file: string, portal: string, user: string | undefined): SavedSession | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError('store_unreadable', `cannot read the session file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError('store_unreadable', `the session file ${file} is not valid JSON`, {
      hint: 'run `docspace-auth login` to start a new one (the old file is kept beside it)',
    });
  }
  const doc = json as { format?: unknown; version?: unknown; sessions?: unknown } | null;
  if (!doc || doc.format !== 'docspace-auth/sessions' || doc.version !== 1 || typeof doc.sessions !== 'object' || doc.sessions === null) {
    throw new CliError('store_unreadable', `the session file ${file} is not a docspace-auth/sessions version 1 file`, {
      hint: 'run `docspace-auth login` to start a new one (the old file is kept beside it)',
    });
  }
  const entry = (doc.sessions as Record<string, unknown>)[user ? userKey(portal, user) : latestKey(portal)];
  const s = entry as Partial<SavedSession> | undefined;
  if (!s || typeof s.token !== 'string' || s.token === '' || typeof s.userName !== 'string' || s.portal !== portal) return null;
  if (s.expires !== null && typeof s.expires !== 'string') return null;
  return { token: s.token, expires: s.expires, userName: s.userName, portal: s.portal, obtainedAt: s.obtainedAt };
}

/** True when the session's expiry has passed. */
export const hasExpired = (session: SavedSession, now = Date.now()) =>
  session.expires !== null && !(Date.parse(session.expires) > now);
