// Plain http to a portal that is not this machine: refused unless the user says they know (`--insecure-http`, or
// a portal allowed that way before, remembered in config.json), and then a warning on every use.
import { CliError } from './errors.js';
import { needsInsecureHttp } from './portal-address.js';
import { palette } from './ui.js';

/**
 * Whether the SDK may use plain http to `portal` (its `allowInsecureHttp`). Warns on stderr each time it does;
 * throws `insecure_transport` (exit 2, naming `--insecure-http`) when it is not allowed.
 */
export function allowInsecureHttp(portal: string, flag: boolean, remembered: readonly string[] | undefined): boolean {
  if (!needsInsecureHttp(portal)) return false;
  if (!flag && !remembered?.includes(portal)) {
    throw new CliError(
      'insecure_transport',
      `${portal} is plain http to another machine: the password and the token would cross the network unencrypted`,
      {
        hint: 'use its https:// address; if the portal has none and you trust the network, add --insecure-http',
      },
    );
  }
  warnInsecureHttp(portal);
  return true;
}

/** The warning of every use of a plain-http portal. */
export function warnInsecureHttp(portal: string): void {
  const { yellow } = palette(process.stderr);
  process.stderr.write(`${yellow('warning:')} ${portal} is plain http: the token crosses the network unencrypted\n`);
}
