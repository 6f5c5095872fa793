import { printable } from '../printable.js';
import type { CommonOptions } from '../args.js';
import { openAuth } from '../auth.js';
import { CliError, notSignedIn } from '../errors.js';
import { allowInsecureHttp } from '../insecure-http.js';
import { flushRevocations } from '../revocation.js';
import { resolveTarget } from '../target.js';
import { palette, printJson, say, spinner } from '../ui.js';

/** `docspace-auth whoami`: the profile from `GET /api/2.0/people/@self`, with the saved token. */
export async function run(options: CommonOptions): Promise<number> {
  const target = resolveTarget(options);
  if (!target.account) throw notSignedIn(`not signed in to ${target.portal}${target.user ? ` as ${target.user}` : ''}`);
  const insecure = allowInsecureHttp(target.portal, options.insecureHttp, target.config.insecureHttp);
  const [{ auth }, { getSelfProfile }] = await Promise.all([
    openAuth(target.portal, target.file, { userName: target.account.userName, allowInsecureHttp: insecure }),
    import('@docspace/auth-client'),
  ]);
  const spin = spinner(!options.json);
  try {
    const session = await auth.session();
    if (!session) throw notSignedIn(`not signed in to ${auth.portal}${target.user ? ` as ${target.user}` : ''}`);
    spin.start(`Asking ${auth.portal}…`);
    const result = await getSelfProfile({ client: auth.client });
    spin.stop();
    const profile = result.data?.response;
    if (result.error !== undefined || !profile) {
      if (result.error === undefined) {
        throw new CliError(
          'protocol',
          `the portal did not send the profile (HTTP ${result.response?.status ?? 'no answer'})`,
        );
      }
      // session_expired, network, access_restricted, portal_not_found, ...: the SDK's own mapping.
      const { errorFromResult } = await import('@docspace/auth-helpers');
      throw errorFromResult(result);
    }
    await flushRevocations(target.file, auth.portal, { allowInsecureHttp: insecure });
    // Only the documented fields: a real portal sends many more, and scripts should rely on these.
    const { id, userName, email, displayName, firstName, lastName, isAdmin, status } = profile;
    const shown = { id, userName, email, displayName, firstName, lastName, isAdmin, status };
    if (options.json) {
      printJson({ portal: auth.portal, profile: shown });
    } else {
      const { bold, dim } = palette(process.stdout);
      const name = printable(displayName || `${firstName} ${lastName}`.trim() || userName);
      say(`${bold(name)} ${dim(`(${printable(userName)})`)}`);
      say(`  email   ${printable(email)}`);
      say(`  id      ${printable(id)}`);
      say(`  admin   ${isAdmin ? 'yes' : 'no'}`);
      say(`  portal  ${auth.portal}`);
    }
    return 0;
  } finally {
    spin.stop();
    auth.dispose();
  }
}
