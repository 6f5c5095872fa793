import type { CommonOptions } from '../args.js';
import { checkStore, openAuth } from '../auth.js';
import { notSignedIn } from '../errors.js';
import { resolveTarget } from '../target.js';
import { note, palette, printJson, say, spinner } from '../ui.js';

/** `docspace-auth logout`: the portal ends the session, and the token is removed from the session file. */
export async function run(options: CommonOptions): Promise<number> {
  const target = resolveTarget(options);
  const opened = await openAuth(target.address, target.file, target.user ? { userName: target.user } : {});
  const { auth } = opened;
  const spin = spinner(!options.json);
  try {
    const session = await auth.session();
    if (!session) throw notSignedIn(`not signed in to ${auth.portal}${target.user ? ` as ${target.user}` : ''}`);
    spin.start(`Signing out of ${auth.portal}…`);
    try {
      await auth.logout();
    } catch (error) {
      spin.stop();
      note(`The token was removed from ${target.file}, but the portal did not confirm the sign-out:`);
      throw error;
    }
    spin.stop();
    checkStore(opened, 'signed out at the portal');
    if (options.json) {
      printJson({ signedOut: true, portal: auth.portal, user: session.userName });
    } else {
      const { green, bold } = palette(process.stdout);
      say(`${green('✓')} Signed out of ${bold(auth.portal)} (${bold(session.userName)}); the token no longer works`);
    }
    return 0;
  } finally {
    spin.stop();
    auth.dispose();
  }
}
