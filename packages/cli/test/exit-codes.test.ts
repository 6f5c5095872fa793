// The same condition gives the same exit code from every command: a table of condition -> expected code per
// command, each cell run as a real process, with and without --json (with --json the error is on stdout only).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, leaks, PASSWORDS, run, savedToken, tempConfigDir } from './support/cli.js';
import { useEmulator } from './support/emulator.js';
import { relay } from './support/servers.js';

const emulator = useEmulator();
const base = tempConfigDir();
let dirs = 0;

type Command = 'status' | 'whoami' | 'token' | 'logout' | 'switch';
interface Condition {
  name: string;
  /** Makes the config folder and gives the arguments every command gets. */
  setup(): Promise<{ env: Record<string, string>; args: string[]; allowed?: string[] }>;
  /** The exit code of each command; a command absent here does not meet the condition (e.g. `token` sends nothing). */
  expected: Partial<Record<Command, number>>;
}

const fresh = () => {
  const dir = join(base, String(++dirs));
  mkdirSync(dir, { recursive: true });
  return dir;
};

const signedIn = async (portal: string) => {
  const dir = fresh();
  const env = { DOCSPACE_AUTH_CONFIG_DIR: dir };
  const result = await run(['login', '--portal', portal, '--user', 'alice@example.com'], {
    env: { ...env, DOCSPACE_PASSWORD: PASSWORDS.alice },
  });
  expect(result.code).toBe(EXIT.ok);
  return { env, token: savedToken(dir, portal, 'alice@example.com') };
};

/** DOCSPACE_API_KEY: bob's key (made in the setup), one the portal does not know, a value that is not a key. */
const BOB_KEY = 'sk-bob-exit-codes-2f7d';
const UNKNOWN_KEY = 'sk-unknown-exit-codes';
const NOT_A_KEY = 'not-a-key-exit-codes';
for (const key of [BOB_KEY, UNKNOWN_KEY, NOT_A_KEY]) leaks.secret(key, 'a DOCSPACE_API_KEY value');

/** A fresh config folder and DOCSPACE_API_KEY set to bob's key (the portal: DOCSPACE_PORTAL, when given). */
const withEnvKey = (portal: string | undefined, key = BOB_KEY) => {
  emulator.current.users.update('bob@example.com', { apiKeys: [BOB_KEY] });
  return {
    env: {
      DOCSPACE_AUTH_CONFIG_DIR: fresh(),
      DOCSPACE_API_KEY: key,
      ...(portal === undefined ? {} : { DOCSPACE_PORTAL: portal }),
    },
    args: [],
    allowed: [key], // `token` prints it
  };
};

const all = (code: number): Record<Command, number> => ({
  status: code,
  whoami: code,
  token: code,
  logout: code,
  switch: code,
});

export const CONDITIONS: Condition[] = [
  {
    name: 'never signed in',
    setup: async () => ({ env: { DOCSPACE_AUTH_CONFIG_DIR: fresh() }, args: ['--portal', emulator.url] }),
    expected: all(EXIT.notSignedIn),
  },
  {
    name: 'a session file that is not JSON',
    setup: async () => {
      const dir = fresh();
      writeFileSync(join(dir, 'sessions.json'), '{ not json');
      return { env: { DOCSPACE_AUTH_CONFIG_DIR: dir }, args: ['--portal', emulator.url] };
    },
    expected: all(EXIT.error),
  },
  {
    name: 'a session file of another format',
    setup: async () => {
      const dir = fresh();
      writeFileSync(join(dir, 'sessions.json'), JSON.stringify({ format: 'something-else', version: 1, sessions: {} }));
      return { env: { DOCSPACE_AUTH_CONFIG_DIR: dir }, args: [] };
    },
    expected: all(EXIT.error),
  },
  {
    name: 'an unknown flag',
    setup: async () => ({ env: { DOCSPACE_AUTH_CONFIG_DIR: fresh() }, args: ['--frobnicate'] }),
    expected: all(EXIT.usage),
  },
  {
    name: 'a portal address that is not a URL',
    setup: async () => ({ env: { DOCSPACE_AUTH_CONFIG_DIR: fresh() }, args: ['--portal', 'https://exa mple.com'] }),
    expected: all(EXIT.usage),
  },
  {
    name: 'a --user that matches no saved account',
    setup: async () => ({ ...(await signedIn(emulator.url)), args: ['--user', 'nobody@example.com'] }),
    expected: all(EXIT.notSignedIn),
  },
  {
    name: 'the portal is unreachable (a saved session)',
    setup: async () => {
      const front = await relay(emulator.url);
      const { env, token } = await signedIn(front.url);
      await front.close();
      return { env, args: [], allowed: [token] };
    },
    // token and switch read the file only: they do not meet the condition.
    expected: { status: EXIT.network, whoami: EXIT.network, logout: EXIT.network, token: EXIT.ok, switch: EXIT.ok },
  },
  {
    name: 'the portal no longer accepts the token',
    setup: async () => {
      const { env, token } = await signedIn(emulator.url);
      emulator.current.revokeTokens();
      return { env, args: [], allowed: [token] };
    },
    expected: { status: EXIT.notSignedIn, whoami: EXIT.notSignedIn },
  },
  {
    name: 'the portal was suspended after the sign-in',
    setup: async () => {
      emulator.current.portal.set({ status: 'active' }); // the cell's other run may have left it suspended
      const { env, token } = await signedIn(emulator.url);
      emulator.current.portal.set({ status: 'suspended' });
      return { env, args: [], allowed: [token] };
    },
    expected: {
      status: EXIT.portalNotFound,
      whoami: EXIT.portalNotFound,
      logout: EXIT.portalNotFound,
      token: EXIT.ok,
      switch: EXIT.ok,
    },
  },
  {
    name: 'the portal is being restored',
    setup: async () => {
      emulator.current.portal.set({ status: 'active' }); // the cell's other run may have left it restoring
      const { env, token } = await signedIn(emulator.url);
      emulator.current.portal.set({ status: 'restoring' });
      return { env, args: [], allowed: [token] };
    },
    // The server lets people/@self through while it restores: whoami still works.
    expected: {
      status: EXIT.portalUnavailable,
      whoami: EXIT.ok,
      logout: EXIT.portalUnavailable,
      token: EXIT.ok,
      switch: EXIT.ok,
    },
  },
  {
    name: "the portal's IP restrictions exclude this address",
    setup: async () => {
      emulator.current.portal.set({ ipRestriction: 'owner-only' });
      const { env, token } = await signedIn(emulator.url);
      return { env, args: [], allowed: [token] };
    },
    expected: {
      status: EXIT.accessRestricted,
      whoami: EXIT.accessRestricted,
      logout: EXIT.accessRestricted,
      token: EXIT.ok,
      switch: EXIT.ok,
    },
  },
  // DOCSPACE_API_KEY is used instead of the saved sessions by status, whoami and token; logout refuses while it is
  // set (env_api_key, exit 2), whatever it holds; switch only changes the saved accounts (not a condition of it).
  {
    name: 'DOCSPACE_API_KEY the portal rejects',
    setup: async () => withEnvKey(emulator.url, UNKNOWN_KEY),
    // token does not ask the portal.
    expected: { status: EXIT.refused, whoami: EXIT.refused, token: EXIT.ok, logout: EXIT.usage },
  },
  {
    name: 'DOCSPACE_API_KEY that is not an API key',
    setup: async () => withEnvKey(emulator.url, NOT_A_KEY),
    expected: { status: EXIT.usage, whoami: EXIT.usage, token: EXIT.usage, logout: EXIT.usage },
  },
  {
    name: 'DOCSPACE_API_KEY with no portal given or remembered',
    setup: async () => withEnvKey(undefined),
    expected: { status: EXIT.usage, whoami: EXIT.usage, token: EXIT.usage, logout: EXIT.usage },
  },
  {
    name: 'DOCSPACE_API_KEY, the portal unreachable',
    setup: async () => {
      const front = await relay(emulator.url);
      await front.close();
      return withEnvKey(front.url);
    },
    expected: { status: EXIT.network, whoami: EXIT.network, token: EXIT.ok, logout: EXIT.usage },
  },
  {
    name: 'DOCSPACE_API_KEY, the portal suspended',
    setup: async () => {
      emulator.current.portal.set({ status: 'suspended' });
      return withEnvKey(emulator.url);
    },
    expected: { status: EXIT.portalNotFound, whoami: EXIT.portalNotFound, token: EXIT.ok },
  },
  {
    name: "DOCSPACE_API_KEY, the portal's IP restrictions exclude this address",
    setup: async () => {
      emulator.current.portal.set({ ipRestriction: 'owner-only' });
      return withEnvKey(emulator.url);
    },
    expected: { status: EXIT.accessRestricted, whoami: EXIT.accessRestricted, token: EXIT.ok },
  },
];

describe('exit codes: one condition, one code, from every command', () => {
  for (const condition of CONDITIONS) {
    for (const [command, code] of Object.entries(condition.expected) as [Command, number][]) {
      it(`${condition.name}: ${command} exits ${code}`, async () => {
        const { env, args, allowed = [] } = await condition.setup();
        const human = await run([command, ...args], { env, allowed });
        expect(human.code).toBe(code);
        if (code !== EXIT.ok && code !== EXIT.notSignedIn) expect(human.stderr).toMatch(/^error: /m);
        const { env: env2, args: args2, allowed: allowed2 = [] } = await condition.setup();
        const json = await run([command, ...args2, '--json'], { env: env2, allowed: allowed2 });
        expect(json.code).toBe(code);
        if (code !== EXIT.ok) {
          expect(json.stderr).not.toMatch(/^error: /m); // with --json, an error is on stdout only
          const document = JSON.parse(json.stdout);
          if (document.error) expect(document.error.exitCode).toBe(code);
        }
      });
    }
  }
});
