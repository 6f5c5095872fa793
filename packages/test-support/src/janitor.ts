// The janitor: a detached process (janitor.cjs) that cleans up after a test process that ends without doing so.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Commands running now (by `run`), in their own process groups; listed in `pidsFile` for the janitor. */
const live = new Set<number>();
let pidsFile: string | undefined;
const writePids = () => pidsFile && writeFileSync(pidsFile, [...live].map((pid) => `${pid}\n`).join(''));

/** Lists a running command's process group for the janitor. */
export function watchProcess(pid: number): void {
  live.add(pid);
  writePids();
}

/** Removes a command that ended from the janitor's list. */
export function unwatchProcess(pid: number): void {
  if (live.delete(pid)) writePids();
}

/**
 * Starts janitor.cjs for `dir`: when this process ends without cleaning up (killed, or stopped by turbo because
 * another task failed), it kills the commands still running and removes `dir`. Returns a function that ends it
 * (after which it removes `dir` too).
 */
export async function startJanitor(dir: string): Promise<() => Promise<void>> {
  pidsFile = join(dir, 'running-pids');
  writePids();
  const janitor = spawn(process.execPath, [fileURLToPath(new URL('./janitor.cjs', import.meta.url)), dir, pidsFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
    // Its own process group: a kill aimed at the test's group (Ctrl-C, turbo, even SIGKILL) leaves it to clean up.
    detached: process.platform !== 'win32',
  });
  janitor.stdin.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => janitor.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    janitor.stdout.once('data', () => resolve());
    janitor.once('exit', (code) => reject(new Error(`janitor.cjs exited (${code}) before it was ready`)));
  });
  janitor.stdout.resume();
  return async () => {
    janitor.stdin.end();
    await exited;
  };
}
