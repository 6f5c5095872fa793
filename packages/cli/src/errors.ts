import { isDocSpaceAuthError } from '@docspace/auth-helpers/file-store';
import { exitCodeFor } from './exit-codes.js';

/**
 * A failure the command reports itself (bad flag, nothing to ask with, not signed in, ...). Like
 * `DocSpaceAuthError` it has a stable `code`; its message never holds a secret.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: string;
  readonly exitCode: number;
  /** A second line for people: what to do about it. */
  readonly hint: string | undefined;
  /** How long to wait before trying again, when known. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: string,
    message: string,
    options: { hint?: string; exitCode?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.exitCode = options.exitCode ?? exitCodeFor(code);
    this.hint = options.hint;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A command-line mistake (exit code 2). */
export const usageError = (message: string, hint?: string) =>
  new CliError('usage', message, hint === undefined ? {} : { hint });

/**
 * Something the command needs and cannot ask for because standard input is not a terminal. The message names
 * the flag or variable that provides it.
 */
export const missingInput = (what: string, flag: string | undefined, variable: string) =>
  new CliError('missing_input', `${what} is needed and standard input is not a terminal, so it cannot be asked for`, {
    hint: flag ? `give ${flag} or set ${variable}` : `set ${variable}`,
  });

export const notSignedIn = (message: string, hint = 'run `docspace-auth login`') =>
  new CliError('not_signed_in', message, { hint });

/**
 * What a report of any thrown value needs. `DocSpaceAuthError`s are recognised by the SDK's own guard, taken from
 * the cheap `file-store` entry (not the SDK's main entry, which would slow every command down). The guard checks a
 * brand, not the class, so it also recognises an error from the SDK's ES module copy, which the commands load with
 * `import()`, while this CommonJS bundle loads the CommonJS copy.
 */
export interface ErrorReport {
  code: string;
  message: string;
  exitCode: number;
  hint?: string | undefined;
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  serverMessage?: string | undefined;
}

export function reportOf(error: unknown): ErrorReport {
  if (error instanceof CliError) {
    return {
      code: error.code,
      message: error.message,
      exitCode: error.exitCode,
      hint: error.hint,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    };
  }
  if (isDocSpaceAuthError(error)) {
    return {
      code: error.code,
      message: error.message,
      exitCode: exitCodeFor(error.code),
      hint: hintFor(error.code, error.retryAfterMs),
      status: error.status,
      retryAfterMs: error.retryAfterMs,
      serverMessage: error.serverMessage,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'unexpected',
    message: `unexpected error: ${message}`,
    exitCode: exitCodeFor('unexpected'),
    hint: 'set DEBUG=1 for details',
  };
}

/** The second line of each portal state, shared by the commands and the portal probe. */
export const PORTAL_STATE_HINTS = {
  portal_not_found:
    'check the address (the one you open DocSpace at in a browser); a suspended portal answers like this until its owner resumes it',
  portal_unavailable: 'the portal is being restored, moved or encrypted; try again when its administrator has finished',
  access_restricted:
    'connect from a network the portal allows (office, VPN), or ask its administrator to allow this address; waiting does not help',
} as const;

function hintFor(code: string, retryAfterMs: number | undefined): string | undefined {
  switch (code) {
    case 'invalid_credentials':
      return 'check the user name and password; accounts that sign in with SSO cannot use a password (nor LDAP accounts while the portal has LDAP sign-in off)';
    case 'portal_not_found':
    case 'portal_unavailable':
    case 'access_restricted':
      return PORTAL_STATE_HINTS[code];
    case 'blocked':
    case 'rate_limited':
      return retryAfterMs === undefined ? 'try again later' : `try again in ${Math.ceil(retryAfterMs / 1000)} s`;
    case 'insecure_transport':
      return 'use the https:// address of the portal (plain http is only allowed to this machine)';
    case 'session_expired':
    case 'not_signed_in':
      return 'run `docspace-auth login`';
    case 'network':
    case 'timeout':
      return 'check the portal address and your connection';
    default:
      return undefined;
  }
}
