// --help of every command, the version, and command-line mistakes (exit code 2, nothing sent anywhere).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT, run, tempConfigDir } from './support/cli.js';

const dir = tempConfigDir();
const env = { DOCSPACE_AUTH_CONFIG_DIR: dir };
const COMMANDS = ['login', 'status', 'switch', 'whoami', 'token', 'logout'] as const;

describe('--help', () => {
  it('lists the commands, the common options and the exit codes', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const result = await run(args, { env });
      expect(result.code).toBe(EXIT.ok);
      for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      expect(result.stdout).toContain('--config-dir DIR');
      expect(result.stdout).toContain(
        'Exit codes: 0 ok, 1 other error, 2 bad input, 3 sign-in refused, 4 not signed in',
      );
      expect(result.stderr).toBe('');
    }
  });

  it.each(COMMANDS)('docspace-auth %s --help describes the command and its options', async (command) => {
    const result = await run([command, '--help'], { env });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(new RegExp(`^Usage: docspace-auth ${command} `));
    expect(result.stdout).toContain('--portal URL');
    expect(result.stdout).toContain('--json');
    expect(result.stderr).toBe('');
    // `help <command>` and `-h` say the same.
    expect((await run(['help', command], { env })).stdout).toBe(result.stdout);
    expect((await run([command, '-h'], { env })).stdout).toBe(result.stdout);
  });

  it('describes accounts, portals and exit codes', async () => {
    const { stdout } = await run(['--help'], { env });
    expect(stdout).toMatch(/Accounts: every sign-in is saved; each portal has one active account/);
    expect(stdout).toMatch(/Portals: the address is checked before anything is asked/);
    expect(stdout).toMatch(/--insecure-http/);
    expect(stdout).toMatch(/The same condition gives the same code from every command/);
  });

  it('documents the environment of login', async () => {
    const { stdout } = await run(['login', '--help'], { env });
    for (const name of [
      'DOCSPACE_PORTAL',
      'DOCSPACE_USER',
      'DOCSPACE_PASSWORD',
      'DOCSPACE_TOTP_SECRET',
      '--code CODE',
      '--password-stdin',
    ]) {
      expect(stdout).toContain(name);
    }
  });

  it('documents DOCSPACE_API_KEY: in the environment section, and in each command it changes', async () => {
    const { stdout } = await run(['--help'], { env });
    expect(stdout).toMatch(/^Environment:$/m);
    expect(stdout).toMatch(/^ {2}DOCSPACE_API_KEY +an API key \(sk-\.\.\.\): status, whoami and token use it instead/m);
    expect(stdout).toContain('precedence: the variable, then the saved session');
    for (const command of ['status', 'whoami', 'token']) {
      expect((await run([command, '--help'], { env })).stdout).toContain(
        'With DOCSPACE_API_KEY set (an API key, sk-...), status, whoami and token use that key',
      );
    }
    expect((await run(['logout', '--help'], { env })).stdout).toMatch(/With DOCSPACE_API_KEY set, logout refuses/);
  });

  it('prints the version of the package', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const result = await run(['--version'], { env });
    expect(result).toMatchObject({ code: EXIT.ok, stdout: `${version}\n` });
  });
});

describe('bad input: exit code 2', () => {
  it.each([
    [['login', '--bogus'], /Unknown option '--bogus'/],
    [['status', '--portal'], /--portal/],
    [['token', 'extra'], /unexpected argument: this command takes options only/],
    [['whoami', '--code', '123456'], /Unknown option '--code'/],
    [['logout', '--user', ''], /--user needs a non-empty value/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['help', 'frobnicate'], /unknown command "frobnicate"/],
  ])('docspace-auth %j', async (args, message) => {
    const result = await run(args, { env });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('(usage)');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('never repeats a stray argument or a strange command: it could be a password typed in the wrong place', async () => {
    for (const args of [['login', 'Hunter2!'], ['Hunter2!'], ['login', '--password=Hunter2!']]) {
      const result = await run(args, { env });
      expect(result.code).toBe(EXIT.usage);
      expect(`${result.stdout}${result.stderr}`).not.toContain('Hunter2');
    }
  });

  it('with --json the error is also a JSON document on stdout', async () => {
    const result = await run(['status', '--json', '--bogus'], { env });
    expect(result.code).toBe(EXIT.usage);
    expect(JSON.parse(result.stdout)).toEqual({
      error: expect.objectContaining({ code: 'usage', exitCode: 2, message: expect.stringMatching(/--bogus/) }),
    });
  });

  it('no command at all shows the help on stderr', async () => {
    const result = await run([], { env });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Usage: docspace-auth <command>/);
  });

  it('a portal address that is not a URL', async () => {
    const result = await run(['token', '--portal', 'not a url'], { env });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/is not a URL/);
  });
});
