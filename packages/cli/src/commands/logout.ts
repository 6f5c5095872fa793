import { isApiKey } from '@docspace/auth-helpers/file-store';
import { promoteNext } from '../active-account.js';
import type { CommonOptions } from '../args.js';
import { checkStore, openAuth } from '../auth.js';
import { updateConfig } from '../config.js';
import { API_KEY_VARIABLE, hasEnvApiKey } from '../env-api-key.js';
import { CliError, notSignedIn } from '../errors.js';
import { allowInsecureHttp } from '../insecure-http.js';
import { queueRevocation } from '../revocation-queue.js';
import { flushRevocations, unreachable } from '../revocation.js';
import { resolveTarget } from '../target.js';
import { note, palette, printJson, say, spinner } from '../ui.js';

/**
 * `docspace-auth logout`: the portal ends the session, and the token is removed from the session file. When the
 * portal cannot be reached, the token is kept for revocation at the next contact. Signing out of the active
 * account makes the next saved account of the portal active. With DOCSPACE_API_KEY set it refuses (as `gh auth
 * logout` with GH_TOKEN): the key is what the other commands use, signing out cannot end it (it is revoked in the
 * portal's settings), and the saved sessions are not what the user is using; nothing is read, changed or sent.
 */
export async function run(options: CommonOptions): Promise<number> {
  if (hasEnvApiKey()) {
    throw new CliError(
      'env_api_key',
      `${API_KEY_VARIABLE} is set: the commands use that key, which signing out cannot end (an API key is revoked in the portal's settings); nothing was signed out and the saved sessions are as they were`,
      {
        hint: `unset ${API_KEY_VARIABLE} to stop using the key; to sign out of a saved account, unset it and run \`docspace-auth logout\` again`,
      },
    );
  }
  const target = resolveTarget(options);
  const account = target.account;
  if (!account) throw notSignedIn(`not signed in to ${target.portal}${target.user ? ` as ${target.user}` : ''}`);
  const insecure = allowInsecureHttp(target.portal, options.insecureHttp, target.config.insecureHttp);
  const opened = await openAuth(target.portal, target.file, {
    userName: account.userName,
    allowInsecureHttp: insecure,
  });
  const { auth } = opened;
  const spin = spinner(!options.json);
  const { green, bold, yellow } = palette(process.stdout);
  try {
    const session = await auth.session();
    if (!session) throw notSignedIn(`not signed in to ${auth.portal} as ${account.userName}`);
    spin.start(`Signing out of ${auth.portal}…`);
    let failure: unknown;
    try {
      await auth.logout();
    } catch (error) {
      failure = error;
    }
    spin.stop();
    checkStore(opened, 'signed out');
    const next = await promoteNext(target.file, auth.portal);
    if (next !== undefined && target.config.portal === auth.portal) await updateConfig(target.dir, { user: next });
    // The default portal's last account: another portal with accounts becomes the default (its active account).
    let nextPortal: { portal: string; user: string } | undefined;
    if (next === undefined && target.config.portal === auth.portal) {
      const other = target.accounts.find((a) => a.portal !== auth.portal && a.active);
      if (other) {
        nextPortal = { portal: other.portal, user: other.userName };
        await updateConfig(target.dir, nextPortal);
      }
    }
    const nowDefault = nextPortal && `${bold(nextPortal.portal)} is now the default portal (${bold(nextPortal.user)})`;
    const apiKey = isApiKey(session.token);
    if (failure !== undefined && !apiKey) {
      if (!unreachable(failure)) {
        note(`The token was removed from ${target.file}, but the portal did not confirm the sign-out:`);
        throw failure;
      }
      await queueRevocation(target.file, { portal: auth.portal, token: session.token, userName: session.userName });
      note(
        `${yellow('warning:')} ${auth.portal} could not be reached: the token was removed from this machine and is kept ` +
          'marked for revocation; it will be revoked at the next successful contact with the portal.',
      );
      if (next !== undefined) note(`${bold(next)} is now the active account on ${bold(auth.portal)}.`);
      if (nowDefault) note(`${nowDefault}.`);
      throw failure;
    }
    if (failure === undefined) await flushRevocations(target.file, auth.portal, { allowInsecureHttp: insecure });
    if (options.json) {
      printJson({
        signedOut: true,
        portal: auth.portal,
        user: session.userName,
        active: next ?? null,
        ...(nextPortal ? { defaultPortal: nextPortal.portal } : {}),
        ...(apiKey ? { apiKey: true } : {}),
      });
    } else if (apiKey) {
      say(`${green('✓')} Removed the API key of ${bold(session.userName)} on ${bold(auth.portal)} from this machine`);
      say(`  the key itself still works until it is revoked in the portal's settings`);
      if (next !== undefined) say(`  ${bold(next)} is now the active account on ${auth.portal}`);
      if (nowDefault) say(`  ${nowDefault}`);
    } else {
      say(`${green('✓')} Signed out of ${bold(auth.portal)} (${bold(session.userName)}); the token no longer works`);
      if (next !== undefined) say(`  ${bold(next)} is now the active account on ${auth.portal}`);
      if (nowDefault) say(`  ${nowDefault}`);
    }
    return 0;
  } finally {
    spin.stop();
    auth.dispose();
  }
}
