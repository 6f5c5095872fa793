// Which saved account a command works on: `--portal`, else `DOCSPACE_PORTAL`, else the default portal (config.json,
// set by the last sign-in or `switch`); `--user`, else `DOCSPACE_USER` (a user name, e-mail or display name), else
// the portal's active account. With a user and no portal, the user is looked for on every portal.
import { type Account, findAccount, listAccounts, matches, portalsOf } from './accounts.js';
import type { CommonOptions } from './args.js';
import { type CliConfig, readConfig } from './config.js';
import { notSignedIn } from './errors.js';
import { configDir, sessionsFile } from './paths.js';
import { portalKeyOf } from './portal-address.js';
import { readSessionDocument } from './session-file.js';

export interface Target {
  /** The config folder. */
  dir: string;
  /** sessions.json in it. */
  file: string;
  /** The portal as the SDK keys it (origin and path prefix, no trailing slash). */
  portal: string;
  /** The user name to open the session of (the account's, when one matched); `undefined`: the active account. */
  user: string | undefined;
  /** The saved account the command works on, when there is one. */
  account: Account | undefined;
  /** Every saved account. */
  accounts: Account[];
  config: CliConfig;
}

export function resolveTarget(options: CommonOptions, env: NodeJS.ProcessEnv = process.env): Target {
  const dir = configDir(options.configDir, env);
  const file = sessionsFile(dir);
  const config = readConfig(dir);
  const accounts = listAccounts(readSessionDocument(file));
  const given = options.portal ?? (env.DOCSPACE_PORTAL?.trim() || undefined);
  const query = options.user ?? (env.DOCSPACE_USER?.trim() || undefined);
  let portal = given === undefined ? undefined : portalKeyOf(given);
  let account: Account | undefined;
  if (query !== undefined) {
    let pool = accounts;
    if (portal !== undefined) pool = accounts.filter((a) => a.portal === portal);
    else if (accounts.some((a) => a.portal === config.portal && matches(a, query)))
      pool = accounts.filter((a) => a.portal === config.portal);
    account = findAccount(pool, query);
    portal ??= account?.portal ?? config.portal;
  } else {
    const portals = portalsOf(accounts);
    portal ??= config.portal ?? (portals.length === 1 ? portals[0] : undefined);
    account = accounts.find((a) => a.portal === portal && a.active);
  }
  if (portal === undefined) {
    throw notSignedIn(
      query === undefined
        ? 'not signed in: no portal given and none remembered'
        : `not signed in as ${query} on any portal`,
      'run `docspace-auth login`, or give --portal URL (or set DOCSPACE_PORTAL)',
    );
  }
  return { dir, file, portal, user: account?.userName ?? query, account, accounts, config };
}
