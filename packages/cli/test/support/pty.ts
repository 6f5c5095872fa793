// A real pseudo-terminal for the interactive paths (node-pty): the command sees a terminal on stdin, stdout and
// stderr, exactly as in a person's shell. The test waits for a prompt, then types.
import { createRequire } from 'node:module';
import type { IPty } from 'node-pty';
import { CLI, cleanEnv, harvestTokens, leaks, plain } from './cli.js';

const require = createRequire(import.meta.url);

function loadPty(): typeof import('node-pty') {
  try {
    return require('node-pty') as typeof import('node-pty');
  } catch (error) {
    throw new Error(
      'node-pty is not built. It compiles at install time when pnpm may run its build script: ' +
        'pnpm-workspace.yaml needs "node-pty" under onlyBuiltDependencies (then `pnpm install`, or `pnpm rebuild node-pty`).\n' +
        String(error),
    );
  }
}

export interface Terminal {
  /** Everything the command wrote so far, colours and cursor movement removed. */
  readonly output: string;
  /** The same, as written (with escape sequences). */
  readonly raw: string;
  /** Waits until the output (from `from` on) matches `pattern`; returns the match. */
  expect(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Types text (use `\r` for Enter). */
  type(text: string): void;
  /** Resolves with the exit code. */
  readonly exited: Promise<number>;
}

export interface TerminalOptions {
  env?: Record<string, string | undefined>;
  cols?: number;
  rows?: number;
  /** Secrets this run may show (the setup key of an account that must set up its authenticator app). */
  allowed?: readonly string[];
}

/** Starts `docspace-auth ...args` in a pseudo-terminal. */
export function inTerminal(args: string[], options: TerminalOptions = {}): Terminal {
  const pty = loadPty();
  const child: IPty = pty.spawn(process.execPath, [CLI, ...args], {
    name: 'xterm-256color',
    cols: options.cols ?? 100,
    rows: options.rows ?? 50,
    env: cleanEnv({ TERM: 'xterm-256color', ...options.env }),
  });
  let raw = '';
  let searchFrom = 0;
  const waiters = new Set<() => void>();
  child.onData((data) => {
    raw += data;
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number>((resolve) => {
    child.onExit(({ exitCode }) => {
      leaks.output(`docspace-auth ${args.join(' ')} (terminal)`, raw, options.allowed);
      harvestTokens(options.env?.DOCSPACE_AUTH_CONFIG_DIR);
      for (const wake of waiters) wake();
      resolve(exitCode);
    });
  });
  let done = false;
  void exited.then(() => (done = true));

  return {
    get output() {
      return plain(raw);
    },
    get raw() {
      return raw;
    },
    expect(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const text = plain(raw);
          const match = text.slice(searchFrom).match(pattern);
          if (match) {
            searchFrom += (match.index ?? 0) + match[0].length;
            finish();
            resolve(match);
          } else if (done) {
            finish();
            reject(new Error(`the command ended before ${pattern} appeared:\n${text}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`${pattern} did not appear in ${timeoutMs} ms:\n${plain(raw)}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    type(text) {
      child.write(text);
    },
    exited,
  };
}
