// Several accounts, as `gh auth` has them, in a real pseudo-terminal: two accounts on one portal and one on another,
// the list (`status`), `switch` by user name, e-mail or display name, and `logout` of the active account making the
// next one active.
import { BOB_TOTP_SECRET, type Emulator, startEmulator } from '@docspace/emulator';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, leaks, PASSWORDS, readSessions, run, savedToken, tempConfigDir } from './support/cli.js';
import { selfWith, useEmulator } from './support/emulator.js';
import { inTerminal } from './support/pty.js';

leaks.secret(BOB_TOTP_SECRET, "bob's TOTP secret");
const first = useEmulator();
let second: Emulator;
beforeAll(async () => {
  second = await startEmulator();
});
afterAll(() => second.close());
const base = tempConfigDir();
let dirs = 0;

/** Signs in at a terminal: the password typed at the hidden prompt. */
async function loginAt(
  env: Record<string, string>,
  portal: string,
  user: string,
  password: string,
  extra: Record<string, string> = {},
) {
  const term = inTerminal(['login', '--portal', portal, '--user', user], { env: { ...env, ...extra } });
  await term.expect(/◆\s+Password for/);
  term.type(`${password}\r`);
  await term.expect(/Signed in to/);
  expect(await term.exited).toBe(EXIT.ok);
  return term;
}

describe('accounts', () => {
  it('two accounts on one portal and one on another: list, switch, logout of the active one', async () => {
    const env = { DOCSPACE_AUTH_CONFIG_DIR: join(base, String(++dirs)) };
    const a = first.url;
    const b = second.url;
    await loginAt(env, a, 'alice@example.com', PASSWORDS.alice);
    await loginAt(env, a, 'bob@example.com', PASSWORDS.bob, { DOCSPACE_TOTP_SECRET: BOB_TOTP_SECRET });
    const signedInB = await loginAt(env, b, 'alice@example.com', PASSWORDS.alice);
    expect(signedInB.output).toMatch(/Signed in to .* as alice@example\.com \(Alice Anderson\)/);
    const tokens = {
      aliceA: savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, a, 'alice@example.com'),
      bobA: savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, a, 'bob@example.com'),
      aliceB: savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, b, 'alice@example.com'),
    };

    // The list: every account per portal, the active ones marked, the default portal (the last sign-in's) named.
    const status = inTerminal(['status'], { env: { ...env, NO_COLOR: '1' } });
    expect(await status.exited).toBe(EXIT.ok);
    expect(status.output).toMatch(new RegExp(`✓ Signed in to ${esc(b)} as alice@example\\.com\\n`));
    expect(status.output).toMatch(
      new RegExp(
        `${esc(a)}\\n\\s+ alice@example\\.com \\(Alice Anderson\\)  the portal accepts it\\n\\s+\\* bob@example\\.com \\(Bob Brown\\)  the portal accepts it\\n` +
          `\\s+${esc(b)} \\(default\\)\\n\\s+\\* alice@example\\.com \\(Alice Anderson\\)  the portal accepts it`,
      ),
    );
    const json = await run(['status', '--json'], { env });
    expect(
      JSON.parse(json.stdout).accounts.map((x: { portal: string; user: string; active: boolean; default: boolean }) => [
        x.portal,
        x.user,
        x.active,
        x.default,
      ]),
    ).toEqual([
      [a, 'alice@example.com', false, false],
      [a, 'bob@example.com', true, false],
      [b, 'alice@example.com', true, true],
    ]);

    // switch by display name (alice is on both portals: the one given), then by the portal user name (bob signed in
    // with his e-mail).
    const toAlice = inTerminal(['switch', '--portal', a, '--user', 'Alice Anderson'], { env });
    await toAlice.expect(new RegExp(`Switched to alice@example\\.com \\(Alice Anderson\\) on ${esc(a)}`));
    expect(await toAlice.exited).toBe(EXIT.ok);
    expect((await run(['token'], { env, allowed: [tokens.aliceA] })).stdout).toBe(`${tokens.aliceA}\n`);
    const toBob = inTerminal(['switch', '--user', 'bob'], { env });
    await toBob.expect(/Switched to bob@example\.com \(Bob Brown\)/);
    expect(await toBob.exited).toBe(EXIT.ok);
    expect((await run(['token'], { env, allowed: [tokens.bobA] })).stdout).toBe(`${tokens.bobA}\n`);
    // An SDK without a user name restores the portal's active account: the same one.
    expect(readSessions(env.DOCSPACE_AUTH_CONFIG_DIR).sessions[`docspace-auth:${a}`]?.token).toBe(tokens.bobA);

    // logout of the active account: revoked at the portal, and the next account of the portal becomes active.
    const logout = inTerminal(['logout'], { env });
    await logout.expect(new RegExp(`Signed out of ${esc(a)} \\(bob@example\\.com\\)`));
    await logout.expect(new RegExp(`alice@example\\.com is now the active account on ${esc(a)}`));
    expect(await logout.exited).toBe(EXIT.ok);
    expect((await selfWith(a, tokens.bobA)).status).toBe(401);
    expect((await run(['token'], { env, allowed: [tokens.aliceA] })).stdout).toBe(`${tokens.aliceA}\n`);
    const after = JSON.parse((await run(['status', '--json'], { env })).stdout);
    expect(after).toMatchObject({ signedIn: true, portal: a, user: 'alice@example.com' });
    expect(after.accounts.map((x: { user: string; active: boolean }) => [x.user, x.active])).toEqual([
      ['alice@example.com', true],
      ['alice@example.com', true],
    ]);

    // switch alone, two accounts on two portals: at a terminal, a list to choose from; without one, exit 2 listing them.
    const listed = await run(['switch'], { env });
    expect(listed.code).toBe(EXIT.usage);
    expect(listed.stderr).toMatch(/say which account to switch to[\s\S]*alice@example\.com \(Alice Anderson\)/);
    const pick = inTerminal(['switch'], { env });
    await pick.expect(/Switch to which account\?/);
    await pick.expect(/active now/);
    pick.type('\u001b[B\r'); // down, Enter: the other alice
    await pick.expect(new RegExp(`Switched to alice@example\\.com \\(Alice Anderson\\) on ${esc(b)}`));
    expect(await pick.exited).toBe(EXIT.ok);
    expect((await run(['token'], { env, allowed: [tokens.aliceB] })).stdout).toBe(`${tokens.aliceB}\n`);
    expect((await run(['switch', '--portal', a], { env })).code).toBe(EXIT.ok);

    // switch --portal: that portal's active account, and the portal becomes the default.
    const toB = await run(['switch', '--portal', b], { env });
    expect(toB.code).toBe(EXIT.ok);
    expect((await run(['token'], { env, allowed: [tokens.aliceB] })).stdout).toBe(`${tokens.aliceB}\n`);

    // logout of the default portal's last account: the other portal becomes the default, and it says so.
    const last = await run(['logout'], { env });
    expect(last.code).toBe(EXIT.ok);
    expect(last.stdout).toMatch(new RegExp(`${esc(a)} is now the default portal \\(alice@example\\.com\\)`));
    expect((await run(['token'], { env, allowed: [tokens.aliceA] })).stdout).toBe(`${tokens.aliceA}\n`);
  });

  it('--user that matches several accounts: exit 2, naming them; one that matches none: exit 4', async () => {
    const env = { DOCSPACE_AUTH_CONFIG_DIR: join(base, String(++dirs)) };
    const url = first.url;
    first.current.users.add({
      email: 'alice.a@example.com',
      userName: 'alice.a',
      password: 'alice-a-password',
      firstName: 'Alice',
      lastName: 'Anderson',
    });
    leaks.secret('alice-a-password', "the second alice's password");
    await loginAt(env, url, 'alice@example.com', PASSWORDS.alice);
    await loginAt(env, url, 'alice.a@example.com', 'alice-a-password');
    for (const command of ['switch', 'token', 'status', 'whoami', 'logout']) {
      const result = await run([command, '--user', 'alice anderson'], { env });
      expect(result.code, command).toBe(EXIT.usage);
      expect(result.stderr).toMatch(/"alice anderson" matches 2 saved accounts \(ambiguous_user\)/);
      expect(result.stderr).toMatch(/^ +http:\S+ +alice@example\.com \(Alice Anderson\)$/m);
      expect(result.stderr).toMatch(/^ +http:\S+ +alice\.a@example\.com \(Alice Anderson\)$/m);
    }
    // The e-mail is unambiguous.
    expect((await run(['switch', '--user', 'ALICE@example.com'], { env })).code).toBe(EXIT.ok);
    const none = await run(['switch', '--user', 'zed'], { env });
    expect(none.code).toBe(EXIT.notSignedIn);
    expect(none.stderr).toMatch(/no saved account matches "zed"/);
  });

  it('a new sign-in of the same account revokes the token it replaces: the portal refuses the old one', async () => {
    const env = { DOCSPACE_AUTH_CONFIG_DIR: join(base, String(++dirs)) };
    const url = first.url;
    await loginAt(env, url, 'alice@example.com', PASSWORDS.alice);
    const old = savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, url, 'alice@example.com');
    expect((await selfWith(url, old)).status).toBe(200);
    const again = await loginAt(env, url, 'Alice@Example.com', PASSWORDS.alice);
    expect(again.output).toMatch(/the token of the previous sign-in was revoked/);
    const current = savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, url, 'alice@example.com');
    expect(current).not.toBe(old);
    expect((await selfWith(url, old)).status).toBe(401);
    expect((await selfWith(url, current)).status).toBe(200);
    expect(Object.keys(readSessions(env.DOCSPACE_AUTH_CONFIG_DIR).sessions).sort()).toEqual([
      `docspace-auth:${url}`,
      `docspace-auth:${url}:alice@example.com`,
    ]);
  });

  it('an API-key account among password accounts: listed, and logout says the key itself still works', async () => {
    const env = { DOCSPACE_AUTH_CONFIG_DIR: join(base, String(++dirs)) };
    const url = first.url;
    leaks.secret('sk-alice-demo-key', "alice's API key");
    await loginAt(env, url, 'bob@example.com', PASSWORDS.bob, { DOCSPACE_TOTP_SECRET: BOB_TOTP_SECRET });
    const withKey = await run(['login', '--portal', url, '--with-api-key'], {
      env: { ...env, DOCSPACE_API_KEY: 'sk-alice-demo-key' },
    });
    expect(withKey.code).toBe(EXIT.ok);
    const listed = JSON.parse((await run(['status', '--json'], { env })).stdout);
    expect(
      listed.accounts.map((x: { user: string; active: boolean; state: string }) => [x.user, x.active, x.state]),
    ).toEqual([
      ['alice@example.com', true, 'accepted'],
      ['bob@example.com', false, 'accepted'],
    ]);
    const logout = await run(['logout'], { env });
    expect(logout.code).toBe(EXIT.ok);
    expect(logout.stdout).toMatch(/Removed the API key of alice@example\.com .* from this machine/);
    expect(logout.stdout).toMatch(/the key itself still works until it is revoked in the portal's settings/);
    expect(logout.stdout).toMatch(/bob@example\.com is now the active account/);
    expect(readSessions(env.DOCSPACE_AUTH_CONFIG_DIR)).not.toHaveProperty('revocations');
  });
});

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
