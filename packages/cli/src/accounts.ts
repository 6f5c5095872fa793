// The saved accounts, as `gh auth` has them: every user signed in to every portal, one of them active per portal
// (the session saved under the portal's own key, `docspace-auth:<portal>`), one portal the default (config.json).
// An account is found by what people know: the user name, the e-mail or the display name. Cheap (part of the
// `token` fast path): it reads the document `session-file.ts` parsed, with the format's own functions.
import {
  readStoredAccount,
  readStoredSession,
  type SessionFile,
  sessionKey,
  type StoredAccount,
} from '@docspace/auth-helpers/file-store';
import { CliError } from './errors.js';
import { printable } from './printable.js';

/** One saved account. `token` is a credential: never printed but by `token`. */
export interface Account {
  portal: string;
  /** Its key in the session file (`docspace-auth:<portal>:<user>`). */
  key: string;
  /** The user name it was signed in with. */
  userName: string;
  /** Who it is, as the portal said at sign-in (may be empty for a session another tool saved). */
  profile: StoredAccount;
  token: string;
  expires: string | null;
  /** The active account of its portal. */
  active: boolean;
}

/** Every account in the file, grouped by portal (in the order of first appearance), each portal's accounts by name. */
export function listAccounts(file: SessionFile | null): Account[] {
  if (!file) return [];
  const list: Account[] = [];
  for (const [key, value] of Object.entries(file.sessions)) {
    const session = readStoredSession(value);
    if (!session || key !== sessionKey(session.portal, session.userName)) continue; // the portals' active copies
    const activeCopy = readStoredSession(file.sessions[sessionKey(session.portal)]);
    list.push({
      portal: session.portal,
      key,
      userName: session.userName,
      profile: readStoredAccount(file.accounts?.[key]) ?? {},
      token: session.token,
      expires: session.expires,
      active: activeCopy?.token === session.token,
    });
  }
  const portals = [...new Set(list.map((a) => a.portal))];
  return list.sort(
    (a, b) => portals.indexOf(a.portal) - portals.indexOf(b.portal) || a.userName.localeCompare(b.userName),
  );
}

/** The portals that have accounts, in listing order. */
export const portalsOf = (accounts: readonly Account[]) => [...new Set(accounts.map((a) => a.portal))];

/** "bob@example.com (Bob Brown)": the name signed in with, and the display name when it says more. */
export function describeAccount(account: Account): string {
  const { displayName, email } = account.profile;
  const extra = displayName ?? (email && email.toLowerCase() !== account.userName.toLowerCase() ? email : undefined);
  // The display name and e-mail come from the portal (and the session file): printed without control characters.
  return printable(extra ? `${account.userName} (${extra})` : account.userName);
}

const same = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b;

/** Whether `query` names the account: its user name as signed in, its portal user name, e-mail or display name. */
export function matches(account: Account, query: string): boolean {
  const q = query.trim().toLowerCase();
  const { userName, email, displayName } = account.profile;
  return same(account.userName, q) || same(userName, q) || same(email, q) || same(displayName, q);
}

/**
 * The one account `query` names among `accounts`, `undefined` when none does; several are an `ambiguous_user`
 * error (exit 2) that lists them.
 */
export function findAccount(accounts: readonly Account[], query: string): Account | undefined {
  const found = accounts.filter((a) => matches(a, query));
  if (found.length <= 1) return found[0];
  throw new CliError('ambiguous_user', `"${query}" matches ${found.length} saved accounts`, {
    hint: `say which with --portal and --user (user name or e-mail):\n${found.map((a) => `    ${a.portal}  ${describeAccount(a)}`).join('\n')}`,
  });
}
