// The production dependency closure of a package as installed: `dependencies` and `optionalDependencies` (and the
// package's own `peerDependencies`, which its consumer installs beside it, e.g. ioredis for auth-redis), found
// the way Node finds them (the nearest `node_modules/<name>` upward from the package's real folder), recursively.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';

/** The Node versions we promise: the floor of our `engines`, and the first and a late release of each LTS line since. */
export const SUPPORTED_NODE = ['20.19.0', '20.20.2', '22.0.0', '22.12.0', '24.0.0', '24.11.0'];

/** One installed package of a closure. */
export interface InstalledPackage {
  name: string;
  version: string;
  /** `engines.node`, when the package declares one. */
  enginesNode: string | undefined;
  /** How it is reached from the root, e.g. `@docspace/auth-helpers > proper-lockfile > graceful-fs`. */
  via: string;
  folder: string;
}

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export function readManifest(folder: string): Manifest {
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Manifest;
}

/** The folder `name` resolves to from `from`, or `undefined` (an optional dependency may be absent). */
function locate(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every package in the production closure of the package in `root` (itself included), each once. */
export function productionClosure(root: string): InstalledPackage[] {
  const seen = new Map<string, InstalledPackage>();
  const visit = (folder: string, via: string) => {
    if (seen.has(folder)) return;
    const manifest = readManifest(folder);
    const path = via ? `${via} > ${manifest.name}` : manifest.name;
    seen.set(folder, {
      name: manifest.name,
      version: manifest.version,
      enginesNode: manifest.engines?.node,
      via: path,
      folder,
    });
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    const peers = via === '' ? manifest.peerDependencies : undefined;
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...peers })) {
      const found = locate(name, folder);
      if (found) visit(found, path);
      else if (!optional.has(name)) throw new Error(`${path} needs ${name}, which is not installed`);
    }
  };
  visit(realpathSync(root), '');
  return [...seen.values()];
}

/** One line per package whose `engines.node` refuses a supported Node version (how it is reached, what it refuses). */
export function engineRefusals(
  closure: readonly InstalledPackage[],
  supported: readonly string[] = SUPPORTED_NODE,
): string[] {
  return closure.flatMap((pkg) => {
    if (pkg.enginesNode === undefined) return [];
    const refused = supported.filter((version) => !semver.satisfies(version, pkg.enginesNode as string));
    return refused.length > 0
      ? [`${pkg.via}@${pkg.version}: engines.node "${pkg.enginesNode}" refuses ${refused.join(', ')}`]
      : [];
  });
}
