// `docspace-auth login` without a terminal: everything from the environment and flags, clear failures, exit codes,
// and the saved session file.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOB_TOTP_SECRET, DAVE_TOTP_SECRET } from '@docspace/emulator';
import { describe, expect, it } from 'vitest';
import { closedPort, EXIT, leaks, PASSWORDS, readSessions, run, savedToken, tempConfigDir } from './support/cli.js';
import { selfWith, useEmulator } from './support/emulator.js';

leaks.secret(BOB_TOTP_SECRET, "bob's TOTP secret");
leaks.secret(DAVE_TOTP_SECRET, "dave's TOTP secret");
const emulator = useEmulator();
let dirs = 0;
const base = tempConfigDir();
/** A fresh config folder per test. */
const freshDir = () => join(base, String(++dirs));

function login(dir: string, user: string, env: Record<string, string | undefined> = {}, args: string[] = []) {
  return run(['login', '--portal', emulator.url, '--user', user, ...args], {
    env: { DOCSPACE_AUTH_CONFIG_DIR: dir, ...env },
  });
}

describe('login from the environment', () => {
  it('alice (no second factor): signs in, saves the token 0600 in the versioned format, remembers the portal', async () => {
    const dir = freshDir();
    const result = await login(dir, 'alice@example.com', { DOCSPACE_PASSWORD: PASSWORDS.alice });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain(`Signed in to ${emulator.url} as alice@example.com`);
    expect(result.stdout).toContain(join(dir, 'sessions.json'));

    const file = readSessions(dir);
    expect(file.format).toBe('docspace-auth/sessions');
    expect(file.version).toBe(1);
    const token = savedToken(dir, emulator.url, 'alice@example.com');
    expect(file.sessions[`docspace-auth:${emulator.url}`]).toMatchObject({
      token,
      userName: 'alice@example.com',
      portal: emulator.url,
    });
    expect(file.sessions[`docspace-auth:${emulator.url}:alice@example.com`]).toEqual({
      token,
      expires: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      userName: 'alice@example.com',
      portal: emulator.url,
      obtainedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(statSync(join(dir, 'sessions.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    // The token works.
    expect((await selfWith(emulator.url, token)).status).toBe(200);
  });

  it('--json: who and until when, never the token', async () => {
    const dir = freshDir();
    const result = await login(dir, 'alice@example.com', { DOCSPACE_PASSWORD: PASSWORDS.alice }, ['--json']);
    expect(result.code).toBe(EXIT.ok);
    const json = JSON.parse(result.stdout);
    expect(json).toEqual({
      signedIn: true,
      portal: emulator.url,
      user: 'alice@example.com',
      displayName: 'Alice Anderson',
      expires: readSessions(dir).sessions[`docspace-auth:${emulator.url}`]?.expires,
      secondFactor: 'none',
      previousToken: null,
    });
    expect(result.stdout).not.toContain(savedToken(dir, emulator.url, 'alice@example.com'));
  });

  it('DOCSPACE_PORTAL and DOCSPACE_USER stand for the flags', async () => {
    const dir = freshDir();
    const result = await run(['login', '--json'], {
      env: {
        DOCSPACE_AUTH_CONFIG_DIR: dir,
        DOCSPACE_PORTAL: emulator.url,
        DOCSPACE_USER: 'alice@example.com',
        DOCSPACE_PASSWORD: PASSWORDS.alice,
      },
    });
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toMatchObject({ portal: emulator.url, user: 'alice@example.com' });
  });

  it('bob with DOCSPACE_TOTP_SECRET: the code is computed', async () => {
    const dir = freshDir();
    const result = await login(
      dir,
      'bob@example.com',
      { DOCSPACE_PASSWORD: PASSWORDS.bob, DOCSPACE_TOTP_SECRET: BOB_TOTP_SECRET },
      ['--json'],
    );
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toMatchObject({ user: 'bob@example.com', secondFactor: 'totp' });
    expect((await selfWith(emulator.url, savedToken(dir, emulator.url, 'bob@example.com'))).status).toBe(200);
  });

  it('bob with --code', async () => {
    const dir = freshDir();
    const code = emulator.current.totp('bob@example.com');
    leaks.secret(code, "bob's code");
    const result = await login(dir, 'bob@example.com', { DOCSPACE_PASSWORD: PASSWORDS.bob }, ['--code', code]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('as bob@example.com');
    savedToken(dir, emulator.url, 'bob@example.com');
  });

  it('dave with DOCSPACE_TOTP_SECRET set to his setup key: enrols and signs in', async () => {
    const dir = freshDir();
    const result = await login(
      dir,
      'dave@example.com',
      { DOCSPACE_PASSWORD: PASSWORDS.dave, DOCSPACE_TOTP_SECRET: DAVE_TOTP_SECRET },
      ['--json'],
    );
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toMatchObject({ secondFactor: 'totp-setup' });
    savedToken(dir, emulator.url, 'dave@example.com');
  });
});

describe('no terminal: fails at once, naming what to set', () => {
  it.each([
    ['the portal', [], {}, /give --portal URL or set DOCSPACE_PORTAL/],
    ['the user', ['--portal', 'http://127.0.0.1:1'], {}, /give --user NAME or set DOCSPACE_USER/],
    [
      'the password',
      ['--portal', 'http://127.0.0.1:1', '--user', 'alice@example.com'],
      {},
      /give --password-stdin or set DOCSPACE_PASSWORD/,
    ],
  ])('without %s', async (_what, args, env, hint) => {
    const result = await run(['login', ...args], { env: { DOCSPACE_AUTH_CONFIG_DIR: freshDir(), ...env } });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/standard input is not a terminal/);
    expect(result.stderr).toMatch(hint);
    expect(result.stderr).toContain('(missing_input)');
    expect(emulator.current.requests).toHaveLength(0); // nothing was sent
  });

  it('bob without a code or secret: names --code and DOCSPACE_TOTP_SECRET', async () => {
    const result = await login(freshDir(), 'bob@example.com', { DOCSPACE_PASSWORD: PASSWORDS.bob }, ['--json']);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toBe(''); // with --json, the error is on stdout only
    const { error } = JSON.parse(result.stdout);
    expect(error).toMatchObject({ code: 'missing_input', exitCode: 2 });
    expect(error.message).toMatch(/authenticator app/);
    expect(error.hint).toMatch(/--code CODE.*DOCSPACE_TOTP_SECRET/);
  });

  it('carol (SMS): says where the code went and that a terminal is needed', async () => {
    const result = await login(freshDir(), 'carol@example.com', { DOCSPACE_PASSWORD: PASSWORDS.carol });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/sent a code by SMS to \+1555\*+0123/);
    expect(result.stderr).toMatch(/in a terminal/);
    for (const message of emulator.current.sms.messages) leaks.secret(message.code, "carol's SMS code");
  });

  it('dave (app not set up): does not print the setup key without a terminal', async () => {
    const result = await login(freshDir(), 'dave@example.com', { DOCSPACE_PASSWORD: PASSWORDS.dave });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/must set up an authenticator app first/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(DAVE_TOTP_SECRET);
  });
});

describe('refused, blocked, unreachable', () => {
  it('wrong password: exit 3 (invalid_credentials), nothing saved', async () => {
    const dir = freshDir();
    const result = await login(dir, 'alice@example.com', { DOCSPACE_PASSWORD: 'not-alices-password' });
    leaks.secret('not-alices-password', 'a wrong password');
    expect(result.code).toBe(EXIT.refused);
    expect(result.stderr).toMatch(/refused the user name or password \(invalid_credentials\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(() => readSessions(dir)).toThrow(/ENOENT/);
  });

  it('wrong code: exit 3 (invalid_code)', async () => {
    const result = await login(freshDir(), 'bob@example.com', { DOCSPACE_PASSWORD: PASSWORDS.bob }, [
      '--code',
      '000000',
      '--json',
    ]);
    expect(result.code).toBe(EXIT.refused);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'invalid_code', exitCode: 3 });
  });

  it('erin (disabled): exit 3 (user_disabled)', async () => {
    const result = await login(freshDir(), 'erin@example.com', { DOCSPACE_PASSWORD: PASSWORDS.erin }, ['--json']);
    expect(result.code).toBe(EXIT.refused);
    expect(JSON.parse(result.stdout).error).toMatchObject({
      code: 'user_disabled',
      exitCode: 3,
      status: 403,
      message: expect.stringMatching(/the account is disabled/),
    });
    const human = await login(freshDir(), 'erin@example.com', { DOCSPACE_PASSWORD: PASSWORDS.erin });
    expect(human.stderr).toMatch(/the account is disabled \(user_disabled\)/);
  });

  it('after 5 wrong passwords the 6th attempt is blocked, even with the right one: exit 5', async () => {
    const dir = freshDir();
    for (let i = 0; i < 5; i++) {
      expect((await login(dir, 'alice@example.com', { DOCSPACE_PASSWORD: 'not-alices-password' })).code).toBe(
        EXIT.refused,
      );
    }
    const result = await login(dir, 'alice@example.com', { DOCSPACE_PASSWORD: PASSWORDS.alice });
    expect(result.code).toBe(EXIT.blocked);
    expect(result.stderr).toMatch(/too many failed sign-ins.*\(blocked\)/);
    expect(result.stderr).toMatch(/try again in (60|59) s/);
    // The next attempt counts down from when the block was first seen, not from 60 s again: as if that was 20 s ago.
    const configPath = join(dir, 'config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    const [key, seen] = Object.entries(config.blocks as Record<string, string>)[0] ?? [];
    expect(key).toBe(`${emulator.url} alice@example.com`);
    config.blocks[key as string] = new Date(Date.parse(seen as string) - 20_000).toISOString();
    writeFileSync(configPath, JSON.stringify(config));
    const later = await login(dir, 'alice@example.com', { DOCSPACE_PASSWORD: PASSWORDS.alice }, ['--json']);
    expect(later.code).toBe(EXIT.blocked);
    const { error } = JSON.parse(later.stdout);
    expect(error).toMatchObject({ code: 'blocked', exitCode: 5 });
    expect(error.retryAfterMs).toBeLessThanOrEqual(40_000);
    expect(error.retryAfterMs).toBeGreaterThan(30_000);
    expect(error.hint).toMatch(/try again in (40|39|38) s/);
  });

  it('no server: exit 6 (network)', async () => {
    const port = await closedPort();
    const result = await run(['login', '--portal', `http://127.0.0.1:${port}`, '--user', 'alice@example.com'], {
      env: { DOCSPACE_AUTH_CONFIG_DIR: freshDir(), DOCSPACE_PASSWORD: PASSWORDS.alice },
    });
    expect(result.code).toBe(EXIT.network);
    expect(result.stderr).toMatch(/could not be reached: connection refused.*\(network\)/);
  });

  it('plain http to a host that is not this machine is refused before anything is sent: exit 2', async () => {
    const result = await run(['login', '--portal', 'http://portal.example.com', '--user', 'alice@example.com'], {
      env: { DOCSPACE_AUTH_CONFIG_DIR: freshDir(), DOCSPACE_PASSWORD: PASSWORDS.alice },
    });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(
      /http:\/\/portal\.example\.com is plain http to another machine.*\(insecure_transport\)/,
    );
    expect(result.stderr).toMatch(/use its https:\/\/ address; .*add --insecure-http/);
  });

  it('DEBUG shows the stack trace, and only then', async () => {
    const env = { DOCSPACE_PASSWORD: 'not-alices-password', DEBUG: '1' };
    const result = await login(freshDir(), 'alice@example.com', env);
    expect(result.code).toBe(EXIT.refused);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

describe('where the session is stored', () => {
  const alice = (env: Record<string, string>, args: string[] = []) =>
    run(['login', '--portal', emulator.url, '--user', 'alice@example.com', '--json', ...args], {
      env: { DOCSPACE_PASSWORD: PASSWORDS.alice, ...env },
    });

  it('$XDG_CONFIG_HOME/docspace-auth, else ~/.config/docspace-auth; DOCSPACE_AUTH_CONFIG_DIR and --config-dir win', async () => {
    const home = freshDir();
    const xdg = freshDir();
    expect((await alice({ HOME: home, XDG_CONFIG_HOME: xdg })).code).toBe(EXIT.ok);
    savedToken(join(xdg, 'docspace-auth'), emulator.url, 'alice@example.com');

    expect((await alice({ HOME: home })).code).toBe(EXIT.ok);
    savedToken(join(home, '.config', 'docspace-auth'), emulator.url, 'alice@example.com');

    const fromEnv = freshDir();
    expect((await alice({ HOME: home, XDG_CONFIG_HOME: xdg, DOCSPACE_AUTH_CONFIG_DIR: fromEnv })).code).toBe(EXIT.ok);
    savedToken(fromEnv, emulator.url, 'alice@example.com');

    const fromFlag = freshDir();
    expect((await alice({ HOME: home, DOCSPACE_AUTH_CONFIG_DIR: fromEnv }, ['--config-dir', fromFlag])).code).toBe(
      EXIT.ok,
    );
    savedToken(fromFlag, emulator.url, 'alice@example.com');
    // Each run wrote only where it was told.
    const status = await run(['status', '--json', '--config-dir', fromFlag], { env: { HOME: home } });
    expect(JSON.parse(status.stdout)).toMatchObject({ signedIn: true, user: 'alice@example.com' });
  });
});
