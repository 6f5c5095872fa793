// Reads one saved session straight from sessions.json: the fast path of `docspace-auth token`. The format, its
// keys and its checks are `@docspace/auth-helpers/file-store`'s (a cheap entry: no HTTP client); this file only
// turns what it finds into the command's errors.
import { readFileSync } from 'node:fs';
import { parseSessionFile, readStoredSession, SESSION_FILE_FORMAT, SESSION_FILE_VERSION, sessionKey } from '@docspace/auth-helpers/file-store';
import { CliError } from './errors.js';

export interface SavedSession {
  token: string;
  /** ISO time, or null when the portal reported none. */
  expires: string | null;
  userName: string;
  portal: string;
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
  const parsed = parseSessionFile(text);
  if (!parsed.ok) {
    const what = parsed.problem === 'not_json' ? 'valid JSON' : `a ${SESSION_FILE_FORMAT} version ${SESSION_FILE_VERSION} file`;
    throw new CliError('store_unreadable', `the session file ${file} is not ${what}`, {
      hint: 'run `docspace-auth login` to start a new one (the old file is kept beside it)',
    });
  }
  const session = readStoredSession(parsed.file.sessions[sessionKey(portal, user)]);
  if (!session || session.portal !== portal) return null;
  return { token: session.token, expires: session.expires, userName: session.userName, portal: session.portal };
}

/** True when the session's expiry has passed. */
export const hasExpired = (session: SavedSession, now = Date.now()) =>
  session.expires !== null && !(Date.parse(session.expires) > now);
