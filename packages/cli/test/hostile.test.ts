// The command on a hostile day: a portal that sends terminal escape sequences, a session file that cannot be saved
// or that another user planted, and an empty or relative HOME.
import { once } from 'node:events';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, PASSWORDS, run, tempConfigDir } from './support/cli.js';
import { useEmulator } from './support/emulator.js';

const emulator = useEmulator();
const base = tempConfigDir();
let dirs = 0;
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

const ESCAPES = '\u001b]0;owned\u0007\u001b[2J\u001b[31mred\r\u009b';

/**
 * A portal that is the emulator, except that a sign-in is refused with a message full of escape sequences
 * (`refuse`), or that the profile's names hold them (`profile`).
 */
async function hostilePortal(mode: 'refuse' | 'profile' = 'refuse'): Promise<string> {
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (mode === 'refuse' && req.method === 'POST' && req.url === '/api/2.0/authentication') {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      return res.end(
        JSON.stringify({ error: { message: `bad password ${ESCAPES} indeed` }, status: 1, statusCode: 401 }),
      );
    }
    const answer = await fetch(`${emulator.url}${req.url}`, {
      method: req.method ?? 'GET',
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host'),
      ) as Record<string, string>,
      ...(body ? { body } : {}),
    });
    const headers = Object.fromEntries(
      [...answer.headers].filter(([name]) => name !== 'content-length' && name !== 'content-encoding'),
    );
    let bytes = Buffer.from(await answer.arrayBuffer());
    if (mode === 'profile' && req.url === '/api/2.0/people/@self' && answer.ok) {
      const json = JSON.parse(bytes.toString('utf8')) as { response: Record<string, unknown> };
      json.response.displayName = `Alice ${ESCAPES} Smith`;
      json.response.email = `alice${ESCAPES}@example.com`;
      bytes = Buffer.from(JSON.stringify(json));
    }
    res.writeHead(answer.status, headers);
    res.end(bytes);
  });
  servers.push(server.listen(0, '127.0.0.1'));
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('what a portal sends is printed without control characters', () => {
  it('"the portal said: ..." carries no escape sequence, bell or carriage return', async () => {
    const portal = await hostilePortal();
    const env = { DOCSPACE_AUTH_CONFIG_DIR: join(base, String(++dirs)), DOCSPACE_PASSWORD: PASSWORDS.alice };
    const result = await run(['login', '--portal', portal, '--user', 'alice@example.com'], { env });
    expect(result.code).toBe(EXIT.refused);
    expect(result.stderr).toContain('the portal said: bad password ]0;owned[2J[31mred indeed');
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('a profile whose names hold escape sequences is shown without them (whoami, status)', async () => {
    const portal = await hostilePortal('profile');
    const env = { DOCSPACE_AUTH_CONFIG_DIR: join(base, String(++dirs)), DOCSPACE_PASSWORD: PASSWORDS.alice };
    const login = await run(['login', '--portal', portal, '--user', 'alice@example.com'], { env });
    expect(login.code).toBe(EXIT.ok);
    expect(`${login.stdout}${login.stderr}`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    for (const command of [['whoami'], ['status'], ['whoami', '--json']]) {
      const result = await run(command, { env });
      expect(result.code).toBe(EXIT.ok);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    expect((await run(['whoami'], { env })).stdout).toContain('Alice ]0;owned[2J[31mred Smith');
  });
});

describe('a session file that cannot be saved', () => {
  it('the new token is revoked at the portal, and the command fails with store_failed', async () => {
    const dir = join(base, String(++dirs));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, 'sessions.json');
    writeFileSync(file, JSON.stringify({ format: 'docspace-auth/sessions', version: 1, sessions: {} }));
    chmodSync(file, 0o666); // others can write it: the store refuses to use it
    emulator.current.clearRequests();
    const env = { DOCSPACE_AUTH_CONFIG_DIR: dir, DOCSPACE_PASSWORD: PASSWORDS.alice };
    const result = await run(['login', '--portal', emulator.url, '--user', 'alice@example.com'], { env });
    expect(result.code).not.toBe(EXIT.ok);
    expect(result.stderr).toMatch(/store_failed/);
    expect(result.stderr).toMatch(/writable by other users/);
    expect(result.stderr).toMatch(/the new token was revoked at the portal/);
    const requests = emulator.current.requests;
    const signIns = requests.filter(
      (r) => r.method === 'POST' && r.path === '/api/2.0/authentication' && r.status === 200,
    );
    const logouts = requests.filter(
      (r) => r.method === 'POST' && r.path === '/api/2.0/authentication/logout' && r.status === 200,
    );
    expect(signIns).toHaveLength(1);
    expect(logouts).toHaveLength(1);
  });

  it('a session file another user owns is not read by `token`', async () => {
    const dir = join(base, String(++dirs));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, 'sessions.json');
    const planted = 'planted-token-of-someone-else';
    const stored = {
      token: planted,
      expires: null,
      userName: 'alice@example.com',
      portal: emulator.url,
      obtainedAt: new Date().toISOString(),
    };
    writeFileSync(
      file,
      JSON.stringify({
        format: 'docspace-auth/sessions',
        version: 1,
        sessions: { [`docspace-auth:${emulator.url}`]: stored },
      }),
      { mode: 0o600 },
    );
    chownSync(file, 54_321, 54_321);
    const result = await run(['token', '--portal', emulator.url], { env: { DOCSPACE_AUTH_CONFIG_DIR: dir } });
    expect(result.code).toBe(EXIT.error);
    expect(result.stdout).not.toContain(planted);
    expect(result.stderr).toMatch(/belongs to another user/);
  });
});

describe('HOME', () => {
  it.each([
    ['empty', ''],
    ['relative', 'some/relative/home'],
  ])('%s HOME is refused, never used as a folder under the current one', async (_what, home) => {
    const result = await run(['token', '--portal', emulator.url], { env: { HOME: home, XDG_CONFIG_HOME: undefined } });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/HOME/);
    expect(result.stderr).toMatch(/--config-dir/);
  });
});
