/**
 * A session file (or its folder) the file store will not use: owned by another user, or writable by others, so its
 * content may have been planted (a token of someone else's: session fixation). `code` is stable.
 */
export class SessionFileError extends Error {
  override readonly name = 'SessionFileError';
  readonly code: 'unsafe_session_file';
  /** The file or folder at fault. */
  readonly path: string;

  constructor(message: string, path: string) {
    super(message);
    this.code = 'unsafe_session_file';
    this.path = path;
  }
}
