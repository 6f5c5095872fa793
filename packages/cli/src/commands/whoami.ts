import type { DocSpaceAuth } from '@docspace/auth-helpers';
import { printable } from '../printable.js';
import type { CommonOptions } from '../args.js';
import { openAuth } from '../auth.js';
import { type EnvTarget, rejectedEnvApiKey, resolveEnvTarget } from '../env-api-key.js';
import { CliError, notSignedIn } from '../errors.js';
import { allowInsecureHttp } from '../insecure-http.js';
import { flushRevocations } from '../revocation.js';
import { resolveTarget } from '../target.js';
import { palette, printJson, say, spinner } from '../ui.js';

/**
 * `docspace-auth whoami`: the profile from `GET /api/2.0/people/@self`, with the saved token, or with the key in
 * DOCSPACE_API_KEY when it is set.
 */
export async function run(options: CommonOptions): Promise<number> {
  const fromEnv = resolveEnvTarget(options);
  if (fromEnv) return withEnvApiKey(fromEnv, options);
  const target = resolveTarget(options);
  if (!target.account) throw notSignedIn(`not signed in to ${target.portal}${target.user ? ` as ${target.user}` : ''}`);
  const insecure = allowInsecureHttp(target.portal, options.insecureHttp, target.config.insecureHttp);
  const [{ auth }] = await Promise.all([
    openAuth(target.portal, target.file, { userName: target.account.userName, allowInsecureHttp: insecure }),
    import('@docspace/auth-client'), // loaded meanwhile, for selfProfile
  ]);
  const spin = spinner(!options.json);
  try {
    const session = await auth.session();
    if (!session) throw notSignedIn(`not signed in to ${auth.portal}${target.user ? ` as ${target.user}` : ''}`);
    spin.start(`Asking ${auth.portal}…`);
    const profile = await selfProfile(auth);
    spin.stop();
    await flushRevocations(target.file, auth.portal, { allowInsecureHttp: insecure });
    show(options, auth.portal, 'session', profile);
    return 0;
  } finally {
    spin.stop();
    auth.dispose();
  }
}

/** whoami with DOCSPACE_API_KEY: the SDK with the key (no store: the saved sessions are neither read nor changed). */
async function withEnvApiKey(target: EnvTarget, options: CommonOptions): Promise<number> {
  const insecure = allowInsecureHttp(target.portal, options.insecureHttp, target.config.insecureHttp);
  const { createDocSpaceAuth } = await import('@docspace/auth-helpers');
  const auth = createDocSpaceAuth({ baseUrl: target.portal, apiKey: target.key, allowInsecureHttp: insecure });
  const spin = spinner(!options.json);
  try {
    spin.start(`Asking ${auth.portal}…`);
    let profile: Profile;
    try {
      profile = await selfProfile(auth);
    } catch (error) {
      throw (error as { code?: unknown }).code === 'invalid_api_key' ? rejectedEnvApiKey(auth.portal) : error;
    }
    spin.stop();
    show(options, auth.portal, 'env', profile);
    return 0;
  } finally {
    spin.stop();
    auth.dispose();
  }
}

type Profile = NonNullable<
  NonNullable<Awaited<ReturnType<typeof import('@docspace/auth-client').getSelfProfile>>['data']>['response']
>;

/** people/@self with the instance's token or key; any failure as the SDK's error (its own mapping). */
async function selfProfile(auth: DocSpaceAuth): Promise<Profile> {
  const { getSelfProfile } = await import('@docspace/auth-client');
  const result = await getSelfProfile({ client: auth.client });
  const profile = result.data?.response;
  if (result.error !== undefined || !profile) {
    if (result.error === undefined) {
      throw new CliError(
        'protocol',
        `the portal did not send the profile (HTTP ${result.response?.status ?? 'no answer'})`,
      );
    }
    // session_expired, invalid_api_key, network, access_restricted, portal_not_found, ...: the SDK's own mapping.
    const { errorFromResult } = await import('@docspace/auth-helpers');
    throw errorFromResult(result);
  }
  return profile;
}

/** Prints the documented fields only: a real portal sends many more, and scripts should rely on these. */
function show(options: CommonOptions, portal: string, source: 'session' | 'env', profile: Profile): void {
  const { id, userName, email, displayName, firstName, lastName, isAdmin, status } = profile;
  const shown = { id, userName, email, displayName, firstName, lastName, isAdmin, status };
  if (options.json) {
    printJson({ portal, source, profile: shown });
    return;
  }
  const { bold, dim } = palette(process.stdout);
  const name = printable(displayName || `${firstName} ${lastName}`.trim() || userName);
  say(`${bold(name)} ${dim(`(${printable(userName)})`)}`);
  say(`  email   ${printable(email)}`);
  say(`  id      ${printable(id)}`);
  say(`  admin   ${isAdmin ? 'yes' : 'no'}`);
  say(`  portal  ${portal}`);
  if (source === 'env') say(dim('  using DOCSPACE_API_KEY (the saved sessions are not used while it is set)'));
}
