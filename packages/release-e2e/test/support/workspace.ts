// The repository the test runs in: its root and workspace packages, and changesets written into a copy.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { satisfies } from 'semver';
import { parse } from 'yaml';

export const repoRoot = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));

export interface WorkspacePackage {
  name: string;
  version: string;
  private: boolean;
  dir: string;
  manifest: Record<string, any>;
}

export function readJson<T = any>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * The workspace packages of a checkout (the real one or a copy), from pnpm-workspace.yaml's `packages`
 * (entries `dir/*` and `dir`; the root package is not one of them).
 */
export function workspacePackages(root: string): WorkspacePackage[] {
  const patterns: unknown = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'))?.packages;
  if (!Array.isArray(patterns)) throw new Error('pnpm-workspace.yaml has no packages list');
  const dirs = patterns.flatMap((pattern: string) => {
    if (pattern.startsWith('!')) return [];
    if (/[*?{[]/.test(pattern.replace(/\/\*$/, '')))
      throw new Error(`workspace pattern not understood by this test: ${pattern}`);
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    return existsSync(parent) ? readdirSync(parent).map((name) => join(parent, name)) : [];
  });
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const manifest = readJson(join(dir, 'package.json'));
      return { name: manifest.name, version: manifest.version, private: manifest.private === true, dir, manifest };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Writes a changeset file; `bumps` maps package names to patch/minor/major. */
export function writeChangeset(root: string, id: string, bumps: Record<string, string>, summary: string): string {
  const file = join(root, '.changeset', `${id}.md`);
  const header = Object.entries(bumps)
    .map(([name, bump]) => `"${name}": ${bump}`)
    .join('\n');
  writeFileSync(file, `---\n${header}\n---\n\n${summary}\n`);
  return file;
}

/**
 * The packages `changeset version` must bump when `changed` are bumped, as @changesets/assemble-release-plan
 * does with `updateInternalDependencies`: a `workspace:*` range means the current exact version, so every
 * public package that lists a bumped one in dependencies, peerDependencies or optionalDependencies gets (at least)
 * a patch, transitively; a devDependency alone bumps nothing.
 */
export function expectedDependents(packages: WorkspacePackage[], changed: string[]): Set<string> {
  const bumped = new Set(changed);
  for (let grew = true; grew; ) {
    grew = false;
    for (const pkg of packages) {
      if (pkg.private || bumped.has(pkg.name)) continue;
      const runtime = { ...pkg.manifest.dependencies, ...pkg.manifest.optionalDependencies };
      // A peer is followed only when its new version (a patch) leaves the declared range
      // (onlyUpdatePeerDependentsWhenOutOfRange in .changeset/config.json).
      const peerLeft = Object.entries<string>(pkg.manifest.peerDependencies ?? {}).some(([dep, spec]) => {
        if (!bumped.has(dep)) return false;
        const version = packages.find((p) => p.name === dep)?.manifest.version as string;
        const range = spec.replace(/^workspace:/, '');
        const next = version.replace(/\d+$/, (n) => String(Number(n) + 1));
        return !satisfies(next, range === '*' ? version : /^[\^~]$/.test(range) ? `${range}${version}` : range);
      });
      if (peerLeft || Object.keys(runtime).some((dep) => bumped.has(dep))) {
        bumped.add(pkg.name);
        grew = true;
      }
    }
  }
  return bumped;
}
