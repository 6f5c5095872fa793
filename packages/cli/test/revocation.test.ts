// Tokens are revoked, not just forgotten: a logout while the portal is unreachable keeps the token marked for
// revocation, and the next successful contact revokes it. The portal goes down and comes back on the same port
// (a TCP relay in front of the emulator, which keeps its tokens meanwhile).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, PASSWORDS, readSessions, run, savedToken, tempConfigDir } from './support/cli.js';
import { selfWith, useEmulator } from './support/emulator.js';
import { inTerminal } from './support/pty.js';
import { type Relay, relay } from './support/servers.js';

const emulator = useEmulator();
const base = tempConfigDir();
let dirs = 0;
let portal: Relay | undefined;
afterEach(() => portal?.close());

describe('revocation', () => {
  it('an offline logout keeps the token marked for revocation; the next contact revokes it', async () => {
    portal = await relay(emulator.url);
    const env = { DOCSPACE_AUTH_CONFIG_DIR: join(base, String(++dirs)) };
    const signIn = (user: 'alice' | 'bob', extra: Record<string, string> = {}) =>
      run(['login', '--portal', portal!.url, '--user', `${user}@example.com`], {
        env: { ...env, DOCSPACE_PASSWORD: PASSWORDS[user], ...extra },
      });
    expect((await signIn('alice')).code).toBe(EXIT.ok);
    const token = savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, portal.url, 'alice@example.com');

    await portal.down();
    const logout = inTerminal(['logout'], { env });
    await logout.expect(
      /could not be reached: the token was removed from this machine and is kept marked for revocation/,
    );
    expect(await logout.exited).toBe(EXIT.network);
    const file = readSessions(env.DOCSPACE_AUTH_CONFIG_DIR) as ReturnType<typeof readSessions> & {
      revocations?: { portal: string; userName: string }[];
    };
    expect(file.sessions).toEqual({});
    expect(file.revocations).toMatchObject([{ portal: portal.url, userName: 'alice@example.com' }]);
    expect((await selfWith(emulator.url, token)).status).toBe(200); // not revoked yet: the portal never heard of it
    expect((await run(['token'], { env })).code).toBe(EXIT.notSignedIn);

    // Still down: status says so and keeps the token on the list.
    expect((await run(['status', '--portal', portal.url], { env })).code).toBe(EXIT.notSignedIn);
    expect((readSessions(env.DOCSPACE_AUTH_CONFIG_DIR) as { revocations?: unknown[] }).revocations).toHaveLength(1);

    await portal.up();
    const status = await run(['status'], { env });
    expect(status.stderr).toMatch(
      /Revoked the token of alice@example\.com left over from a sign-out while .* could not be reached/,
    );
    expect((await selfWith(emulator.url, token)).status).toBe(401);
    expect(readSessions(env.DOCSPACE_AUTH_CONFIG_DIR)).not.toHaveProperty('revocations');
  });

  it('a sign-in whose replaced token cannot be revoked keeps it for later; login also revokes what is left', async () => {
    portal = await relay(emulator.url);
    const env = { DOCSPACE_AUTH_CONFIG_DIR: join(base, String(++dirs)) };
    const login = () =>
      run(['login', '--portal', portal!.url, '--user', 'alice@example.com'], {
        env: { ...env, DOCSPACE_PASSWORD: PASSWORDS.alice },
      });
    expect((await login()).code).toBe(EXIT.ok);
    const first = savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, portal.url, 'alice@example.com');
    await portal.down();
    const offline = await run(['logout'], { env });
    expect(offline.code).toBe(EXIT.network);
    await portal.up();
    // The next contact is a sign-in: it revokes the token left over.
    const again = await login();
    expect(again.code).toBe(EXIT.ok);
    expect(again.stderr).toMatch(/Revoked the token of alice@example\.com/);
    expect((await selfWith(emulator.url, first)).status).toBe(401);
    expect(
      (await selfWith(emulator.url, savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, portal.url, 'alice@example.com'))).status,
    ).toBe(200);
  });
});
