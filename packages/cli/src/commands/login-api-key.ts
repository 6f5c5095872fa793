// `docspace-auth login --with-api-key`: the key comes from DOCSPACE_API_KEY or the first line of standard input (as
// `gh auth login --with-token`), is checked with people/@self, and is saved like a session (token `sk-…`, no expiry)
// as the portal's active account, in the SDK's one session-file format.
import {
  isApiKey,
  readStoredSession,
  sessionKey,
  type StoredSession,
  updateSessionFile,
} from '@docspace/auth-helpers/file-store';
import type { SelfProfile } from '@docspace/auth-client';
import type { LoginOptions } from '../args.js';
import { openAuth } from '../auth.js';
import { readConfig, updateConfig } from '../config.js';
import { CliError, missingInput, usageError } from '../errors.js';
import { allowInsecureHttp } from '../insecure-http.js';
import { configDir, sessionsFile } from '../paths.js';
import { needsInsecureHttp, portalKeyOf } from '../portal-address.js';
import { probePortal } from '../portal-probe.js';
import { revokeOrQueue } from '../revocation.js';
import { readFirstLine } from '../stdin-line.js';
import { palette, printJson, say, spinner } from '../ui.js';
import { printable } from '../printable.js';

export async function runWithApiKey(options: LoginOptions): Promise<number> {
  const env = process.env;
  if (options.passwordStdin || options.code !== undefined) {
    throw usageError('--with-api-key signs in with the key alone: leave out --password-stdin and --code');
  }
  const fromEnv = env.DOCSPACE_API_KEY?.trim() || undefined;
  if (!fromEnv && process.stdin.isTTY === true) {
    throw usageError(
      '--with-api-key reads the key from standard input, which is a terminal',
      'pipe it in, e.g. `docspace-auth login --with-api-key < key.txt`, or set DOCSPACE_API_KEY',
    );
  }
  const key = fromEnv ?? (await readFirstLine(process.stdin)).trim();
  if (!key) throw missingInput('the API key', undefined, 'DOCSPACE_API_KEY, or pipe the key in');
  const dir = configDir(options.configDir, env);
  const file = sessionsFile(dir);
  const remembered = readConfig(dir);
  const address = options.portal ?? (env.DOCSPACE_PORTAL?.trim() || undefined) ?? remembered.portal;
  if (!address) throw missingInput('the portal address', '--portal URL', 'DOCSPACE_PORTAL');
  const portal = portalKeyOf(address);
  const insecure = allowInsecureHttp(portal, options.insecureHttp, remembered.insecureHttp);
  const spin = spinner(!options.json);
  spin.start(`Checking ${portal}…`);
  try {
    await probePortal(portal);
    // The SDK refuses a value that is not a key (invalid_input) and a key the portal rejects (invalid_api_key).
    const { auth } = await openAuth(portal, file, { apiKey: key, allowInsecureHttp: insecure });
    let profile: SelfProfile | undefined;
    try {
      const { getSelfProfile } = await import('@docspace/auth-client');
      profile = (await getSelfProfile({ client: auth.client, throwOnError: true })).data.response;
    } finally {
      auth.dispose();
    }
    const userName = profile?.email || profile?.userName;
    if (!userName) throw new CliError('protocol', 'the portal accepted the key but did not say whose it is');
    const stored: StoredSession = {
      token: key,
      expires: null,
      userName,
      portal: auth.portal,
      obtainedAt: new Date().toISOString(),
    };
    const accountKey = sessionKey(auth.portal, userName);
    let replaced: string | undefined;
    await updateSessionFile(file, (document) => {
      replaced = readStoredSession(document.sessions[accountKey])?.token;
      document.sessions[accountKey] = stored;
      document.sessions[sessionKey(auth.portal)] = stored;
      document.accounts = {
        ...document.accounts,
        [accountKey]: {
          ...(profile?.id ? { id: profile.id } : {}),
          ...(profile?.userName ? { userName: profile.userName } : {}),
          ...(profile?.email ? { email: profile.email } : {}),
          ...(profile?.displayName ? { displayName: profile.displayName } : {}),
        },
      };
      return true;
    });
    // A password session of the same account is replaced: its token is revoked (or kept for the next contact).
    if (replaced && replaced !== key && !isApiKey(replaced)) {
      await revokeOrQueue(file, auth.portal, replaced, userName, { allowInsecureHttp: insecure }).catch(() => null);
    }
    await updateConfig(dir, {
      portal: auth.portal,
      user: userName,
      ...(insecure && needsInsecureHttp(auth.portal)
        ? { insecureHttp: [...new Set([...(remembered.insecureHttp ?? []), auth.portal])] }
        : {}),
    });
    spin.stop();
    const displayName = profile?.displayName;
    if (options.json) {
      printJson({
        signedIn: true,
        portal: auth.portal,
        user: userName,
        ...(displayName ? { displayName } : {}),
        expires: null,
        apiKey: true,
      });
    } else {
      const { green, bold, dim } = palette(process.stdout);
      say(
        `${green('✓')} Signed in to ${bold(auth.portal)} as ${bold(userName)}${displayName ? ` (${printable(displayName)})` : ''} with an API key`,
      );
      say(dim(`  key saved in ${file}; it works until it is revoked in the portal's settings`));
    }
    return 0;
  } finally {
    spin.stop();
  }
}
