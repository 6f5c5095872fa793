// Child processes for tests: asynchronous (servers the test started keep running while a command runs), in their
// own process groups, with a time limit, and the whole output in the error on failure.
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { unwatchProcess, watchProcess } from './janitor.js';

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
    if (child.pid !== undefined) watchProcess(child.pid);
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
      if (child.pid !== undefined) unwatchProcess(child.pid);
      reject(new Error(`could not start ${describe}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.removeListener('exit', kill);
      if (child.pid !== undefined) unwatchProcess(child.pid);
      const result = { stdout, stderr, ms: Date.now() - started, code, signal };
      if (code === 0 && !timedOut) {
        resolve(result);
        return;
      }
      const why = timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${code ?? signal}`;
      reject(new CommandError(`${describe} ${why}\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`, result));
    });
  });
}
