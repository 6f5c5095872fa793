// Reads sessions.json straight from disk: the fast path of `docspace-auth token`, and what every command lists the
// accounts from. The format, its keys and its checks are `@docspace/auth-helpers/file-store`'s (a cheap entry: no
// HTTP client); this file only turns what it finds into the command's errors. A session file that cannot be read
// is the same error, with the same exit code, for every command (`login` alone starts a new file).
import { fstatSync, openSync, closeSync, readFileSync } from 'node:fs';
import {
  parseSessionFile,
  SESSION_FILE_FORMAT,
  SESSION_FILE_VERSION,
  type SessionFile,
} from '@docspace/auth-helpers/file-store';
import { CliError } from './errors.js';

/** The session file's document, or `null` when there is none yet. */
export function readSessionDocument(file: string): SessionFile | null {
  let text: string;
  try {
    const fd = openSync(file, 'r');
    try {
      refuseForeign(file, fd);
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new CliError('store_unreadable', `cannot read the session file ${file} (${code ?? 'error'})`, {
      hint: 'check its owner and permissions',
    });
  }
  const parsed = parseSessionFile(text);
  if (!parsed.ok) {
    const what =
      parsed.problem === 'not_json' ? 'valid JSON' : `a ${SESSION_FILE_FORMAT} version ${SESSION_FILE_VERSION} file`;
    throw new CliError('store_unreadable', `the session file ${file} is not ${what}`, {
      hint: 'run `docspace-auth login` to start a new one (the old file is kept beside it)',
    });
  }
  return parsed.file;
}

/**
 * A session file another user owns, or others can write, may hold sessions that are not ours (a planted token): it is
 * refused, as the SDK's file store refuses it. (Not on Windows: no POSIX owners.)
 */
function refuseForeign(file: string, fd: number): void {
  const uid = process.getuid?.();
  if (uid === undefined) return;
  const { uid: owner, mode } = fstatSync(fd);
  if (owner !== uid || mode & 0o022) {
    throw new CliError(
      'store_unreadable',
      `the session file ${file} ${owner !== uid ? `belongs to another user (uid ${owner})` : `is writable by other users (mode 0${(mode & 0o777).toString(8)})`}, so its sessions may not be yours; it is not used`,
      { hint: 'remove it (or fix its owner and run chmod 600 on it), then run `docspace-auth login`' },
    );
  }
}

/** True when an ISO expiry has passed. */
export const hasExpired = (expires: string | null, now = Date.now()) =>
  expires !== null && !(Date.parse(expires) > now);
