// Runs the BUILT command (dist/cli.cjs) as a user would: a child process with pipes (stdin is not a terminal),
// or a real pseudo-terminal (node-pty) for the interactive paths. Every run's output is kept for the leak check.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';

export const CLI = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const PASSWORDS = {
  alice: 'alice-password',
  bob: 'bob-password',
  carol: 'carol-password',
  dave: 'dave-password',
  erin: 'erin-password',
} as const;

/** Exit codes, as documented. */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  refused: 3,
  notSignedIn: 4,
  blocked: 5,
  network: 6,
  portalNotFound: 7,
  portalUnavailable: 8,
  accessRestricted: 9,
  cancelled: 130,
} as const;

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Every secret a test file used (passwords, codes, TOTP secrets, tokens), and everything the command printed.
 * After the file, no output may contain a secret, except what a run was allowed to print (`token` prints the token;
 * the setup screen shows the setup key).
 */
class LeakCheck {
  private readonly secrets = new Map<string, string>();
  private readonly outputs: { label: string; text: string; allowed: Set<string> }[] = [];

  constructor() {
    for (const [user, password] of Object.entries(PASSWORDS)) this.secret(password, `${user}'s password`);
  }

  secret(value: string | null | undefined, label: string): void {
    if (value) this.secrets.set(value, label);
  }

  output(label: string, text: string, allowed: readonly string[] = []): void {
    this.outputs.push({ label, text, allowed: new Set(allowed) });
  }

  /** Throws when some output holds a secret it was not allowed to print. */
  check(): void {
    for (const { label, text, allowed } of this.outputs) {
      for (const [secret, what] of this.secrets) {
        if (!allowed.has(secret) && text.includes(secret)) {
          throw new Error(`${what} was printed by \`${label}\`:\n${text.slice(0, 2000)}`);
        }
      }
    }
  }

  get counts() {
    return { secrets: this.secrets.size, outputs: this.outputs.length };
  }
}

export const leaks = new LeakCheck();

afterAll(() => {
  // A file that ran the command must have recorded its output; then nothing may have leaked.
  expect(leaks.counts.secrets).toBeGreaterThan(0);
  leaks.check();
});

/** A fresh config folder (removed after the file). */
export function tempConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docspace-auth-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The environment of a run: nothing of the caller's (no DOCSPACE_*, DEBUG or NO_COLOR leaks in), plus `env`. */
export function cleanEnv(env: Record<string, string | undefined> = {}): Record<string, string> {
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    ...env,
  };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Secrets this run may print (only `token` prints the token). */
  allowed?: readonly string[];
  /** Written to stdin; stdin is left open otherwise, so a command that waited on it would hang the test. */
  input?: string;
}

/** Runs `docspace-auth ...args` through pipes. Standard input is a pipe that stays open: nothing may wait on it. */
export function run(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (options.input !== undefined) child.stdin.write(options.input);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`docspace-auth ${args.join(' ')} did not finish in 15 s (waiting on stdin?)\n${stdout}\n${stderr}`),
      );
    }, 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      leaks.output(`docspace-auth ${args.join(' ')}`, `${stdout}\n${stderr}`, options.allowed);
      harvestTokens(options.env?.DOCSPACE_AUTH_CONFIG_DIR);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Registers every token saved in a config folder as a secret (called after every run). */
export function harvestTokens(dir: string | undefined): void {
  if (!dir) return;
  let sessions: ReturnType<typeof readSessions>['sessions'];
  try {
    sessions = readSessions(dir).sessions;
  } catch {
    return; // no session file (yet), or one a test broke on purpose
  }
  for (const [key, session] of Object.entries(sessions ?? {})) leaks.secret(session.token, `the token in ${key}`);
}

/** The session file of a config folder, parsed. */
export function readSessions(dir: string): {
  format: string;
  version: number;
  sessions: Record<
    string,
    { token: string; expires: string | null; userName: string; portal: string; obtainedAt: string }
  >;
} {
  return JSON.parse(readFileSync(join(dir, 'sessions.json'), 'utf8'));
}

/** The token saved for a user (also registered as a secret). */
export function savedToken(dir: string, portal: string, user: string): string {
  const session = readSessions(dir).sessions[`docspace-auth:${portal}:${user}`];
  if (!session) throw new Error(`no session of ${user} on ${portal} in ${dir}`);
  leaks.secret(session.token, `the token of ${user}`);
  return session.token;
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/** Strips colours and cursor movement from terminal output. */
export function plain(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007]*\u0007/g, '')
    .replace(/\r/g, '');
}
