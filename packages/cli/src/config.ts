// config.json beside sessions.json: the default portal (that of the last sign-in or `switch`) and its user, so that
// `status`, `token`, `whoami` and `logout` need no `--portal` afterwards, and the plain-http portals the user allowed
// with `--insecure-http`. It holds no secret; it is written 0600 anyway, like its neighbour.
//
//   { "format": "docspace-auth/config", "version": 1, "portal": "https://...", "user": "bob@example.com",
//     "insecureHttp": ["http://10.1.2.3"], "blocks": { "<portal> <user>": "<when a block was first seen>" } }
import { readFileSync } from 'node:fs';
import { writeFileAtomically } from '@docspace/auth-helpers/file-store';
import { configFile } from './paths.js';

export interface CliConfig {
  portal?: string | undefined;
  user?: string | undefined;
  /** Portals (as keyed) reached over plain http to another machine, allowed once with `--insecure-http`. */
  insecureHttp?: string[] | undefined;
  /** When a brute-force block was first seen, per "<portal> <user>" (see block-countdown.ts). */
  blocks?: Record<string, string> | undefined;
}

const FORMAT = 'docspace-auth/config';

/** The remembered settings; an absent or unusable file is read as empty (it only saves typing). */
export function readConfig(dir: string): CliConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(configFile(dir), 'utf8'));
  } catch {
    return {};
  }
  const file = json as {
    format?: unknown;
    version?: unknown;
    portal?: unknown;
    user?: unknown;
    insecureHttp?: unknown;
    blocks?: unknown;
  } | null;
  if (!file || file.format !== FORMAT || file.version !== 1) return {};
  const insecure = Array.isArray(file.insecureHttp)
    ? file.insecureHttp.filter((p): p is string => typeof p === 'string')
    : [];
  return {
    portal: typeof file.portal === 'string' && file.portal !== '' ? file.portal : undefined,
    user: typeof file.user === 'string' && file.user !== '' ? file.user : undefined,
    ...(insecure.length > 0 ? { insecureHttp: insecure } : {}),
    ...(typeof file.blocks === 'object' && file.blocks !== null
      ? {
          blocks: Object.fromEntries(
            Object.entries(file.blocks).filter((e): e is [string, string] => typeof e[1] === 'string'),
          ),
        }
      : {}),
  };
}

/** Writes config.json like the session file beside it: atomically (temporary file, then rename), mode 0600. */
export async function writeConfig(dir: string, config: CliConfig): Promise<void> {
  const content = {
    format: FORMAT,
    version: 1,
    portal: config.portal,
    user: config.user,
    ...(config.insecureHttp?.length ? { insecureHttp: config.insecureHttp } : {}),
    ...(config.blocks && Object.keys(config.blocks).length > 0 ? { blocks: config.blocks } : {}),
  };
  await writeFileAtomically(configFile(dir), `${JSON.stringify(content, null, 2)}\n`);
}

/** Changes some settings, keeping the others. */
export async function updateConfig(dir: string, changes: CliConfig): Promise<void> {
  await writeConfig(dir, { ...readConfig(dir), ...changes });
}
