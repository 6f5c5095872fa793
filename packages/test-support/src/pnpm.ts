// The pnpm the test was started with, for commands and tools (turbo, changesets) in a throwaway copy.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * A folder with a `pnpm` command that runs the pnpm this test was started with (`npm_execpath`, set by
 * `pnpm run`; scripts/run.mjs's pinned copy in CI), for the tools in the copy that spawn `pnpm` themselves
 * (turbo, changesets). Returns the command to run pnpm with.
 */
export function pnpmShim(binDir: string): { command: string; prefix: string[] } {
  mkdirSync(binDir, { recursive: true });
  const execpath = process.env.npm_execpath;
  if (execpath && /pnpm(\.c?js)?$/i.test(basename(execpath)) && process.platform !== 'win32') {
    const shim = join(binDir, 'pnpm');
    writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(execpath)} "$@"\n`);
    chmodSync(shim, 0o755);
    return { command: process.execPath, prefix: [execpath] };
  }
  // Not started by pnpm (e.g. `npx vitest`): the pnpm on PATH.
  return { command: process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm', prefix: [] };
}
