// config.json beside sessions.json: the portal (and user) of the last sign-in, so that `status`, `token`, `whoami`
// and `logout` need no `--portal` afterwards. It holds no secret; it is written 0600 anyway, like its neighbour.
//
//   { "format": "docspace-auth/config", "version": 1, "portal": "https://...", "user": "bob@example.com" }
import { readFileSync } from 'node:fs';
import { writeFileAtomically } from '@docspace/auth-helpers/file-store';
import { configFile } from './paths.js';

export interface CliConfig {
  portal?: string | undefined;
  user?: string | undefined;
}

const FORMAT = 'docspace-auth/config';

/** The remembered portal and user; an absent or unusable file is read as empty (it only saves typing). */
export function readConfig(dir: string): CliConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(configFile(dir), 'utf8'));
  } catch {
    return {};
  }
  const file = json as { format?: unknown; version?: unknown; portal?: unknown; user?: unknown } | null;
  if (!file || file.format !== FORMAT || file.version !== 1) return {};
  return {
    portal: typeof file.portal === 'string' && file.portal !== '' ? file.portal : undefined,
    user: typeof file.user === 'string' && file.user !== '' ? file.user : undefined,
  };
}

/** Writes config.json like the session file beside it: atomically (temporary file, then rename), mode 0600. */
export async function writeConfig(dir: string, config: CliConfig): Promise<void> {
  const content = { format: FORMAT, version: 1, portal: config.portal, user: config.user };
  await writeFileAtomically(configFile(dir), `${JSON.stringify(content, null, 2)}\n`);
}
