// After a sign-in: status, whoami, token and logout, with the remembered portal, --json, and the token refused once
// the session ends (logout, or "log out all" at the portal).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BOB_TOTP_SECRET } from '@docspace/emulator';
import { describe, expect, it } from 'vitest';
import {
  CLI,
  closedPort,
  EXIT,
  leaks,
  PASSWORDS,
  readSessions,
  run,
  savedToken,
  tempConfigDir,
} from './support/cli.js';
import { selfWith, useEmulator } from './support/emulator.js';

leaks.secret(BOB_TOTP_SECRET, "bob's TOTP secret");
const emulator = useEmulator();
const base = tempConfigDir();
let dirs = 0;

/** A fresh config folder with alice signed in; the commands then need no --portal. */
async function signedIn(user: 'alice' | 'bob' = 'alice') {
  const dir = join(base, String(++dirs));
  const env = { DOCSPACE_AUTH_CONFIG_DIR: dir };
  const result = await run(['login', '--portal', emulator.url, '--user', `${user}@example.com`], {
    env: {
      ...env,
      DOCSPACE_PASSWORD: PASSWORDS[user],
      ...(user === 'bob' ? { DOCSPACE_TOTP_SECRET: BOB_TOTP_SECRET } : {}),
    },
  });
  expect(result.code).toBe(EXIT.ok);
  const token = savedToken(dir, emulator.url, `${user}@example.com`);
  return { dir, env, token };
}

const notSignedInDir = () => ({ DOCSPACE_AUTH_CONFIG_DIR: join(base, `empty-${++dirs}`) });

describe('status', () => {
  it('signed in: portal, user, expiry; checked with the portal', async () => {
    const { env } = await signedIn();
    emulator.current.clearRequests();
    const result = await run(['status'], { env });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain(`Signed in to ${emulator.url} as alice@example.com`);
    expect(result.stdout).toMatch(
      /token valid until \d{4}-\d\d-\d\dT[\d:]+Z \(in 36[45] days\); the portal accepts it/,
    );
    expect(emulator.current.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/2.0/authentication']);
  });

  it('--json', async () => {
    const { env, dir } = await signedIn();
    const result = await run(['status', '--json'], { env });
    expect(result.code).toBe(EXIT.ok);
    const expires = readSessions(dir).sessions[`docspace-auth:${emulator.url}`]?.expires;
    expect(JSON.parse(result.stdout)).toEqual({
      signedIn: true,
      source: 'session',
      portal: emulator.url,
      user: 'alice@example.com',
      expires,
      accounts: [
        {
          portal: emulator.url,
          user: 'alice@example.com',
          id: expect.any(String),
          userName: 'alice',
          email: 'alice@example.com',
          displayName: 'Alice Anderson',
          active: true,
          default: true,
          expires,
          state: 'accepted',
        },
      ],
    });
  });

  it('never signed in: exit 4', async () => {
    const result = await run(['status'], { env: notSignedInDir() });
    expect(result.code).toBe(EXIT.notSignedIn);
    expect(result.stdout).toMatch(/Not signed in: no portal given and none remembered/);
    const json = await run(['status', '--json', '--portal', emulator.url], { env: notSignedInDir() });
    expect(json.code).toBe(EXIT.notSignedIn);
    expect(JSON.parse(json.stdout)).toEqual({
      signedIn: false,
      source: 'session',
      portal: emulator.url,
      user: null,
      reason: 'no_session',
      accounts: [],
    });
  });

  it('after the portal revoked the token ("log out all"): exit 4, and the dead token is forgotten', async () => {
    const { env, dir } = await signedIn();
    emulator.current.revokeTokens();
    const result = await run(['status', '--json'], { env });
    expect(result.code).toBe(EXIT.notSignedIn);
    expect(JSON.parse(result.stdout)).toMatchObject({
      signedIn: false,
      portal: emulator.url,
      user: 'alice@example.com',
      reason: 'rejected',
    });
    expect(JSON.parse(result.stdout).accounts).toMatchObject([
      { user: 'alice@example.com', state: 'rejected', active: false },
    ]);
    expect(readSessions(dir).sessions).toEqual({});
    expect((await run(['status'], { env })).stdout).toMatch(/Not signed in to .*: no saved session/);
  });

  it('portal unreachable: exit 6', async () => {
    const { env } = await signedIn();
    const result = await run(['status', '--portal', `http://127.0.0.1:${await closedPort()}`], { env });
    // A portal without a saved session needs no network to say so.
    expect(result.code).toBe(EXIT.notSignedIn);
    const sessions = readSessions(env.DOCSPACE_AUTH_CONFIG_DIR);
    const port = await closedPort();
    const moved = Object.fromEntries(
      Object.entries(sessions.sessions).map(([key, s]) => [
        key.replace(emulator.url, `http://127.0.0.1:${port}`),
        { ...s, portal: `http://127.0.0.1:${port}` },
      ]),
    );
    writeFileSync(
      join(env.DOCSPACE_AUTH_CONFIG_DIR, 'sessions.json'),
      JSON.stringify({ ...sessions, sessions: moved }),
    );
    const offline = await run(['status', '--portal', `http://127.0.0.1:${port}`, '--json'], { env });
    expect(offline.code).toBe(EXIT.network);
    expect(JSON.parse(offline.stdout).error).toMatchObject({ code: 'network', exitCode: 6 });
  });
});

describe('whoami', () => {
  it('the profile from people/@self', async () => {
    const { env } = await signedIn();
    const result = await run(['whoami'], { env });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('Alice Anderson (alice)');
    expect(result.stdout).toMatch(/email\s+alice@example\.com/);
    expect(result.stdout).toMatch(/admin\s+yes/);
  });

  it('--json', async () => {
    const { env } = await signedIn('bob');
    const result = await run(['whoami', '--json'], { env });
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toEqual({
      portal: emulator.url,
      source: 'session',
      profile: {
        id: 'b0b00000-0000-4000-8000-000000000002',
        userName: 'bob',
        email: 'bob@example.com',
        displayName: 'Bob Brown',
        firstName: 'Bob',
        lastName: 'Brown',
        isAdmin: false,
        status: 1,
      },
    });
  });

  it('not signed in, or a revoked token: exit 4', async () => {
    expect((await run(['whoami', '--portal', emulator.url], { env: notSignedInDir() })).code).toBe(EXIT.notSignedIn);
    const { env } = await signedIn();
    emulator.current.revokeTokens();
    const result = await run(['whoami', '--json'], { env });
    expect(result.code).toBe(EXIT.notSignedIn);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'session_expired', exitCode: 4 });
  });
});

describe('token', () => {
  it('prints only the token and a newline; it works as an Authorization header', async () => {
    const { env, token } = await signedIn();
    const result = await run(['token'], { env, allowed: [token] });
    expect(result).toEqual({ code: EXIT.ok, stdout: `${token}\n`, stderr: '' });
    const self = await selfWith(emulator.url, result.stdout.trim());
    expect(self.status).toBe(200);
    expect(self.body).toMatchObject({ response: { email: 'alice@example.com' } });
  });

  it('starts without loading any package: the session format and error class it needs are bundled', async () => {
    // What `docspace-auth token` loads decides how fast it starts (the budget: 1.3× `node -e 0`, in \`pnpm bench\`).
    // Resolving and loading a package from node_modules costs about a tenth of that; the fast path has none.
    const { env, token } = await signedIn();
    const loaded = join(base, `loaded-${++dirs}.txt`);
    const recorder = join(base, `record-${dirs}.cjs`);
    writeFileSync(
      recorder,
      `const Module = require('node:module'); const fs = require('node:fs'); const seen = new Set();
       const load = Module._load; Module._load = function (request, parent, isMain) {
         const result = load.apply(this, arguments);
         try { seen.add(Module._resolveFilename(request, parent, isMain)); } catch {}
         return result; };
       process.on('exit', () => fs.writeFileSync(${JSON.stringify(loaded)}, [...seen].join('\\n')));`,
    );
    const result = spawnSync(process.execPath, ['--require', recorder, CLI, 'token'], {
      env: { PATH: process.env.PATH, HOME: base, ...env },
      encoding: 'utf8',
    });
    leaks.output('docspace-auth token (module record)', `${result.stdout}\n${result.stderr}`, [token]);
    expect(result.stdout).toBe(`${token}\n`);
    const files = readFileSync(loaded, 'utf8').split('\n');
    const dist = dirname(CLI);
    expect(files.some((file) => file.startsWith(dist))).toBe(true);
    expect(files.filter((file) => !file.startsWith('node:') && !file.startsWith(dist))).toEqual([]);
  });

  it('--json', async () => {
    const { env, token, dir } = await signedIn();
    const result = await run(['token', '--json'], { env, allowed: [token] });
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toEqual({
      token,
      portal: emulator.url,
      user: 'alice@example.com',
      expires: readSessions(dir).sessions[`docspace-auth:${emulator.url}`]?.expires,
      source: 'session',
    });
  });

  it('picks the session by --user, DOCSPACE_USER or --portal', async () => {
    const { env, dir, token: alice } = await signedIn();
    const code = emulator.current.totp('bob');
    leaks.secret(code, "bob's code");
    const login = await run(['login', '--user', 'bob@example.com', '--code', code], {
      env: { ...env, DOCSPACE_PORTAL: emulator.url, DOCSPACE_PASSWORD: PASSWORDS.bob },
    });
    expect(login.code).toBe(EXIT.ok);
    const bob = savedToken(dir, emulator.url, 'bob@example.com');
    const allowed = [alice, bob];
    expect((await run(['token'], { env, allowed })).stdout).toBe(`${bob}\n`); // the latest
    expect((await run(['token', '--user', 'alice@example.com'], { env, allowed })).stdout).toBe(`${alice}\n`);
    expect((await run(['token'], { env: { ...env, DOCSPACE_USER: 'Alice@Example.com' }, allowed })).stdout).toBe(
      `${alice}\n`,
    );
    expect((await run(['token', '--portal', `${emulator.url}/`], { env, allowed })).stdout).toBe(`${bob}\n`);
    const other = await run(['token', '--portal', 'https://other.example.com'], { env, allowed });
    expect(other.code).toBe(EXIT.notSignedIn);
    expect(other.stderr).toMatch(/not signed in to https:\/\/other\.example\.com \(not_signed_in\)/);
  });

  it('not signed in: exit 4 and nothing on stdout', async () => {
    const result = await run(['token', '--portal', emulator.url], { env: notSignedInDir() });
    expect(result.code).toBe(EXIT.notSignedIn);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/not signed in to .* \(not_signed_in\)/);
  });

  it('an expired session: exit 4', async () => {
    const { env, dir } = await signedIn();
    const file = readSessions(dir);
    for (const session of Object.values(file.sessions)) session.expires = '2001-01-01T00:00:00.000Z';
    writeFileSync(join(dir, 'sessions.json'), JSON.stringify(file));
    const result = await run(['token', '--json'], { env });
    expect(result.code).toBe(EXIT.notSignedIn);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'session_expired' });
  });

  it('reads the session file without loading any package: the SDK format it uses is bundled', async () => {
    const { env, token } = await signedIn();
    // A preload that lists, at exit, every module loaded with require() (the command is CommonJS; `token` imports
    // nothing with import()). A package loaded from node_modules would cost start-up time on every `token`.
    const dir = mkdtempSync(join(tmpdir(), 'docspace-auth-modules-'));
    const preload = join(dir, 'list-modules.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'loaded.json'))}, JSON.stringify(Object.keys(require.cache))));`,
    );
    const child = spawnSync(process.execPath, ['--require', preload, CLI, 'token'], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
    });
    leaks.secret(token, 'the saved token');
    expect(child.status).toBe(EXIT.ok);
    expect(child.stdout).toBe(`${token}\n`);
    const loaded = JSON.parse(readFileSync(join(dir, 'loaded.json'), 'utf8')) as string[];
    rmSync(dir, { recursive: true, force: true });
    expect(loaded.some((path) => path.endsWith('cli.cjs'))).toBe(true);
    expect(loaded.filter((path) => /[\\/]node_modules[\\/]|[\\/]auth-helpers[\\/]/.test(path))).toEqual([]);
  });

  it('a session file that is not ours: exit 1 with the reason', async () => {
    const { env, dir } = await signedIn();
    writeFileSync(join(dir, 'sessions.json'), '{"something": "else"}');
    const result = await run(['token'], { env });
    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toMatch(/is not a docspace-auth\/sessions version 1 file \(store_unreadable\)/);
  });
});

describe('logout', () => {
  it('the portal revokes the token and the file forgets it; status then exits 4', async () => {
    const { env, dir, token } = await signedIn();
    const result = await run(['logout'], { env });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain(`Signed out of ${emulator.url} (alice@example.com)`);
    expect((await selfWith(emulator.url, token)).status).toBe(401);
    expect(readSessions(dir).sessions).toEqual({});
    expect((await run(['status'], { env })).code).toBe(EXIT.notSignedIn);
    expect((await run(['token'], { env })).code).toBe(EXIT.notSignedIn);
  });

  it('--json', async () => {
    const { env, token } = await signedIn();
    const result = await run(['logout', '--json'], { env });
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toEqual({
      signedOut: true,
      portal: emulator.url,
      user: 'alice@example.com',
      active: null,
    });
    expect((await selfWith(emulator.url, token)).status).toBe(401);
  });

  it('not signed in: exit 4', async () => {
    const result = await run(['logout', '--portal', emulator.url, '--json'], { env: notSignedInDir() });
    expect(result.code).toBe(EXIT.notSignedIn);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'not_signed_in', exitCode: 4 });
  });
});
