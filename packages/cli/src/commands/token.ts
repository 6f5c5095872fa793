// The fast path: reads sessions.json directly. No SDK, no HTTP client, no prompts.
import type { CommonOptions } from '../args.js';
import { resolveEnvTarget } from '../env-api-key.js';
import { CliError, notSignedIn } from '../errors.js';
import { printable } from '../printable.js';
import { warnInsecureHttp } from '../insecure-http.js';
import { needsInsecureHttp } from '../portal-address.js';
import { hasExpired } from '../session-file.js';
import { resolveTarget } from '../target.js';
import { printJson } from '../ui.js';

/**
 * `docspace-auth token`: the saved token and a newline (or `--json`), nothing else on stdout; with DOCSPACE_API_KEY
 * set, that key (for the portal of --portal or the default one), the saved sessions unread. The portal is not asked.
 */
export async function run(options: CommonOptions): Promise<number> {
  const fromEnv = resolveEnvTarget(options);
  if (fromEnv) {
    if (needsInsecureHttp(fromEnv.portal)) warnInsecureHttp(fromEnv.portal);
    if (options.json) {
      printJson({ token: fromEnv.key, portal: fromEnv.portal, user: null, expires: null, source: 'env' });
    } else {
      process.stdout.write(`${fromEnv.key}\n`); // one word of printable characters (visible ASCII, checked by resolveEnvTarget)
    }
    return 0;
  }
  const target = resolveTarget(options);
  const saved = target.account;
  if (!saved) throw notSignedIn(`not signed in to ${target.portal}${target.user ? ` as ${target.user}` : ''}`);
  if (hasExpired(saved.expires)) {
    throw new CliError('session_expired', `the session of ${saved.userName} on ${saved.portal} has expired`, {
      hint: 'run `docspace-auth login`',
    });
  }
  if (needsInsecureHttp(saved.portal)) warnInsecureHttp(saved.portal);
  if (options.json) {
    printJson({
      token: saved.token,
      portal: saved.portal,
      user: saved.userName,
      expires: saved.expires,
      source: 'session',
    });
  } else {
    // The session file's format admits only cookie-value characters in a token; printed through `printable` all the
    // same, so that nothing a portal sent can drive the terminal.
    process.stdout.write(`${printable(saved.token)}\n`);
  }
  return 0;
}
