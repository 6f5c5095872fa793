// scripts/system-deps.mjs: the test command installs the Debian packages it needs when they are missing. The
// missing path is exercised with binaries that do not exist and a recorded apt-get (nothing is uninstalled or
// installed here); the present path runs the real script.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script of the repository root, typed by JSDoc.
import * as systemDepsModule from '../../../scripts/system-deps.mjs';

interface SystemDep {
  binary: string;
  debianPackage: string;
  neededBy: string;
}
interface EnsureOptions {
  exists?: (path: string) => boolean;
  isRoot?: boolean;
  run?: (command: string, args: string[]) => number | null;
  log?: (line: string) => void;
}
const { ensureSystemDeps, systemDeps, MissingSystemDependency } = systemDepsModule as {
  ensureSystemDeps: (deps?: readonly SystemDep[], options?: EnsureOptions) => SystemDep[];
  systemDeps: readonly SystemDep[];
  MissingSystemDependency: new (...args: never[]) => Error;
};
const script = fileURLToPath(new URL('../../../scripts/system-deps.mjs', import.meta.url));

describe('system dependencies of the test command', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const fakeDeps = (): SystemDep[] => {
    dir = mkdtempSync(join(tmpdir(), 'system-deps-'));
    return [
      { binary: join(dir, 'chromium'), debianPackage: 'chromium', neededBy: 'the browser tests' },
      { binary: join(dir, 'redis-server'), debianPackage: 'redis-server', neededBy: 'the store tests' },
    ];
  };

  it("lists Debian's chromium at /usr/bin/chromium", () => {
    expect(systemDeps).toContainEqual(
      expect.objectContaining({ binary: '/usr/bin/chromium', debianPackage: 'chromium' }),
    );
  });

  it('as root: apt-get update, then one install of every missing package, then checks the binaries exist', () => {
    const deps = fakeDeps();
    const calls: string[] = [];
    const installed = ensureSystemDeps(deps, {
      isRoot: true,
      log: () => {},
      run: (command, args) => {
        calls.push([command, ...args].join(' '));
        if (args[0] === 'install') for (const dep of deps) writeFileSync(dep.binary, '');
        return 0;
      },
    });
    expect(calls).toEqual(['apt-get update', 'apt-get install -y --no-install-recommends chromium redis-server']);
    expect(installed.map((dep) => dep.debianPackage)).toEqual(['chromium', 'redis-server']);
  });

  it('installs only what is missing, and nothing at all when everything is there', () => {
    const deps = fakeDeps();
    writeFileSync(deps[1]!.binary, '');
    const calls: string[] = [];
    const run = (command: string, args: string[]) => {
      calls.push([command, ...args].join(' '));
      if (args[0] === 'install') writeFileSync(deps[0]!.binary, '');
      return 0;
    };
    ensureSystemDeps(deps, { isRoot: true, log: () => {}, run });
    expect(calls.at(-1)).toBe('apt-get install -y --no-install-recommends chromium');
    calls.length = 0;
    expect(ensureSystemDeps(deps, { isRoot: true, log: () => {}, run })).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('not root: runs nothing and says what to install', () => {
    const deps = fakeDeps();
    const calls: string[] = [];
    const attempt = () =>
      ensureSystemDeps(deps, { isRoot: false, log: () => {}, run: (c, a) => (calls.push([c, ...a].join(' ')), 0) });
    expect(attempt).toThrow(MissingSystemDependency);
    expect(attempt).toThrow(/apt-get install -y --no-install-recommends chromium redis-server/);
    expect(calls).toEqual([]);
  });

  it('a failing apt-get, or a package that does not provide the binary, is an error naming the package', () => {
    const deps = fakeDeps().slice(0, 1);
    expect(() => ensureSystemDeps(deps, { isRoot: true, log: () => {}, run: () => 100 })).toThrow(
      /apt-get update failed \(exit 100\); install: chromium/,
    );
    expect(() => ensureSystemDeps(deps, { isRoot: true, log: () => {}, run: () => 0 })).toThrow(
      /installed chromium but these are still missing: .*chromium/,
    );
  });

  it('the script itself exits 0 on this machine, where everything is installed', () => {
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
