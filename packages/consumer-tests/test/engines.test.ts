// Node 20 for real: every package a consumer installs with ours (the production closure of each published package,
// as installed in this workspace) must admit every Node we support, or `npm install --engine-strict` fails on it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { engineRefusals, productionClosure, readManifest } from '../src/dependency-closure.js';

const packagesFolder = fileURLToPath(new URL('../../', import.meta.url));
const published = readdirSync(packagesFolder)
  .map((name) => join(packagesFolder, name))
  .filter((folder) => {
    try {
      return readManifest(folder).private !== true;
    } catch {
      return false;
    }
  });

describe('engines', () => {
  it('finds the published packages', () => {
    expect(published.map((folder) => readManifest(folder).name).sort()).toEqual(
      expect.arrayContaining([
        '@docspace/auth-client',
        '@docspace/auth-helpers',
        '@docspace/cli',
        '@docspace/emulator',
      ]),
    );
  });

  it.each(published.map((folder) => [readManifest(folder).name, folder] as const))(
    '%s: every production dependency admits Node 20.19 and later',
    (_name, folder) => {
      const closure = productionClosure(folder);
      expect(engineRefusals(closure)).toEqual([]);
      expect(closure.length).toBeGreaterThan(1);
    },
  );

  it('names a package whose range leaves a supported Node out, and how it is reached (cookie 2.0.2 said >=22)', () => {
    const pkg = (name: string, version: string, enginesNode: string | undefined, via: string) => ({
      name,
      version,
      enginesNode,
      via,
      folder: '',
    });
    const closure = [
      pkg('@docspace/emulator', '0.1.0', '>=20.19', '@docspace/emulator'),
      pkg('cookie', '2.0.2', '>=22', '@docspace/emulator > cookie'),
      pkg('split', '1.0.0', '^20.19.0 || >=22.12.0', '@docspace/emulator > split'),
      pkg('loose', '1.0.0', undefined, '@docspace/emulator > loose'),
    ];
    expect(engineRefusals(closure)).toEqual([
      '@docspace/emulator > cookie@2.0.2: engines.node ">=22" refuses 20.19.0, 20.20.2',
      '@docspace/emulator > split@1.0.0: engines.node "^20.19.0 || >=22.12.0" refuses 22.0.0',
    ]);
  });
});
