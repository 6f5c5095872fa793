/**
 * The stored-session format: what a session store keeps, under which key, and the layout of the session file.
 * Defined once here; the SDK's stores and the `docspace-auth` command both use it, so either reads what the other
 * wrote. No Node built-in and no dependency, so that reading a session stays cheap.
 */
import { tokenProblem } from './token-form.js';

/** The JSON form of a signed-in session that stores keep (format version 1). `token` is a credential. */
export interface StoredSession {
  /** The portal's session token (the `asc_auth_key` value). */
  token: string;
  /** When the token stops working (ISO 8601), or `null` when the portal did not say. */
  expires: string | null;
  /** The user name the session was signed in with. */
  userName: string;
  /** The portal, as {@link sessionKey} takes it: origin plus any path prefix, without a trailing slash. */
  portal: string;
  /** When the session was obtained (ISO 8601): lets the SDK size its renewal margin to the token's lifetime. */
  obtainedAt: string;
}

/** The `format` field of a session file. */
export const SESSION_FILE_FORMAT = 'docspace-auth/sessions';

/** The `version` field of a session file this package reads and writes. */
export const SESSION_FILE_VERSION = 1;

/**
 * Who a saved session belongs to, as the portal describes the user (`GET /api/2.0/people/@self`): lets a tool find
 * an account by user name, e-mail or display name whatever was typed at sign-in. Every field is optional.
 */
export interface StoredAccount {
  /** The portal's id of the user. */
  id?: string | undefined;
  /** The user name on the portal (e.g. `bob`). */
  userName?: string | undefined;
  /** The e-mail address. */
  email?: string | undefined;
  /** The display name (e.g. `Bob Brown`). */
  displayName?: string | undefined;
}

/**
 * A token to revoke at the next successful contact with its portal: it was signed out of (or replaced) while the
 * portal could not be reached. `token` is a credential.
 */
export interface PendingRevocation {
  /** The portal, as in {@link StoredSession.portal}. */
  portal: string;
  /** The token to revoke. */
  token: string;
  /** The user name the token was signed in with. */
  userName: string;
  /** When it was queued (ISO 8601). */
  since: string;
}

/**
 * The document a session file holds:
 * `{ "format": "docspace-auth/sessions", "version": 1, "sessions": { "<key>": StoredSession } }`,
 * where each key is a {@link sessionKey}. Under `docspace-auth:<portal>` (no user) is the portal's active session:
 * a copy of one user's entry, the one the SDK restores when no `userName` is configured.
 *
 * Optional members, kept by the file store when it writes `sessions`:
 * - `accounts`: who each user's session belongs to ({@link StoredAccount}), keyed like `sessions`;
 * - `revocations`: tokens still to be revoked at their portal ({@link PendingRevocation}).
 */
export interface SessionFile {
  format: typeof SESSION_FILE_FORMAT;
  version: typeof SESSION_FILE_VERSION;
  sessions: Record<string, StoredSession>;
  accounts?: Record<string, StoredAccount> | undefined;
  revocations?: PendingRevocation[] | undefined;
}

/**
 * The store key of a session. With a user name: that user's session on the portal,
 * `docspace-auth:<portal>:<user name, trimmed and lower-cased>`. Without: the portal's most recent session,
 * `docspace-auth:<portal>`. Each sign-in is saved under both.
 *
 * @param portal - the portal as {@link portalAddress} gives it (`https://host[/prefix]`, no trailing slash).
 */
export function sessionKey(portal: string, userName?: string): string {
  return userName === undefined
    ? `docspace-auth:${portal}`
    : `docspace-auth:${portal}:${userName.trim().toLowerCase()}`;
}

/**
 * The portal part of a store key, from a parsed portal URL: origin plus any path prefix, without a trailing
 * slash (`https://Portal.example.com/docspace/` gives `https://portal.example.com/docspace`).
 */
export function portalAddress(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * `value` as a {@link StoredSession}, or `undefined` when it is not one. `obtainedAt` may be missing (a store
 * written by hand or by an older tool); every other field is checked, the token's form too (no control character,
 * space, quote, comma, semicolon or backslash; at most 4096 characters), so a token that could not be sent is never
 * used.
 */
export function readStoredSession(
  value: unknown,
): (Omit<StoredSession, 'obtainedAt'> & { obtainedAt?: unknown }) | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (tokenProblem(v.token) !== undefined || typeof v.userName !== 'string' || typeof v.portal !== 'string') {
    return undefined;
  }
  if (v.expires !== null && typeof v.expires !== 'string') return undefined;
  if (typeof v.expires === 'string' && Number.isNaN(Date.parse(v.expires))) return undefined;
  return v as Omit<StoredSession, 'obtainedAt'> & { obtainedAt?: unknown };
}

/** `value` as a {@link StoredAccount} (the string fields that are strings), or `undefined` when it is not an object. */
export function readStoredAccount(value: unknown): StoredAccount | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const account: StoredAccount = {};
  for (const field of ['id', 'userName', 'email', 'displayName'] as const) {
    const text = v[field];
    if (typeof text === 'string' && text !== '') account[field] = text;
  }
  return account;
}

/** The well-formed entries of a session file's `revocations` (an absent or malformed list gives `[]`). */
export function readPendingRevocations(file: Pick<SessionFile, 'revocations'>): PendingRevocation[] {
  const list: unknown = file.revocations;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (v): v is PendingRevocation =>
      typeof v === 'object' &&
      v !== null &&
      typeof v.portal === 'string' &&
      typeof v.token === 'string' &&
      v.token !== '' &&
      typeof v.userName === 'string' &&
      typeof v.since === 'string',
  );
}

/**
 * What {@link parseSessionFile} found: the document, or why the text is not a usable session file (`problem` to
 * branch on, `reason` for people).
 */
export type ParsedSessionFile =
  | { ok: true; file: SessionFile }
  | { ok: false; problem: 'not_json' | 'not_a_session_file' | 'unsupported_version'; reason: string };

/**
 * Reads the text of a session file. Never throws: text that is not JSON, or JSON that is not a version 1
 * session file, gives `{ ok: false, reason }` with a reason for people. Entries are not checked here; read each
 * with {@link readStoredSession}.
 */
export function parseSessionFile(text: string): ParsedSessionFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not_json', reason: 'it is not valid JSON' };
  }
  const file = json as Partial<Record<keyof SessionFile, unknown>> | null;
  if (typeof file !== 'object' || file === null || file.format !== SESSION_FILE_FORMAT) {
    return { ok: false, problem: 'not_a_session_file', reason: `it is not a ${SESSION_FILE_FORMAT} file` };
  }
  if (file.version !== SESSION_FILE_VERSION) {
    return {
      ok: false,
      problem: 'unsupported_version',
      reason: `its version ${String(file.version)} is not supported`,
    };
  }
  if (typeof file.sessions !== 'object' || file.sessions === null || Array.isArray(file.sessions)) {
    return { ok: false, problem: 'not_a_session_file', reason: 'its "sessions" is not an object' };
  }
  return { ok: true, file: file as SessionFile };
}
