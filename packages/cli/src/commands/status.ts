import { type Account, describeAccount } from '../accounts.js';
import { promoteNext } from '../active-account.js';
import type { CommonOptions } from '../args.js';
import { openAuth } from '../auth.js';
import { CliError, PORTAL_STATE_HINTS } from '../errors.js';
import { allowInsecureHttp } from '../insecure-http.js';
import { flushRevocations } from '../revocation.js';
import { portalsWithRevocations } from '../revocation-queue.js';
import { needsInsecureHttp } from '../portal-address.js';
import { hasExpired } from '../session-file.js';
import { resolveTarget, type Target } from '../target.js';
import { describeExpiry, palette, printJson, say, spinner } from '../ui.js';

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
 * 4 when not (like `gh auth status`).
 */
export async function run(options: CommonOptions): Promise<number> {
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
  const listed = [...states].map(([account, state]) => ({
    portal: account.portal,
    user: account.userName,
    ...account.profile,
    active: account.active && !gone.includes(account),
    default: account.portal === target.config.portal,
    expires: account.expires,
    state,
  }));
  const list = listed.map(({ userName, ...rest }) => ({ ...rest, ...(userName === undefined ? {} : { userName }) }));

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
    printJson({ signedIn: false, portal, user: user ?? null, reason, accounts });
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
