// @ts-check
// The Debian packages the test command needs, installed when missing (scripts/check.mjs calls this before turbo;
// the browser suite's global setup calls it too, so `pnpm --filter @docspace/browser-tests test` works alone).
//
//   node scripts/system-deps.mjs        ensures every package below, then exits 0 (or 1 with what to install)
//
// To add one, append a line to `systemDeps` (e.g. { binary: '/usr/bin/redis-server', debianPackage: 'redis-server',
// neededBy: '...' }). Nothing here downloads anything but Debian packages, and only as root.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {object} SystemDep
 * @property {string} binary absolute path of the executable that proves the package is installed
 * @property {string} debianPackage the Debian package that provides it
 * @property {string} neededBy what in the repository uses it (shown when it is missing)
 */

/** @type {readonly SystemDep[]} */
export const systemDeps = [
  {
    binary: '/usr/bin/chromium',
    debianPackage: 'chromium',
    neededBy: 'the browser tests (packages/browser-tests, examples/browser)',
  },
  {
    binary: '/usr/bin/redis-server',
    debianPackage: 'redis-server',
    neededBy: 'the fleet tests of packages/auth-redis and the fleet benchmark',
  },
];

/**
 * @typedef {object} EnsureOptions
 * @property {(path: string) => boolean} [exists] default `fs.existsSync`
 * @property {boolean} [isRoot] default: the effective user id is 0
 * @property {(command: string, args: string[]) => number | null} [run] runs a command with inherited stdio, returns its exit status
 * @property {(line: string) => void} [log] default `console.log`
 */

/** Thrown when a package is missing and cannot be installed here; the message says what to install. */
export class MissingSystemDependency extends Error {
  /** @param {string} message @param {SystemDep[]} missing */
  constructor(message, missing) {
    super(message);
    this.name = 'MissingSystemDependency';
    this.missing = missing;
  }
}

/** @type {NonNullable<EnsureOptions['run']>} */
function runInherited(command, args) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw result.error;
  return result.status;
}

/**
 * Makes sure every dependency's binary exists: as root, `apt-get update` then one `apt-get install -y
 * --no-install-recommends` of the missing packages; otherwise a {@link MissingSystemDependency} naming them.
 *
 * @param {readonly SystemDep[]} [deps]
 * @param {EnsureOptions} [options]
 * @returns {SystemDep[]} the dependencies that were installed (empty when all were present)
 */
export function ensureSystemDeps(deps = systemDeps, options = {}) {
  const exists = options.exists ?? existsSync;
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const run = options.run ?? runInherited;
  const log = options.log ?? ((line) => console.log(line));

  const missing = deps.filter((dep) => !exists(dep.binary));
  if (missing.length === 0) return [];
  const packages = [...new Set(missing.map((dep) => dep.debianPackage))];
  const why = missing
    .map((dep) => `  ${dep.binary} (Debian package ${dep.debianPackage}), for ${dep.neededBy}`)
    .join('\n');
  if (!isRoot) {
    throw new MissingSystemDependency(
      `missing:\n${why}\nnot running as root, so not installing; run: sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`,
      missing,
    );
  }
  log(`> installing Debian packages: ${packages.join(' ')}\n${why}`);
  /** @param {string[]} args */
  const apt = (args) => {
    const status = run('apt-get', args);
    if (status !== 0) {
      throw new MissingSystemDependency(
        `apt-get ${args.join(' ')} failed (exit ${status}); install: ${packages.join(' ')}`,
        missing,
      );
    }
  };
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', ...packages]);
  const stillMissing = missing.filter((dep) => !exists(dep.binary));
  if (stillMissing.length > 0) {
    throw new MissingSystemDependency(
      `apt-get installed ${packages.join(' ')} but these are still missing: ${stillMissing.map((dep) => dep.binary).join(', ')}`,
      stillMissing,
    );
  }
  return missing;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureSystemDeps();
  } catch (error) {
    if (!(error instanceof MissingSystemDependency)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
