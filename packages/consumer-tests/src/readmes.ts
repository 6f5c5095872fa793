// Every README of the repository: the root one, and each package's, example's and the benchmarks'.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ReadmeBlock, typescriptBlocks } from './readme-blocks.js';

/** The README files under `root`, relative to it, in a stable order. */
export function readmeFiles(root: string): string[] {
  const files = ['README.md'];
  for (const folder of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, folder)).sort()) {
      if (existsSync(join(root, folder, name, 'README.md'))) files.push(join(folder, name, 'README.md'));
    }
  }
  if (existsSync(join(root, 'benchmarks', 'README.md'))) files.push(join('benchmarks', 'README.md'));
  return files.filter((file) => existsSync(join(root, file))).map((file) => relative(root, join(root, file)));
}

/** The TypeScript blocks of every README under `root`. */
export function readmeBlocks(root: string): ReadmeBlock[] {
  return readmeFiles(root).flatMap((file) => typescriptBlocks(readFileSync(join(root, file), 'utf8'), file));
}
