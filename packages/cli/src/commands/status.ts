import type { CommonOptions } from '../args.js';
import { openAuth } from '../auth.js';
import { CliError } from '../errors.js';
import { resolveTarget } from '../target.js';
import { describeExpiry, palette, printJson, say, spinner } from '../ui.js';

type Reason = 'no_portal' | 'no_session' | 'expired' | 'rejected';

/**
 * `docspace-auth status`: whether the saved session works, asked of the portal. Exits 0 when signed in, 4 when
 * not (like `gh auth status`).
 */
export async function run(options: CommonOptions): Promise<number> {
  let target;
  try {
    target = resolveTarget(options);
  } catch (error) {
    if (error instanceof CliError && error.code === 'not_signed_in') return signedOut(options, null, undefined, 'no_portal');
    throw error;
  }
  let expiredLocally = false;
  const { auth } = await openAuth(target.address, target.file, {
    ...(target.user ? { userName: target.user } : {}),
    onEvent: (event) => {
      if (event.type === 'session-expired' && event.reason === 'expired') expiredLocally = true;
    },
  });
  const spin = spinner(!options.json);
  try {
    const session = await auth.session();
    if (!session) return signedOut(options, auth.portal, target.user, expiredLocally ? 'expired' : 'no_session');
    spin.start(`Checking the session with ${auth.portal}…`);
    const valid = await auth.isAuthenticated();
    spin.stop();
    if (!valid) return signedOut(options, auth.portal, session.userName, 'rejected');
    const expires = session.expires ? session.expires.toISOString() : null;
    if (options.json) {
      printJson({ signedIn: true, portal: auth.portal, user: session.userName, expires });
    } else {
      const { green, bold } = palette(process.stdout);
      say(`${green('✓')} Signed in to ${bold(auth.portal)} as ${bold(session.userName)}`);
      say(`  token valid ${describeExpiry(expires)}; the portal accepts it`);
    }
    return 0;
  } finally {
    spin.stop();
    auth.dispose();
  }
}

const REASONS: Record<Reason, string> = {
  no_portal: 'no portal given and none remembered',
  no_session: 'no saved session',
  expired: 'the saved session has expired (it was removed)',
  rejected: 'the portal no longer accepts the saved token (it was removed)',
};

function signedOut(options: CommonOptions, portal: string | null, user: string | undefined, reason: Reason): number {
  if (options.json) {
    printJson({ signedIn: false, portal, user: user ?? null, reason });
  } else {
    const { red, bold } = palette(process.stdout);
    say(`${red('✗')} Not signed in${portal ? ` to ${bold(portal)}` : ''}${user ? ` as ${bold(user)}` : ''}: ${REASONS[reason]}`);
    say('  run `docspace-auth login` to sign in');
  }
  return 4;
}
