/**
 * `@docspace/auth-helpers/file-store`: a session store in one JSON file, for Node, and the stored-session format
 * it writes (file layout, store keys, portal address rule) for tools that read the file themselves. A separate
 * entry point so that the main entry never imports a Node-only module; cheap to import (no HTTP client, no
 * dependency loaded before the first write).
 *
 * @packageDocumentation
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  parseSessionFile,
  readStoredSession,
  SESSION_FILE_FORMAT,
  SESSION_FILE_VERSION,
  type SessionFile,
  type StoredSession,
} from './stored-session.js';
import type { SessionStore } from './stores/types.js';
import { writeFileAtomically } from './write-file-atomically.js';
import { checkSessionFileSafety } from './file-safety.js';
import { withWriteLock } from './file-store-lock.js';

export type { SessionStore } from './stores/types.js';
export {
  parseSessionFile,
  portalAddress,
  readPendingRevocations,
  readStoredAccount,
  readStoredSession,
  SESSION_FILE_FORMAT,
  SESSION_FILE_VERSION,
  sessionKey,
  type ParsedSessionFile,
  type PendingRevocation,
  type SessionFile,
  type StoredAccount,
  type StoredSession,
} from './stored-session.js';
export { isApiKey } from './api-key.js';
export { normalizePortalAddress } from './url.js';
export { writeFileAtomically } from './write-file-atomically.js';
export { fileCoordinator, type FileCoordinatorOptions } from './file-coordinator.js';
export type { SignInCoordinator } from './stores/coordinator.js';
export { isDocSpaceAuthError, type DocSpaceAuthError, type DocSpaceAuthErrorCode } from '@docspace/auth-client/errors';
export { SessionFileError } from './file-store-error.js';

/** Options of {@link fileStore}. */
export interface FileStoreOptions {
  /**
   * Called when the file cannot be used as it is: not JSON, or JSON that is not a docspace-auth session file.
   * The file is then treated as empty; before it is next written, the old content is kept beside it as
   * `<name>.unreadable-<time>` so that nothing is lost.
   */
  onError?: ((message: string) => void) | undefined;
  /** How long a write waits for another process's write to finish. Default 10 000 ms. */
  lockTimeoutMs?: number | undefined;
}

type ReadResult = { kind: 'missing' } | { kind: 'ok'; file: SessionFile } | { kind: 'unreadable'; reason: string };

async function readSessionFile(path: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const parsed = parseSessionFile(text);
  return parsed.ok ? { kind: 'ok', file: parsed.file } : { kind: 'unreadable', reason: parsed.reason };
}

/** Options of {@link updateSessionFile}. */
export interface UpdateSessionFileOptions {
  /** Told when the file held something unusable (it is moved aside as `<name>.unreadable-<time>`). */
  onError?: ((message: string) => void) | undefined;
  /** How long to wait for another process's write to finish. Default 10 000 ms. */
  lockTimeoutMs?: number | undefined;
}

/**
 * Changes a session file under the file store's lock (so no other process's change is lost) and writes it back
 * atomically, mode 0600. `change` gets the whole document (an empty one when the file is missing or unusable;
 * an unusable file is moved aside first), changes it in place and returns `false` to leave the file as it was.
 * For tools that keep more than sessions in the file (`accounts`, `revocations`); stores use `fileStore`.
 */
export async function updateSessionFile(
  path: string,
  change: (file: SessionFile) => boolean,
  options: UpdateSessionFileOptions = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await checkSessionFileSafety(path, (message) => options.onError?.(message));
  await withWriteLock(path, options.lockTimeoutMs ?? 10_000, async () => {
    const current = await readSessionFile(path);
    let file: SessionFile = { format: SESSION_FILE_FORMAT, version: SESSION_FILE_VERSION, sessions: {} };
    if (current.kind === 'ok') {
      file = current.file;
    } else if (current.kind === 'unreadable') {
      const keep = `${path}.unreadable-${Date.now()}`;
      await rename(path, keep).catch(Boolean); // Boolean: nothing to keep when it is gone already
      options.onError?.(`session file ${path}: ${current.reason}; it was moved to ${keep} and a new file started`);
    }
    if (!change(file)) return;
    // The members this package defines, in this order; anything else another tool added is kept after them.
    const { format: _format, version: _version, sessions, ...rest } = file;
    const written = { format: SESSION_FILE_FORMAT, version: SESSION_FILE_VERSION, sessions, ...rest };
    await writeFileAtomically(path, `${JSON.stringify(written, null, 2)}\n`);
  });
}

/**
 * A store that keeps every session in one JSON file (mode 0600), e.g. under the user's config folder.
 *
 * - Writes are atomic (temporary file, then rename) and serialised across processes with a lock file, so two
 *   processes sharing the file never corrupt it or lose each other's sessions.
 * - Reads never take the lock and never throw for bad content: a file that is not JSON or not in this format
 *   is reported through `onError` and read as empty.
 *
 * Format: {@link SessionFile}, keyed by {@link sessionKey}.
 *
 * @example
 * ```ts
 * import { createDocSpaceAuth } from '@docspace/auth-helpers';
 * import { fileStore } from '@docspace/auth-helpers/file-store';
 *
 * const auth = createDocSpaceAuth({ baseUrl, store: fileStore(`${os.homedir()}/.config/my-tool/sessions.json`) });
 * ```
 */
export function fileStore(path: string, options: FileStoreOptions = {}): SessionStore {
  if (typeof path !== 'string' || path === '') throw new TypeError('fileStore(path): path must be a non-empty string');
  const report = (message: string) => options.onError?.(`session file ${path}: ${message}`);

  const update = (change: (sessions: Record<string, StoredSession>) => boolean) =>
    updateSessionFile(path, (file) => change(file.sessions), {
      ...(options.onError ? { onError: options.onError } : {}),
      ...(options.lockTimeoutMs !== undefined ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
    });

  return {
    async get(key) {
      try {
        await checkSessionFileSafety(path, report);
      } catch (error) {
        report(`${(error as Error).message}; no session is read from it`);
        return null;
      }
      const current = await readSessionFile(path);
      if (current.kind === 'unreadable') {
        report(`${current.reason}; it is read as empty`);
        return null;
      }
      if (current.kind !== 'ok' || current.file.sessions[key] === undefined) return null;
      // An entry that is not a stored session (hand-edited, another tool's, a token that could not be sent) is none.
      if (!readStoredSession(current.file.sessions[key])) {
        report(`the entry ${key} is not a usable session; it is read as none`);
        return null;
      }
      return current.file.sessions[key];
    },
    set: (key, session) =>
      update((sessions) => {
        sessions[key] = session;
        return true;
      }),
    delete: (key) =>
      update((sessions) => {
        if (!(key in sessions)) return false;
        delete sessions[key];
        return true;
      }),
  };
}
