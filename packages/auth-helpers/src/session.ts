import { readStoredSession, sessionKey, type StoredSession } from './stored-session.js';
import { hideToken } from './utils/hide-token.js';

export type { StoredSession } from './stored-session.js';

/** A signed-in session. `token` is a credential: keep it out of logs (this object hides it from `console.log`). */
export interface Session {
  /** The portal's session token (the `asc_auth_key` value). */
  token: string;
  /** When the token stops working, or `null` when the portal did not say (a `session: true` sign-in). */
  expires: Date | null;
  /** The user name the session was signed in with. */
  userName: string;
  /** The portal's origin, e.g. `https://yourportal.onlyoffice.com`. */
  portal: string;
}

/** The .NET zero value the portal sends when it has no expiry to report. */
const ZERO_EXPIRY = /^0001-01-01T00:00:00/;

/** Reads the portal's `expires` field: a date, or `null` for the zero value, a missing value or garbage. */
export function parseExpires(value: string | null | undefined): Date | null {
  if (!value || ZERO_EXPIRY.test(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

/** Makes a session whose token does not show in `console.log` / `util.inspect` output. */
export function makeSession(fields: Session): Session {
  return hideToken({ ...fields });
}

export function toStored(session: Session, obtainedAt: number): StoredSession {
  return {
    token: session.token,
    expires: session.expires ? session.expires.toISOString() : null,
    userName: session.userName,
    portal: session.portal,
    obtainedAt: new Date(obtainedAt).toISOString(),
  };
}

/** Checks a value read from a store; anything that is not a stored session gives `undefined`. */
export function fromStored(value: unknown): { session: Session; obtainedAt: number } | undefined {
  const v = readStoredSession(value);
  if (!v) return undefined;
  const expires = v.expires === null ? null : new Date(v.expires);
  const obtainedAt = typeof v.obtainedAt === 'string' ? Date.parse(v.obtainedAt) : Number.NaN;
  return {
    session: makeSession({ token: v.token, expires, userName: v.userName, portal: v.portal }),
    obtainedAt: Number.isNaN(obtainedAt) ? 0 : obtainedAt,
  };
}

/** The store key of one user's session on one portal. */
export const userKey = (portal: string, userName: string): string => sessionKey(portal, userName);

/** The store key of the portal's most recent session (used when no user name is configured). */
export const portalKey = (portal: string): string => sessionKey(portal);
