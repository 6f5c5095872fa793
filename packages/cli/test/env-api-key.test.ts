// DOCSPACE_API_KEY, as GH_TOKEN is to `gh`: status, whoami and token use the key instead of any saved session (for
// --portal, DOCSPACE_PORTAL or the default portal), the saved sessions are neither used nor changed, login and
// switch say so, logout refuses; a malformed, rejected or portal-less key is a typed error; the key is never
// printed but by `token`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOB_TOTP_SECRET } from '@docspace/emulator';
import { describe, expect, it } from 'vitest';
import { EXIT, leaks, PASSWORDS, readSessions, run, savedToken, tempConfigDir } from './support/cli.js';
import { useEmulator } from './support/emulator.js';

const emulator = useEmulator();
const base = tempConfigDir();
let dirs = 0;
const freshDir = () => join(base, String(++dirs));

/** Bob's key, made for these tests (the emulator's demo key is alice's): whoever the portal says, the key was sent. */
const BOB_KEY = 'sk-bob-env-test-6c1f0e9a';
const ALICE_KEY = 'sk-alice-demo-key';
const UNKNOWN_KEY = 'sk-unknown-env-test-key';
const NOT_A_KEY = 'hunter2-env-not-a-key';
leaks.secret(BOB_KEY, "bob's API key");
leaks.secret(ALICE_KEY, "alice's API key");
leaks.secret(UNKNOWN_KEY, 'an unknown API key');
leaks.secret(NOT_A_KEY, 'a value that is not an API key');
leaks.secret(BOB_TOTP_SECRET, "bob's TOTP secret");

const giveBobKey = () => emulator.current.users.update('bob@example.com', { apiKeys: [BOB_KEY] });

/** The environment of a run with the key set and the portal given by DOCSPACE_PORTAL. */
const withKey = (key = BOB_KEY, dir = freshDir()) => ({
  DOCSPACE_AUTH_CONFIG_DIR: dir,
  DOCSPACE_API_KEY: key,
  DOCSPACE_PORTAL: emulator.url,
});

/** A config folder with alice signed in with her password (the default portal is the emulator). */
async function aliceSignedIn() {
  const dir = freshDir();
  const result = await run(['login', '--portal', emulator.url, '--user', 'alice@example.com'], {
    env: { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_PASSWORD: PASSWORDS.alice },
  });
  expect(result.code).toBe(EXIT.ok);
  return { dir, token: savedToken(dir, emulator.url, 'alice@example.com') };
}

const sessionFileText = (dir: string) => readFileSync(join(dir, 'sessions.json'), 'utf8');
const requests = () => emulator.current.requests.map((r) => `${r.method} ${r.path}`);

describe('token with DOCSPACE_API_KEY', () => {
  it('prints the key and a newline, nothing else, without asking the portal', async () => {
    emulator.current.clearRequests();
    const result = await run(['token'], { env: withKey(), allowed: [BOB_KEY] });
    expect(result).toEqual({ code: EXIT.ok, stdout: `${BOB_KEY}\n`, stderr: '' });
    expect(requests()).toEqual([]);
  });

  it('--json: the key, the portal, no user, and "source": "env"', async () => {
    const result = await run(['token', '--json'], { env: withKey(), allowed: [BOB_KEY] });
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toEqual({
      token: BOB_KEY,
      portal: emulator.url,
      user: null,
      expires: null,
      source: 'env',
    });
  });

  it('the key is trimmed (a value read from a file ends with a newline)', async () => {
    const result = await run(['token'], { env: withKey(`  ${BOB_KEY}\n`), allowed: [BOB_KEY] });
    expect(result.stdout).toBe(`${BOB_KEY}\n`);
  });

  it('works with a curl-style call: the printed key is accepted as a Bearer token by the portal', async () => {
    giveBobKey();
    const { stdout } = await run(['token'], { env: withKey(), allowed: [BOB_KEY] });
    const response = await fetch(`${emulator.url}/api/2.0/people/@self`, {
      headers: { Authorization: `Bearer ${stdout.trim()}`, Accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { response: { email: string } }).response.email).toBe('bob@example.com');
  });
});

describe('whoami with DOCSPACE_API_KEY', () => {
  it("shows the key's user, from people/@self with the key, and says the variable is used", async () => {
    giveBobKey();
    emulator.current.clearRequests();
    const result = await run(['whoami'], { env: withKey() });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('Bob Brown (bob)');
    expect(result.stdout).toContain('email   bob@example.com');
    expect(result.stdout).toContain('using DOCSPACE_API_KEY');
    expect(requests()).toEqual(['GET /api/2.0/people/@self']);
  });

  it('--json: the portal, "source": "env" and the profile', async () => {
    giveBobKey();
    const result = await run(['whoami', '--json'], { env: withKey() });
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toEqual({
      portal: emulator.url,
      source: 'env',
      profile: expect.objectContaining({ userName: 'bob', email: 'bob@example.com', displayName: 'Bob Brown' }),
    });
  });

  it('an unknown key exits 3 with invalid_api_key, naming the variable', async () => {
    const result = await run(['whoami'], { env: withKey(UNKNOWN_KEY) });
    expect(result.code).toBe(EXIT.refused);
    expect(result.stderr).toMatch(/rejected the API key in DOCSPACE_API_KEY/);
    expect(result.stderr).toContain('(invalid_api_key)');
    const json = await run(['whoami', '--json'], { env: withKey(UNKNOWN_KEY) });
    expect(json.code).toBe(EXIT.refused);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'invalid_api_key', exitCode: EXIT.refused });
    expect(json.stderr).toBe('');
  });

  it('a key revoked at the portal exits 3 with invalid_api_key, and is not retried', async () => {
    giveBobKey();
    expect((await run(['whoami'], { env: withKey() })).code).toBe(EXIT.ok);
    emulator.current.users.update('bob@example.com', { apiKeys: [] });
    emulator.current.clearRequests();
    const result = await run(['whoami', '--json'], { env: withKey() });
    expect(result.code).toBe(EXIT.refused);
    expect(JSON.parse(result.stdout).error.code).toBe('invalid_api_key');
    expect(requests()).toEqual(['GET /api/2.0/people/@self']);
  });
});

describe('status with DOCSPACE_API_KEY', () => {
  it('checks the key with the portal and says it uses the variable', async () => {
    giveBobKey();
    emulator.current.clearRequests();
    const result = await run(['status'], { env: withKey() });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain(
      `Signed in to ${emulator.url} as bob@example.com (Bob Brown), using DOCSPACE_API_KEY`,
    );
    expect(requests()).toEqual(['GET /api/2.0/authentication', 'GET /api/2.0/people/@self']);
  });

  it('--json: "source": "env", whose key it is, never the key', async () => {
    giveBobKey();
    const dir = freshDir();
    const result = await run(['status', '--json'], { env: withKey(BOB_KEY, dir) });
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toEqual({
      signedIn: true,
      source: 'env',
      portal: emulator.url,
      user: 'bob@example.com',
      displayName: 'Bob Brown',
      expires: null,
      apiKey: true,
      accounts: [],
    });
    expect(result.stdout).not.toContain(BOB_KEY);
    // Nothing is saved: the variable is used, not stored.
    expect(() => sessionFileText(dir)).toThrow(/ENOENT/);
  });

  it('a rejected key exits 3 with invalid_api_key, as whoami', async () => {
    const result = await run(['status'], { env: withKey(UNKNOWN_KEY) });
    expect(result.code).toBe(EXIT.refused);
    expect(result.stderr).toMatch(/^error: .*rejected the API key in DOCSPACE_API_KEY/m);
    const json = await run(['status', '--json'], { env: withKey(UNKNOWN_KEY) });
    expect(json.code).toBe(EXIT.refused);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'invalid_api_key', exitCode: EXIT.refused });
  });

  it('lists the saved accounts without checking or changing them (a dead saved token stays saved)', async () => {
    const { dir } = await aliceSignedIn();
    emulator.current.revokeTokens(); // alice's saved token no longer works
    const before = sessionFileText(dir);
    giveBobKey();
    emulator.current.clearRequests();
    const result = await run(['status', '--json'], { env: withKey(BOB_KEY, dir) });
    expect(result.code).toBe(EXIT.ok);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ signedIn: true, source: 'env', user: 'bob@example.com' });
    expect(document.accounts).toMatchObject([
      { portal: emulator.url, user: 'alice@example.com', active: true, default: true, state: 'not_checked' },
    ]);
    expect(sessionFileText(dir)).toBe(before);
    expect(requests()).toEqual(['GET /api/2.0/authentication', 'GET /api/2.0/people/@self']);
    const human = await run(['status'], { env: withKey(BOB_KEY, dir) });
    expect(human.stdout).toContain('1 saved account is not used while DOCSPACE_API_KEY is set');
  });

  it('without the variable, status --json says "source": "session"', async () => {
    const { dir } = await aliceSignedIn();
    const result = await run(['status', '--json'], { env: { DOCSPACE_AUTH_CONFIG_DIR: dir } });
    expect(JSON.parse(result.stdout)).toMatchObject({ signedIn: true, source: 'session' });
  });
});

describe('which portal', () => {
  it('no --portal, no DOCSPACE_PORTAL, no default portal: exit 2 (missing_input) naming --portal', async () => {
    const env = { DOCSPACE_AUTH_CONFIG_DIR: freshDir(), DOCSPACE_API_KEY: BOB_KEY };
    for (const command of ['token', 'whoami', 'status']) {
      const result = await run([command], { env });
      expect(result.code).toBe(EXIT.usage);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/DOCSPACE_API_KEY is set, but no portal is given or remembered \(missing_input\)/);
      expect(result.stderr).toContain('--portal URL');
      const json = await run([command, '--json'], { env });
      expect(json.code).toBe(EXIT.usage);
      expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'missing_input', exitCode: EXIT.usage });
    }
  });

  it('--portal wins over DOCSPACE_PORTAL, which wins over the default portal', async () => {
    giveBobKey();
    const { dir } = await aliceSignedIn(); // the default portal: the emulator
    const remembered = await run(['whoami', '--json'], {
      env: { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_API_KEY: BOB_KEY },
    });
    expect(JSON.parse(remembered.stdout)).toMatchObject({ portal: emulator.url, source: 'env' });
    const other = 'http://127.0.0.2:9';
    const variable = await run(['token', '--json'], {
      env: { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_API_KEY: BOB_KEY, DOCSPACE_PORTAL: other },
      allowed: [BOB_KEY],
    });
    expect(JSON.parse(variable.stdout).portal).toBe(other);
    const flag = await run(['token', '--json', '--portal', emulator.url], {
      env: { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_API_KEY: BOB_KEY, DOCSPACE_PORTAL: other },
      allowed: [BOB_KEY],
    });
    expect(JSON.parse(flag.stdout).portal).toBe(emulator.url);
  });

  it('--user with the variable is a usage error: the key decides the user', async () => {
    const { dir } = await aliceSignedIn();
    for (const command of ['token', 'whoami', 'status']) {
      const result = await run([command, '--user', 'alice'], { env: withKey(BOB_KEY, dir) });
      expect(result.code).toBe(EXIT.usage);
      expect(result.stderr).toMatch(/--user picks a saved account, and DOCSPACE_API_KEY is set/);
    }
  });

  it('plain http to another machine is refused before the key is sent (insecure_transport)', async () => {
    const env = { DOCSPACE_AUTH_CONFIG_DIR: freshDir(), DOCSPACE_API_KEY: BOB_KEY };
    for (const command of ['whoami', 'status']) {
      const result = await run([command, '--portal', 'http://10.255.255.1'], { env });
      expect(result.code).toBe(EXIT.usage);
      expect(result.stderr).toContain('(insecure_transport)');
    }
  });
});

describe('a malformed DOCSPACE_API_KEY', () => {
  it.each([
    ['not sk-', NOT_A_KEY],
    ['sk- alone', 'sk-'],
    ['two words', `sk-${NOT_A_KEY} more`],
    ['a control character', `sk-${NOT_A_KEY}\u001b[2J`],
  ])(
    '%s: exit 2 (invalid_input) from token, whoami and status, the value never echoed, nothing sent',
    async (_, value) => {
      emulator.current.clearRequests();
      for (const command of ['token', 'whoami', 'status']) {
        const result = await run([command], { env: withKey(value) });
        expect(result.code).toBe(EXIT.usage);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/DOCSPACE_API_KEY is set, but not to a DocSpace API key \(invalid_input\)/);
        expect(result.stderr).not.toContain(NOT_A_KEY);
        const json = await run([command, '--json'], { env: withKey(value) });
        expect(json.code).toBe(EXIT.usage);
        expect(JSON.parse(json.stdout).error.code).toBe('invalid_input');
        expect(json.stdout).not.toContain(NOT_A_KEY);
      }
      expect(requests()).toEqual([]);
    },
  );

  it('a blank value counts as unset: the saved session is used', async () => {
    const { dir, token } = await aliceSignedIn();
    const result = await run(['token'], {
      env: { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_API_KEY: '  \n' },
      allowed: [token],
    });
    expect(result).toEqual({ code: EXIT.ok, stdout: `${token}\n`, stderr: '' });
  });
});

describe('precedence over a saved session', () => {
  it('token, whoami and status use the key, not the saved session, and leave the session file as it was', async () => {
    const { dir, token } = await aliceSignedIn();
    const before = sessionFileText(dir);
    giveBobKey();
    const env = { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_API_KEY: BOB_KEY };
    const printed = await run(['token'], { env, allowed: [BOB_KEY] });
    expect(printed.stdout).toBe(`${BOB_KEY}\n`);
    expect(printed.stdout).not.toContain(token);
    const whoami = await run(['whoami', '--json'], { env });
    expect(JSON.parse(whoami.stdout).profile.email).toBe('bob@example.com');
    const status = await run(['status', '--json'], { env });
    expect(JSON.parse(status.stdout)).toMatchObject({ source: 'env', user: 'bob@example.com' });
    expect(sessionFileText(dir)).toBe(before);
    // Unset, the saved session is back.
    const saved = await run(['whoami', '--json'], { env: { DOCSPACE_AUTH_CONFIG_DIR: dir } });
    expect(JSON.parse(saved.stdout)).toMatchObject({ source: 'session', profile: { email: 'alice@example.com' } });
  });

  it('the key works even when the session file cannot be read (it is not needed)', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'sessions.json'), '{ not json', { mode: 0o600 });
    giveBobKey();
    const env = withKey(BOB_KEY, dir);
    expect((await run(['token'], { env, allowed: [BOB_KEY] })).code).toBe(EXIT.ok);
    expect((await run(['whoami'], { env })).code).toBe(EXIT.ok);
    const status = await run(['status', '--json'], { env });
    expect(status.code).toBe(EXIT.ok);
    expect(JSON.parse(status.stdout).accounts).toEqual([]);
    expect(status.stderr).toMatch(/warning: .*not valid JSON; the saved accounts are not listed/);
  });
});

describe('login, switch and logout with DOCSPACE_API_KEY set', () => {
  it('logout refuses (exit 2, env_api_key): the key is not ended, the saved sessions stay, nothing is sent', async () => {
    const { dir } = await aliceSignedIn();
    const before = sessionFileText(dir);
    emulator.current.clearRequests();
    const env = { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_API_KEY: BOB_KEY };
    const result = await run(['logout'], { env });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: DOCSPACE_API_KEY is set: .*signing out cannot end.*\(env_api_key\)$/m);
    expect(result.stderr).toMatch(/unset DOCSPACE_API_KEY/);
    const json = await run(['logout', '--json'], { env });
    expect(json.code).toBe(EXIT.usage);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'env_api_key', exitCode: EXIT.usage });
    expect(sessionFileText(dir)).toBe(before);
    expect(requests()).toEqual([]);
    // The saved session still works at the portal; once the variable is unset, logout signs it out.
    const after = await run(['logout'], { env: { DOCSPACE_AUTH_CONFIG_DIR: dir } });
    expect(after.code).toBe(EXIT.ok);
    expect(after.stdout).toContain('Signed out');
    expect(readSessions(dir).sessions).toEqual({});
  });

  it('logout refuses even with a malformed value, without echoing it', async () => {
    const { dir } = await aliceSignedIn();
    const result = await run(['logout'], { env: { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_API_KEY: NOT_A_KEY } });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain('(env_api_key)');
  });

  it('login with a password still signs in and saves, and notes that the key is used meanwhile', async () => {
    const dir = freshDir();
    const result = await run(['login', '--portal', emulator.url, '--user', 'alice@example.com'], {
      env: { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_PASSWORD: PASSWORDS.alice, DOCSPACE_API_KEY: BOB_KEY },
    });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain(`Signed in to ${emulator.url} as alice@example.com`);
    expect(result.stderr).toMatch(
      /^note: DOCSPACE_API_KEY is set: status, whoami and token use that key, not the session this sign-in saves/m,
    );
    expect(savedToken(dir, emulator.url, 'alice@example.com')).not.toBe(BOB_KEY);
  });

  it('switch still switches, and notes that the key is used meanwhile', async () => {
    const { dir } = await aliceSignedIn();
    const bob = await run(['login', '--portal', emulator.url, '--user', 'bob@example.com'], {
      env: { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_PASSWORD: PASSWORDS.bob, DOCSPACE_TOTP_SECRET: BOB_TOTP_SECRET },
    });
    expect(bob.code).toBe(EXIT.ok);
    savedToken(dir, emulator.url, 'bob@example.com');
    const result = await run(['switch', '--user', 'alice'], {
      env: { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_API_KEY: BOB_KEY },
    });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('Switched to alice@example.com');
    expect(result.stderr).toMatch(/^note: DOCSPACE_API_KEY is set: .*not the account switched to/m);
    const status = await run(['status', '--json'], { env: { DOCSPACE_AUTH_CONFIG_DIR: dir } });
    expect(JSON.parse(status.stdout)).toMatchObject({ source: 'session', user: 'alice@example.com' });
  });
});

describe('the key is never printed but by token', () => {
  /** Runs each command with the key set and checks that neither stream holds it. */
  async function neverPrinted(runs: { args: string[]; key: string; extra?: Record<string, string> }[]) {
    giveBobKey();
    const { dir } = await aliceSignedIn();
    for (const { args, key, extra } of runs) {
      const result = await run(args, { env: { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_API_KEY: key, ...extra } });
      expect(result.code, `docspace-auth ${args.join(' ')}`).not.toBeNull();
      expect(result.stdout, `stdout of docspace-auth ${args.join(' ')}`).not.toContain(key);
      expect(result.stderr, `stderr of docspace-auth ${args.join(' ')}`).not.toContain(key);
    }
  }

  // One test per key and command (three runs each), so that a loaded machine does not run one test out of time.
  describe.each([
    ['accepted', BOB_KEY],
    ['rejected', UNKNOWN_KEY],
  ])('a key the portal %s', (_state, key) => {
    it.each(['status', 'whoami', 'logout', 'switch'])('%s: plain, --json and DEBUG=1 hold no key', async (command) => {
      await neverPrinted([
        { args: [command], key },
        { args: [command, '--json'], key },
        { args: [command], key, extra: { DEBUG: '1' } },
      ]);
    });

    it('the portal cannot be reached: the error paths with a stack trace hold no key', async () => {
      await neverPrinted([
        { args: ['whoami', '--portal', 'http://127.0.0.1:9'], key, extra: { DEBUG: '1' } },
        { args: ['status', '--portal', 'http://127.0.0.1:9', '--json'], key, extra: { DEBUG: '1' } },
      ]);
    });
  });

  it('login with a password while the key is set holds no key', async () => {
    await neverPrinted([
      {
        args: ['login', '--portal', emulator.url, '--user', 'alice@example.com'],
        key: BOB_KEY,
        extra: { DOCSPACE_PASSWORD: PASSWORDS.alice, DEBUG: '1' },
      },
    ]);
  });

  it('token prints it on stdout only, never on stderr (also with DEBUG=1 and a plain-http warning)', async () => {
    const result = await run(['token', '--portal', 'http://10.255.255.1'], {
      env: { DOCSPACE_AUTH_CONFIG_DIR: freshDir(), DOCSPACE_API_KEY: BOB_KEY, DEBUG: '1' },
      allowed: [BOB_KEY],
    });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toBe(`${BOB_KEY}\n`);
    expect(result.stderr).toMatch(/warning: http:\/\/10\.255\.255\.1 is plain http/);
    expect(result.stderr).not.toContain(BOB_KEY);
  });
});
