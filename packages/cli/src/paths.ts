import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where `docspace-auth` keeps its files, first match wins:
 *
 * 1. `--config-dir DIR`;
 * 2. `DOCSPACE_AUTH_CONFIG_DIR`;
 * 3. Windows: `%APPDATA%\docspace-auth`;
 * 4. elsewhere (Linux, macOS, ...): `$XDG_CONFIG_HOME/docspace-auth` when `XDG_CONFIG_HOME` is an absolute path
 *    (the XDG Base Directory rule), else `~/.config/docspace-auth`.
 */
export function configDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.DOCSPACE_AUTH_CONFIG_DIR) return resolve(env.DOCSPACE_AUTH_CONFIG_DIR);
  if (process.platform === 'win32') {
    return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'docspace-auth');
  }
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.config'), 'docspace-auth');
}

/** The session store (`@docspace/auth-helpers/file-store` format, mode 0600). */
export const sessionsFile = (dir: string) => join(dir, 'sessions.json');

/** The remembered portal and user (see config.ts). */
export const configFile = (dir: string) => join(dir, 'config.json');
