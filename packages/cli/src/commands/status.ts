import { type Account, describeAccount, listAccounts } from '../accounts.js';
import { promoteNext } from '../active-account.js';
import type { CommonOptions } from '../args.js';
import { openAuth } from '../auth.js';
import { API_KEY_VARIABLE, type EnvTarget, rejectedEnvApiKey, resolveEnvTarget } from '../env-api-key.js';
import { CliError, PORTAL_STATE_HINTS, reportOf } from '../errors.js';
import { allowInsecureHttp } from '../insecure-http.js';
import { flushRevocations } from '../revocation.js';
import { portalsWithRevocations } from '../revocation-queue.js';
import { needsInsecureHttp } from '../portal-address.js';
import { printable } from '../printable.js';
import { sessionsFile } from '../paths.js';
import { hasExpired, readSessionDocument } from '../session-file.js';
import { resolveTarget, type Target } from '../target.js';
import { describeExpiry, note, palette, printJson, say, spinner } from '../ui.js';

type Reason = 'no_portal' | 'no_session' | 'expired' | 'rejected';
/** What the portal said of an account's token. */
type State =
  | 'accepted'
  | 'rejected'
  | 'expired'
  | 'unreachable'
  | 'refused_http'
  | 'portal_not_found'
  | 'portal_unavailable'
  | 'access_restricted';

/** The portal states that `status` reports as such (the SDK's error codes of the same names). */
const PORTAL_STATES = new Set<State>(['portal_not_found', 'portal_unavailable', 'access_restricted']);

/**
 * `docspace-auth status`: every saved account, per portal, the active ones marked, each token checked with its
 * portal. Exits 0 when the account it is about (the default portal's active one, or --portal/--user) is signed in,
 * 4 when not (like `gh auth status`). With DOCSPACE_API_KEY set, that key is checked instead (see withEnvApiKey).
 */
export async function run(options: CommonOptions): Promise<number> {
  const fromEnv = resolveEnvTarget(options);
  if (fromEnv) return withEnvApiKey(fromEnv, options);
  let target: Target;
  try {
    target = resolveTarget(options);
  } catch (error) {
    if (error instanceof CliError && error.code === 'not_signed_in')
      return signedOut(options, null, undefined, 'no_portal', []);
    throw error;
  }
  const spin = spinner(!options.json);
  spin.start('Checking the saved accounts with their portals…');
  let states: Map<Account, State>;
  try {
    states = new Map(
      await Promise.all(target.accounts.map(async (a) => [a, await check(target, a, options)] as const)),
    );
  } finally {
    spin.stop();
  }
  // Tokens left for revocation by a sign-out while their portal was down: this is a contact, revoke them now.
  const unreachablePortals = new Set([...states].filter(([, s]) => s === 'unreachable').map(([a]) => a.portal));
  for (const portal of await portalsWithRevocations(target.file).catch(() => [])) {
    if (unreachablePortals.has(portal)) continue;
    const insecure =
      portal.startsWith('http:') && (options.insecureHttp || target.config.insecureHttp?.includes(portal) === true);
    if (needsInsecureHttp(portal) && !insecure) continue;
    await flushRevocations(target.file, portal, { allowInsecureHttp: insecure });
  }
  const gone = [...states].filter(([, s]) => s === 'rejected' || s === 'expired').map(([a]) => a);
  const promoted = new Map<string, string>();
  for (const portal of new Set(gone.filter((a) => a.active).map((a) => a.portal))) {
    const next = await promoteNext(target.file, portal);
    if (next !== undefined) promoted.set(portal, next);
  }
  const list = listOf([...states], target.config.portal, gone);

  const account = target.account;
  const state = account ? states.get(account) : undefined;
  if (!account) return signedOut(options, target.portal, target.user, 'no_session', list);
  if (state === 'expired' || state === 'rejected') {
    return signedOut(options, target.portal, account.userName, state, list, promoted.get(target.portal));
  }
  if (state !== undefined && PORTAL_STATES.has(state)) {
    const code = state as keyof typeof PORTAL_STATE_HINTS;
    throw new CliError(code, `${target.portal}: ${STATES[state]} (the session of ${account.userName} is kept)`, {
      hint: PORTAL_STATE_HINTS[code],
    });
  }
  if (state === 'unreachable') {
    throw new CliError('network', `${target.portal} could not be reached to check the session of ${account.userName}`, {
      hint: 'check the portal address and your connection; `docspace-auth token` still prints the saved token',
    });
  }
  if (options.json) {
    printJson({
      signedIn: true,
      source: 'session',
      portal: account.portal,
      user: account.userName,
      expires: account.expires,
      accounts: list,
    });
  } else {
    const { green, bold } = palette(process.stdout);
    say(`${green('✓')} Signed in to ${bold(account.portal)} as ${bold(account.userName)}`);
    say(`  token valid ${describeExpiry(account.expires)}; the portal accepts it`);
    printAccounts(target, states);
  }
  return 0;
}

/**
 * status with DOCSPACE_API_KEY: the key is checked with its portal (`isAuthenticated`, then people/@self to say whose
 * it is). The saved accounts are listed as they are, neither checked nor changed: they are not used while the variable
 * is set. Exits 0 when the portal accepts the key, 3 (`invalid_api_key`, as `whoami`) when it rejects it.
 */
async function withEnvApiKey(target: EnvTarget, options: CommonOptions): Promise<number> {
  const insecure = allowInsecureHttp(target.portal, options.insecureHttp, target.config.insecureHttp);
  const saved = savedAccountsAside(target);
  const [{ createDocSpaceAuth }, { getSelfProfile }] = await Promise.all([
    import('@docspace/auth-helpers'),
    import('@docspace/auth-client'),
  ]);
  const auth = createDocSpaceAuth({
    baseUrl: target.portal,
    apiKey: target.key,
    allowInsecureHttp: insecure,
    retry: false,
    timeoutMs: 10_000,
  });
  const spin = spinner(!options.json);
  spin.start(`Checking ${API_KEY_VARIABLE} with ${auth.portal}…`);
  let profile: { email?: string; userName?: string; displayName?: string } | undefined;
  try {
    // The portal's states and no answer are the SDK's errors, with their exit codes, as for a saved session.
    if (!(await auth.isAuthenticated())) throw rejectedEnvApiKey(auth.portal);
    // Whose key it is, for people; the answer above is what counts, so a failure here only leaves the user out.
    profile = (await getSelfProfile({ client: auth.client }).catch(() => undefined))?.data?.response;
  } finally {
    spin.stop();
    auth.dispose();
  }
  const user = profile?.email || profile?.userName || null;
  const displayName = profile?.displayName || undefined;
  const accounts = listOf(
    saved.map((a) => [a, 'not_checked'] as const),
    target.config.portal,
    [],
  );
  if (options.json) {
    printJson({
      signedIn: true,
      source: 'env',
      portal: auth.portal,
      user,
      ...(displayName ? { displayName } : {}),
      expires: null,
      apiKey: true,
      accounts,
    });
    return 0;
  }
  const { green, bold, dim } = palette(process.stdout);
  say(
    `${green('✓')} Signed in to ${bold(auth.portal)}${user ? ` as ${bold(printable(user))}` : ''}${displayName ? ` (${printable(displayName)})` : ''}, using ${API_KEY_VARIABLE}`,
  );
  say("  the portal accepts the key; it works until it is revoked in the portal's settings");
  if (saved.length > 0) {
    say(
      dim(
        `  ${saved.length === 1 ? '1 saved account is' : `${saved.length} saved accounts are`} not used while ${API_KEY_VARIABLE} is set (unset it to use ${saved.length === 1 ? 'it' : 'them'})`,
      ),
    );
  }
  return 0;
}

/** The saved accounts, read only to be listed (an unreadable file is a warning here: the key does not need it). */
function savedAccountsAside(target: EnvTarget): Account[] {
  try {
    return listAccounts(readSessionDocument(sessionsFile(target.dir)));
  } catch (error) {
    const { yellow } = palette(process.stderr);
    note(`${yellow('warning:')} ${reportOf(error).message}; the saved accounts are not listed`);
    return [];
  }
}

/** The `accounts` of `status --json`. */
function listOf(
  entries: (readonly [Account, State | 'not_checked'])[],
  defaultPortal: string | undefined,
  gone: Account[],
) {
  return entries.map(([account, state]) => {
    const { userName, ...profile } = account.profile;
    return {
      portal: account.portal,
      user: account.userName,
      ...profile,
      active: account.active && !gone.includes(account),
      default: account.portal === defaultPortal,
      expires: account.expires,
      state,
      ...(userName === undefined ? {} : { userName }),
    };
  });
}

/** Asks the account's portal whether its token still works; a token it refuses is forgotten (by the SDK). */
async function check(target: Target, account: Account, options: CommonOptions): Promise<State> {
  if (hasExpired(account.expires)) {
    const { auth } = await openAuth(account.portal, target.file, { userName: account.userName });
    await auth.session(); // forgets the expired session
    auth.dispose();
    return 'expired';
  }
  let insecure: boolean;
  try {
    insecure = allowInsecureHttp(account.portal, options.insecureHttp, target.config.insecureHttp);
  } catch {
    return 'refused_http';
  }
  const { auth } = await openAuth(account.portal, target.file, {
    userName: account.userName,
    allowInsecureHttp: insecure,
    retry: false,
    timeoutMs: 10_000,
  });
  try {
    return (await auth.isAuthenticated()) ? 'accepted' : 'rejected';
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code as State;
    return PORTAL_STATES.has(code) ? code : 'unreachable';
  } finally {
    auth.dispose();
  }
}

const STATES: Record<State, string> = {
  accepted: 'the portal accepts it',
  rejected: 'the portal refused the token (forgotten)',
  expired: 'expired (forgotten)',
  unreachable: 'the portal could not be reached',
  refused_http: 'plain http: not checked (add --insecure-http)',
  portal_not_found: 'no portal answers at this address (suspended, removed, or a wrong address)',
  portal_unavailable: 'the portal is being restored, transferred or encrypted',
  access_restricted: "the portal's IP restrictions do not admit this address",
};

/** The accounts, per portal: `*` marks each portal's active account, "(default)" the default portal. */
function printAccounts(target: Target, states: Map<Account, State>): void {
  if (target.accounts.length < 2) return;
  const { bold, dim } = palette(process.stdout);
  say('');
  say(`Saved accounts (${bold('*')} active on its portal; \`docspace-auth switch --user NAME\` changes it):`);
  let portal: string | undefined;
  for (const [account, state] of states) {
    if (account.portal !== portal) {
      portal = account.portal;
      say(`  ${bold(portal)}${portal === target.config.portal ? dim(' (default)') : ''}`);
    }
    say(`    ${account.active ? '*' : ' '} ${describeAccount(account)}  ${dim(STATES[state])}`);
  }
}

const REASONS: Record<Reason, string> = {
  no_portal: 'no portal given and none remembered',
  no_session: 'no saved session',
  expired: 'the saved session has expired (it was removed)',
  rejected: 'the portal no longer accepts the saved token (it was removed)',
};

function signedOut(
  options: CommonOptions,
  portal: string | null,
  user: string | undefined,
  reason: Reason,
  accounts: unknown[],
  promoted?: string,
): number {
  if (options.json) {
    printJson({ signedIn: false, source: 'session', portal, user: user ?? null, reason, accounts });
  } else {
    const { red, bold } = palette(process.stdout);
    say(
      `${red('✗')} Not signed in${portal ? ` to ${bold(portal)}` : ''}${user ? ` as ${bold(user)}` : ''}: ${REASONS[reason]}`,
    );
    if (promoted) say(`  ${bold(promoted)} is now the active account on ${portal}`);
    say('  run `docspace-auth login` to sign in');
  }
  return 4;
}
