// The portal's own states, from a real emulator: each has its own message, hint and exit code, the same in every
// command. And the hint of a refused password names the accounts that have none (SSO, LDAP).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, leaks, PASSWORDS, run, savedToken, tempConfigDir } from './support/cli.js';
import { useEmulator } from './support/emulator.js';

const emulator = useEmulator();
let dirs = 0;
const base = tempConfigDir();
const freshDir = () => join(base, String(++dirs));

function cli(dir: string, args: string[], env: Record<string, string | undefined> = {}) {
  return run([...args], { env: { DOCSPACE_AUTH_CONFIG_DIR: dir, ...env } });
}
const login = (dir: string, user = 'alice@example.com', password: string = PASSWORDS.alice, extra: string[] = []) =>
  cli(dir, ['login', '--portal', emulator.url, '--user', user, ...extra], { DOCSPACE_PASSWORD: password });

describe('a portal that is not there, or not available', () => {
  it.each(['suspended', 'removed', 'unknown'] as const)(
    '%s: login exits 7 (portal_not_found) and says to check the address',
    async (status) => {
      emulator.current.portal.set({ status });
      const result = await login(freshDir());
      expect(result.code).toBe(EXIT.portalNotFound);
      expect(result.stderr).toMatch(/no DocSpace portal answers at .* \(portal_not_found\)/);
      expect(result.stderr).toMatch(/check the address/);
    },
  );

  it.each(['restoring', 'transferring', 'encrypting'] as const)(
    '%s: login exits 8 (portal_unavailable)',
    async (status) => {
      emulator.current.portal.set({ status });
      const result = await login(freshDir(), 'alice@example.com', PASSWORDS.alice, ['--json']);
      expect(result.code).toBe(EXIT.portalUnavailable);
      expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'portal_unavailable', exitCode: 8 });
    },
  );

  it('signed in before the suspension: whoami and status exit 7 and keep the session', async () => {
    const dir = freshDir();
    expect((await login(dir)).code).toBe(EXIT.ok);
    emulator.current.portal.set({ status: 'suspended' });
    const whoami = await cli(dir, ['whoami', '--json']);
    expect(whoami.code).toBe(EXIT.portalNotFound);
    expect(JSON.parse(whoami.stdout).error).toMatchObject({ code: 'portal_not_found', exitCode: 7 });
    const status = await cli(dir, ['status']);
    expect(status.code).toBe(EXIT.portalNotFound);
    expect(status.stderr).toMatch(/session of alice@example.com is kept/);
    emulator.current.portal.set({ status: 'active' });
    expect((await cli(dir, ['whoami'])).code).toBe(EXIT.ok);
  });
});

describe('IP restrictions', () => {
  it('login works, then whoami and status exit 9 (access_restricted) with what to do, and nothing is retried as a block', async () => {
    const dir = freshDir();
    emulator.current.portal.set({ ipRestriction: 'owner-only' });
    const signedIn = await login(dir);
    expect(signedIn.code).toBe(EXIT.ok);
    expect(signedIn.stderr).toMatch(
      /warning: signed in, but the portal's IP restrictions refuse calls from this address \(access_restricted\)/,
    );
    const whoami = await cli(dir, ['whoami']);
    expect(whoami.code).toBe(EXIT.accessRestricted);
    expect(whoami.stderr).toMatch(/IP restrictions .* \(access_restricted\)/);
    expect(whoami.stderr).toMatch(/network the portal allows/);
    expect(whoami.stderr).not.toMatch(/try again in/);
    const status = await cli(dir, ['status', '--json']);
    expect(status.code).toBe(EXIT.accessRestricted);
    expect(JSON.parse(status.stdout).error).toMatchObject({ code: 'access_restricted', exitCode: 9 });
    // The token itself is kept: `token` still prints it (exit 0).
    const saved = savedToken(dir, emulator.url, 'alice@example.com');
    const token = await run(['token'], { env: { DOCSPACE_AUTH_CONFIG_DIR: dir }, allowed: [saved] });
    expect(token.code).toBe(EXIT.ok);
    expect(token.stdout.trim()).toBe(saved);
  });
});

describe('a refused password', () => {
  it('the hint says that SSO accounts cannot use a password', async () => {
    emulator.current.users.add({ email: 'sam@example.com', password: 'sam-sso-password', source: 'sso' });
    leaks.secret('sam-sso-password', "an SSO user's unused password");
    const result = await login(freshDir(), 'sam@example.com', 'sam-sso-password');
    expect(result.code).toBe(EXIT.refused);
    expect(result.stderr).toMatch(/\(invalid_credentials\)/);
    expect(result.stderr).toMatch(/accounts that sign in with SSO cannot use a password/);
  });
});
