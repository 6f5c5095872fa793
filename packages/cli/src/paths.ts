import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { CliError } from './errors.js';

/**
 * The home folder, which must be an absolute path: an empty or relative `HOME` would put the token file under
 * whatever folder the command runs in.
 */
function home(): string {
  const folder = homedir();
  if (!isAbsolute(folder)) {
    throw new CliError(
      'usage',
      `the home folder (HOME) is ${folder === '' ? 'empty' : 'a relative path'}, so there is no safe place for the session file`,
      {
        hint: 'set HOME to an absolute path, or give --config-dir DIR or DOCSPACE_AUTH_CONFIG_DIR',
      },
    );
  }
  return folder;
}

/**
 * Where `docspace-auth` keeps its files, first match wins:
 *
 * 1. `--config-dir DIR`;
 * 2. `DOCSPACE_AUTH_CONFIG_DIR`;
 * 3. Windows: `%APPDATA%\docspace-auth`;
 * 4. elsewhere (Linux, macOS, ...): `$XDG_CONFIG_HOME/docspace-auth` when `XDG_CONFIG_HOME` is an absolute path
 *    (the XDG Base Directory rule), else `~/.config/docspace-auth`.
 *
 * An empty or relative home folder (`HOME`) is refused with a usage error, never used.
 */
export function configDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.DOCSPACE_AUTH_CONFIG_DIR) return resolve(env.DOCSPACE_AUTH_CONFIG_DIR);
  if (process.platform === 'win32') {
    return join(env.APPDATA || join(home(), 'AppData', 'Roaming'), 'docspace-auth');
  }
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home(), '.config'), 'docspace-auth');
}

/** The session store (`@docspace/auth-helpers/file-store` format, mode 0600). */
export const sessionsFile = (dir: string) => join(dir, 'sessions.json');

/** The remembered portal and user (see config.ts). */
export const configFile = (dir: string) => join(dir, 'config.json');
