// Portals as people type them, in a real pseudo-terminal: a bare host means https (an https front with a certificate
// made for this run), plain http to another machine is refused until --insecure-http (then a warning on every use),
// and the address is checked before any credential is asked: a page of a portal, a site that is not DocSpace and a
// host that does not answer each get their own message.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, EXIT, PASSWORDS, readSessions, run, savedToken, tempConfigDir } from './support/cli.js';
import { selfWith, useEmulator } from './support/emulator.js';
import { inTerminal } from './support/pty.js';
import { type HttpsFront, httpsFront, notDocSpace } from './support/servers.js';

const emulator = useEmulator();
const base = tempConfigDir();
let dirs = 0;
const freshEnv = () => ({ DOCSPACE_AUTH_CONFIG_DIR: join(base, String(++dirs)) });
let front: HttpsFront;
beforeAll(async () => {
  front = await httpsFront(emulator.url);
});
afterAll(() => front.close());

/**
 * The emulator through an address the SDK does not count as this machine (its rule: 127/8, ::1, localhost), while
 * the connection stays on loopback: 0.0.0.0 reaches the 127.0.0.1 socket, and no packet leaves the machine.
 */
const remoteHttp = () => emulator.url.replace('127.0.0.1', '0.0.0.0');

describe('portal addresses', () => {
  it('a bare host means https://', async () => {
    const env = { ...freshEnv(), NODE_EXTRA_CA_CERTS: front.caFile };
    const term = inTerminal(['login', '--user', 'alice@example.com'], { env });
    await term.expect(/Portal address/);
    term.type(`${front.host}\r`);
    await term.expect(/◆\s+Password for alice@example\.com/);
    term.type(`${PASSWORDS.alice}\r`);
    await term.expect(new RegExp(`Signed in to https://${front.host} as alice@example\\.com`));
    expect(await term.exited).toBe(EXIT.ok);
    const token = savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, `https://${front.host}`, 'alice@example.com');
    expect((await selfWith(emulator.url, token)).status).toBe(200);
    // --portal takes the bare host too, and the other commands find the session by it.
    const status = await run(['status', '--portal', front.host], { env });
    expect(status.code).toBe(EXIT.ok);
    expect(status.stdout).toContain(`Signed in to https://${front.host} as alice@example.com`);
  });

  it('plain http to another machine: refused before anything is asked, then allowed with --insecure-http and a warning on every use', async () => {
    const env = freshEnv();
    const portal = remoteHttp();
    const refused = inTerminal(['login', '--portal', portal, '--user', 'alice@example.com'], { env });
    await refused.expect(/is plain http to another machine.*\(insecure_transport\)/);
    await refused.expect(/add --insecure-http/);
    expect(await refused.exited).toBe(EXIT.usage);
    expect(refused.output).not.toMatch(/Password for/);
    expect(emulator.current.requests).toHaveLength(0);

    const allowed = inTerminal(['login', '--portal', portal, '--user', 'alice@example.com', '--insecure-http'], {
      env,
    });
    await allowed.expect(
      new RegExp(`warning: ${esc(portal)} is plain http: the token crosses the network unencrypted`),
    );
    await allowed.expect(/◆\s+Password for alice@example\.com/);
    allowed.type(`${PASSWORDS.alice}\r`);
    await allowed.expect(/Signed in to/);
    expect(await allowed.exited).toBe(EXIT.ok);
    savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, portal, 'alice@example.com');

    // Remembered for that portal: no flag needed, the warning every time.
    for (const command of ['status', 'whoami', 'token']) {
      const result = await run([command], {
        env,
        allowed: command === 'token' ? [savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, portal, 'alice@example.com')] : [],
      });
      expect(result.code, command).toBe(EXIT.ok);
      expect(result.stderr, command).toMatch(/is plain http: the token crosses the network unencrypted/);
    }
  });

  it.each([
    ['a page of the portal', '/rooms/shared'],
    ['the API path', '/api/2.0'],
  ])('%s: says where the portal is, before asking anything', async (_what, path) => {
    const term = inTerminal(['login', '--portal', `${emulator.url}${path}`], { env: freshEnv() });
    await term.expect(
      new RegExp(
        `${esc(emulator.url + path)} is not the portal's address: the portal is at ${esc(emulator.url)} \\(wrong_portal_path\\)`,
      ),
    );
    await term.expect(new RegExp(`give --portal ${esc(emulator.url)}`));
    expect(await term.exited).toBe(EXIT.usage);
    expect(term.output).not.toMatch(/User name|Password/);
  });

  it('a site that is not DocSpace, and a host that does not answer, before anything is asked', async () => {
    const site = await notDocSpace();
    try {
      const term = inTerminal(['login', '--portal', site.url], { env: freshEnv() });
      await term.expect(/answered, but not as an ONLYOFFICE DocSpace portal \(HTTP 200, text\/html\) \(not_docspace\)/);
      expect(await term.exited).toBe(EXIT.usage);
      expect(term.output).not.toMatch(/User name|Password/);
    } finally {
      await site.close();
    }
    const port = await closedPort();
    const down = inTerminal(['login', '--portal', `http://127.0.0.1:${port}`], { env: freshEnv() });
    await down.expect(/could not be reached: connection refused \(nothing listens on that port\) \(network\)/);
    expect(await down.exited).toBe(EXIT.network);
    expect(down.output).not.toMatch(/User name|Password/);
  });
});

describe('scripts', () => {
  it('--password-stdin, and the remembered portal without a terminal', async () => {
    const env = freshEnv();
    const first = await run(['login', '--portal', emulator.url, '--user', 'alice@example.com', '--password-stdin'], {
      env,
      input: `${PASSWORDS.alice}\n`,
    });
    expect(first.code).toBe(EXIT.ok);
    const again = await run(['login', '--user', 'alice@example.com'], {
      env: { ...env, DOCSPACE_PASSWORD: PASSWORDS.alice },
    });
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout).toContain(`Signed in to ${emulator.url} as alice@example.com`);
    expect(Object.keys(readSessions(env.DOCSPACE_AUTH_CONFIG_DIR).sessions)).toHaveLength(2);
  });

  it('--password points at DOCSPACE_PASSWORD and --password-stdin, without repeating the value', async () => {
    for (const args of [['--password', 'hunter2-secret'], ['--password=hunter2-secret']]) {
      const result = await run(['login', '--portal', emulator.url, ...args], { env: freshEnv() });
      expect(result.code).toBe(EXIT.usage);
      expect(result.stderr).toMatch(/there is no --password option/);
      expect(result.stderr).toMatch(/set DOCSPACE_PASSWORD, or pipe it in with --password-stdin/);
      expect(result.stderr).not.toContain('hunter2');
    }
  });
});

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
