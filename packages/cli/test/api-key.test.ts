// `docspace-auth login --with-api-key`: the key from standard input or DOCSPACE_API_KEY, checked with the portal,
// saved like a session in the SDK's session-file format; the other commands then use it; it is never printed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, leaks, readSessions, run, tempConfigDir } from './support/cli.js';
import { useEmulator } from './support/emulator.js';

const emulator = useEmulator();
const base = tempConfigDir();
let dirs = 0;
const freshEnv = () => ({ DOCSPACE_AUTH_CONFIG_DIR: join(base, String(++dirs)) });
const KEY = 'sk-alice-demo-key';
leaks.secret(KEY, 'the API key');
leaks.secret('sk-not-a-known-key', 'the unknown API key');

describe('login --with-api-key', () => {
  it('reads the key from standard input, saves it as the portal’s active session, and whoami/status use it', async () => {
    const env = freshEnv();
    const login = await run(['login', '--with-api-key', '--portal', emulator.url], { env, input: `${KEY}\n` });
    expect(login.code).toBe(EXIT.ok);
    expect(login.stdout).toContain(`Signed in to ${emulator.url} as alice@example.com`);
    expect(login.stdout).toContain('with an API key');
    const file = readSessions(env.DOCSPACE_AUTH_CONFIG_DIR);
    expect(file.format).toBe('docspace-auth/sessions');
    const saved = file.sessions[`docspace-auth:${emulator.url}:alice@example.com`];
    expect(saved).toMatchObject({ token: KEY, expires: null, userName: 'alice@example.com', portal: emulator.url });
    expect(file.sessions[`docspace-auth:${emulator.url}`]).toEqual(saved);
    const whoami = await run(['whoami', '--json'], { env });
    expect(whoami.code).toBe(EXIT.ok);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ portal: emulator.url, profile: { email: 'alice@example.com' } });
    const signIns = emulator.current.requests.filter(
      (r) => r.method === 'POST' && r.path === '/api/2.0/authentication',
    );
    expect(signIns).toHaveLength(0);
  });

  it('takes DOCSPACE_API_KEY, and --json says so without the key', async () => {
    const env = { ...freshEnv(), DOCSPACE_API_KEY: KEY, DOCSPACE_PORTAL: emulator.url };
    const login = await run(['login', '--with-api-key', '--json'], { env });
    expect(login.code).toBe(EXIT.ok);
    expect(JSON.parse(login.stdout)).toEqual({
      signedIn: true,
      portal: emulator.url,
      user: 'alice@example.com',
      displayName: 'Alice Anderson',
      expires: null,
      apiKey: true,
    });
  });

  it('a key the portal rejects exits 3 (refused) with invalid_api_key, and nothing is saved', async () => {
    const env = freshEnv();
    const login = await run(['login', '--with-api-key', '--portal', emulator.url], {
      env,
      input: 'sk-not-a-known-key\n',
    });
    expect(login.code).toBe(EXIT.refused);
    expect(login.stderr).toMatch(/rejected the API key/);
    expect(() => readSessions(env.DOCSPACE_AUTH_CONFIG_DIR)).toThrow();
  });

  it('refuses a value that is not a key, an empty input, and --password-stdin with it', async () => {
    const notAKey = await run(['login', '--with-api-key', '--portal', emulator.url], {
      env: freshEnv(),
      input: 'alice-password\n',
    });
    expect(notAKey.code).toBe(EXIT.usage);
    expect(notAKey.stderr).toMatch(/API key/);
    const empty = await run(['login', '--with-api-key', '--portal', emulator.url], { env: freshEnv(), input: '\n' });
    expect(empty.code).toBe(EXIT.usage);
    expect(empty.stderr).toMatch(/DOCSPACE_API_KEY/);
    const both = await run(['login', '--with-api-key', '--password-stdin', '--portal', emulator.url], {
      env: freshEnv(),
      input: `${KEY}\n`,
    });
    expect(both.code).toBe(EXIT.usage);
  });
});
