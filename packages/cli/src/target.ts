import type { CommonOptions } from './args.js';
import { readConfig } from './config.js';
import { notSignedIn } from './errors.js';
import { configDir, sessionsFile } from './paths.js';
import { portalKeyOf } from './portal.js';

/** Which saved session a command works on. */
export interface Target {
  /** The config folder. */
  dir: string;
  /** sessions.json in it. */
  file: string;
  /** The portal as given (flag, environment or config.json). */
  address: string;
  /** The portal as the SDK keys it (origin and path prefix, no trailing slash). */
  portal: string;
  /** The user when one was asked for (flag or environment); otherwise the portal's latest sign-in. */
  user: string | undefined;
}

/**
 * The portal and user of `status`, `token`, `whoami` and `logout`: `--portal`, else `DOCSPACE_PORTAL`, else the
 * portal of the last sign-in (config.json); `--user`, else `DOCSPACE_USER`, else the portal's latest session.
 */
export function resolveTarget(options: CommonOptions, env: NodeJS.ProcessEnv = process.env): Target {
  const dir = configDir(options.configDir, env);
  const address = options.portal ?? (env.DOCSPACE_PORTAL?.trim() || undefined) ?? readConfig(dir).portal;
  if (address === undefined) {
    throw notSignedIn('not signed in: no portal given and none remembered', 'run `docspace-auth login`, or give --portal URL (or set DOCSPACE_PORTAL)');
  }
  const user = options.user ?? (env.DOCSPACE_USER?.trim() || undefined);
  return { dir, file: sessionsFile(dir), address, portal: portalKeyOf(address), user };
}
