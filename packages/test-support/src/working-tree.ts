// Throwaway copies of a git working tree.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Copies the working tree: every tracked file plus every untracked file git does not ignore (so work in progress
 * is tested too), nothing ignored (no node_modules, dist, .turbo, .tools). Returns the number of files copied.
 */
export function copyWorkingTree(from: string, to: string): number {
  // Without GIT_* variables (a git hook sets GIT_DIR, GIT_INDEX_FILE, ...): the listing is of `from`.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^GIT_/i.test(key)));
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: from,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env,
  })
    .split('\0')
    .filter(Boolean);
  let copied = 0;
  for (const file of new Set(listed)) {
    const source = join(from, file);
    // Deleted but not yet staged, or a folder (a submodule): nothing to copy.
    if (!existsSync(source) || !lstatSync(source).isFile()) continue;
    const target = join(to, file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    copied++;
  }
  return copied;
}
