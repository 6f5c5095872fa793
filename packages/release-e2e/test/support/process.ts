// Child processes for the release test: asynchronous (the registry, the emulator and downloads keep running
// while a command runs), with a clean environment, a time limit, and the whole output in the error on failure.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, delimiter, join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunResult {
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Text for standard input; without it, standard input is empty (never a terminal). */
  input?: string;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly result: RunResult & { code: number | null; signal: NodeJS.Signals | null },
  ) {
    super(message);
  }
}

/** Commands running now, in their own process groups; listed in `pidsFile` for the janitor. */
const live = new Set<number>();
let pidsFile: string | undefined;
const writePids = () => pidsFile && writeFileSync(pidsFile, [...live].map((pid) => `${pid}\n`).join(''));

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

const tail = (text: string, max = 6000) => (text.length > max ? `…${text.slice(-max)}` : text);

/** Runs a command; rejects, with its output, unless it exits with 0 within the time limit. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so that a time-out ends the command and everything it started.
      detached: process.platform !== 'win32',
    });
    if (child.pid !== undefined) {
      live.add(child.pid);
      writePids();
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // A command that exits without reading its input makes the write fail with EPIPE: not an error here.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    const kill = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    // A test process that ends for any reason takes a running command with it.
    process.once('exit', kill);
    const describe = `${basename(command)} ${args.join(' ')} (in ${options.cwd})`;
    child.on('error', (error) => {
      clearTimeout(timer);
      process.removeListener('exit', kill);
      if (child.pid !== undefined && live.delete(child.pid)) writePids();
      reject(new Error(`could not start ${describe}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.removeListener('exit', kill);
      if (child.pid !== undefined && live.delete(child.pid)) writePids();
      const result = { stdout, stderr, ms: Date.now() - started, code, signal };
      if (code === 0 && !timedOut) {
        resolve(result);
        return;
      }
      const why = timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${code ?? signal}`;
      reject(
        new CommandError(
          `${describe} ${why}\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`,
          result,
        ),
      );
    });
  });
}

/** npm settings from the environment that say how to reach the registry (a mirror, a proxy, a CA): kept. */
export const KEEP_NPM_CONFIG =
  /^npm_config_(registry|proxy|https?_proxy|no_?proxy|cafile|ca|strict_ssl|fetch_[a-z_]+|maxsockets|globalconfig)$/i;

/**
 * The environment for every command of the test: the caller's, minus what the pnpm/npm/turbo/vitest/git that
 * started this test put there (npm_config_* would change how npm and pnpm behave, GIT_DIR would point git at the
 * real repository, ...) but with the registry connection settings, minus PATH entries inside the workspace (its
 * node_modules/.bin folders), and with npm's user configuration replaced, so that ~/.npmrc is neither read nor
 * written.
 */
export function cleanEnv(options: { repoRoot: string; userconfig: string; cache: string; binDir: string }): NodeJS.ProcessEnv {
  const injected = /^(npm_|pnpm_config_|pnpm_script_|turbo_|vitest|git_)/i;
  const dropped = new Set(['NODE_ENV', 'NODE_OPTIONS', 'NODE', 'INIT_CWD', 'TEST', 'COREPACK_ROOT']);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || dropped.has(key)) continue;
    if (injected.test(key) && !KEEP_NPM_CONFIG.test(key)) continue;
    env[key] = value;
  }
  const inside = (dir: string) => {
    const rel = relative(options.repoRoot, dir);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '' && !inside(dir));
  env.PATH = [options.binDir, ...path].join(delimiter);
  Object.assign(env, {
    npm_config_userconfig: options.userconfig,
    npm_config_cache: options.cache,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_loglevel: 'warn',
    TURBO_TELEMETRY_DISABLED: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
    DO_NOT_TRACK: '1',
    NO_UPDATE_NOTIFIER: '1',
    NO_COLOR: '1',
  });
  return env;
}

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
