// DOCSPACE_API_KEY, as GH_TOKEN is to `gh`: when it is set, `status`, `whoami` and `token` use the key instead of
// any saved session, for the portal of --portal, DOCSPACE_PORTAL or the default portal. The saved sessions are
// neither read nor changed then; `login` and `switch` say that what they save is not used while the variable is set,
// and `logout` refuses (an API key is revoked in the portal's settings, not by signing out). Cheap: part of the
// `token` fast path. The key itself is never put in a message.
import { isApiKey } from '@docspace/auth-helpers/file-store';
import type { CommonOptions } from './args.js';
import { type CliConfig, readConfig } from './config.js';
import { CliError, usageError } from './errors.js';
import { configDir } from './paths.js';
import { portalKeyOf } from './portal-address.js';
import { palette } from './ui.js';

/** The variable's name, as every message spells it. */
export const API_KEY_VARIABLE = 'DOCSPACE_API_KEY';

/** Whether DOCSPACE_API_KEY is set to something (blank counts as unset), whatever it holds. */
export const hasEnvApiKey = (env: NodeJS.ProcessEnv = process.env): boolean => !!env[API_KEY_VARIABLE]?.trim();

/**
 * The key in DOCSPACE_API_KEY, trimmed; `undefined` when it is unset or blank.
 *
 * @throws {@link CliError} `invalid_input` (exit 2) when it is not one word of visible ASCII starting with `sk-` (the
 * SDK's `isApiKey`); the message never contains the value.
 */
export function envApiKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env[API_KEY_VARIABLE]?.trim();
  if (!key) return undefined;
  // Visible ASCII only: it goes into an HTTP header, and `token` prints it to a terminal.
  if (!isApiKey(key) || key.length === 3 || /[^\x21-\x7e]/.test(key)) {
    throw new CliError('invalid_input', `${API_KEY_VARIABLE} is set, but not to a DocSpace API key`, {
      hint: `an API key is one word starting with "sk-" (made in the portal's settings); unset ${API_KEY_VARIABLE} to use the saved sessions`,
    });
  }
  return key;
}

/** What a command works on when DOCSPACE_API_KEY is set. */
export interface EnvTarget {
  /** The key (never to be printed, except by `token`). */
  key: string;
  /** The portal as the SDK keys it. */
  portal: string;
  /** The config folder. */
  dir: string;
  config: CliConfig;
}

/**
 * The key and the portal of a command when DOCSPACE_API_KEY is set (`undefined` when it is not): the portal is
 * `--portal`, else DOCSPACE_PORTAL, else the default portal. The saved sessions are not read.
 *
 * @throws {@link CliError} `invalid_input` for a value that is not a key; `usage` for `--user` (the key decides the
 * user); `missing_input` (exit 2) when no portal is given or remembered.
 */
export function resolveEnvTarget(options: CommonOptions, env: NodeJS.ProcessEnv = process.env): EnvTarget | undefined {
  const key = envApiKey(env);
  if (key === undefined) return undefined;
  if (options.user !== undefined) {
    throw usageError(
      `--user picks a saved account, and ${API_KEY_VARIABLE} is set: the key decides the user`,
      `leave out --user, or unset ${API_KEY_VARIABLE} to use the saved accounts`,
    );
  }
  const dir = configDir(options.configDir, env);
  const config = readConfig(dir);
  const address = options.portal ?? (env.DOCSPACE_PORTAL?.trim() || undefined) ?? config.portal;
  if (address === undefined) {
    throw new CliError('missing_input', `${API_KEY_VARIABLE} is set, but no portal is given or remembered`, {
      hint: 'give --portal URL (or set DOCSPACE_PORTAL) for the portal the key belongs to',
    });
  }
  return { key, portal: portalKeyOf(address), dir, config };
}

/**
 * The error of a DOCSPACE_API_KEY the portal rejects (the SDK's `invalid_api_key`, exit 3), naming the variable
 * rather than the key.
 */
export const rejectedEnvApiKey = (portal: string) =>
  new CliError(
    'invalid_api_key',
    `${portal} rejected the API key in ${API_KEY_VARIABLE} (unknown, revoked or expired, or its user is disabled)`,
    { hint: `set ${API_KEY_VARIABLE} to a valid key of this portal, or unset it to use the saved sessions` },
  );

/**
 * The note of `login` and `switch` while DOCSPACE_API_KEY is set (on stderr): what they save is not what `status`,
 * `whoami` and `token` use until the variable is unset.
 */
export function noteEnvApiKey(what: string, env: NodeJS.ProcessEnv = process.env): void {
  if (!hasEnvApiKey(env)) return;
  const { yellow } = palette(process.stderr);
  process.stderr.write(
    `${yellow('note:')} ${API_KEY_VARIABLE} is set: status, whoami and token use that key, not ${what}, until it is unset\n`,
  );
}
