// Persistence: the file store across processes, corrupt and foreign files, atomic 0600 writes; the Web Storage
// store; reuse of a stored token without signing in again; removal of a token the portal rejects.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getSelfProfile } from '@docspace/auth-client';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileStore, type SessionFile } from '../src/file-store.js';
import { webStorageStore, type StoredSession } from '../src/index.js';
import { LeakCheck, LOGIN, PASSWORDS, useEmulator } from './support/harness.js';

const run = promisify(execFile);
const child = new URL('./support/child.mjs', import.meta.url).pathname;
const leaks = new LeakCheck();
const env = useEmulator(leaks);
afterAll(() => leaks.assertNoSecretEmitted());

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docspace-auth-store-'));
  file = join(dir, 'nested', 'sessions.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const readSessionFile = async () => JSON.parse(await readFile(file, 'utf8')) as SessionFile;
const alice = { userName: 'alice@example.com', password: PASSWORDS.alice };

describe('fileStore', () => {
  it('a session signed in by one process is reused by another without signing in again', async () => {
    const emulator = await env.start();
    await run(process.execPath, [child, 'login', emulator.url, file, alice.userName, alice.password]);
    expect(env.count('POST', LOGIN)).toBe(1);

    const auth = env.auth({ store: fileStore(file) });
    const session = await auth.session();
    leaks.secret(session?.token);
    expect(session).toMatchObject({ userName: 'alice@example.com', portal: emulator.url });
    expect(auth.events.map((e) => e.type)).toEqual(['session-restored']);
    expect((await getSelfProfile({ client: auth.client })).data?.response?.email).toBe('alice@example.com');
    expect(env.count('POST', LOGIN)).toBe(1);
  });

  it('writes a versioned JSON document with mode 0600 in a folder it creates', async () => {
    const emulator = await env.start();
    const session = await env.auth({ store: fileStore(file) }).login(alice);
    leaks.secret(session.token);
    const content = await readSessionFile();
    expect(content.format).toBe('docspace-auth/sessions');
    expect(content.version).toBe(1);
    expect(Object.keys(content.sessions).sort()).toEqual([
      `docspace-auth:${emulator.url}`,
      `docspace-auth:${emulator.url}:alice@example.com`,
    ]);
    expect(content.sessions[`docspace-auth:${emulator.url}:alice@example.com`]).toMatchObject({
      userName: 'alice@example.com',
      portal: emulator.url,
      expires: session.expires?.toISOString(),
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readdir(join(dir, 'nested'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['not JSON', '{"format": "docspace-auth/sess'],
    ['foreign JSON', '{"theme": "dark"}'],
    ['a future version', '{"format": "docspace-auth/sessions", "version": 2, "sessions": {}}'],
  ])(
    'a file with %s is reported, read as empty, and kept aside when a new session is written',
    async (_label, text) => {
      await env.start();
      await mkdir(join(dir, 'nested'), { recursive: true });
      await writeFile(file, text, { mode: 0o600 }); // a looser mode would be tightened and reported too
      const problems: string[] = [];
      const store = fileStore(file, { onError: (message) => problems.push(message) });
      const auth = env.auth({ store });
      expect(await auth.session()).toBeNull();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/read as empty/);

      leaks.secret((await auth.login(alice)).token);
      expect((await readSessionFile()).version).toBe(1);
      const kept = (await readdir(join(dir, 'nested'))).filter((name) => name.includes('.unreadable-'));
      expect(kept).toHaveLength(1);
      expect(await readFile(join(dir, 'nested', kept[0]!), 'utf8')).toBe(text);
      expect(problems.at(-1)).toMatch(/moved to/);
    },
  );

  it('two processes writing the same file at once leave it valid, with every session', async () => {
    await Promise.all([
      run(process.execPath, [child, 'fill', file, 'a', '40']),
      run(process.execPath, [child, 'fill', file, 'b', '40']),
    ]);
    const content = await readSessionFile();
    expect(Object.keys(content.sessions)).toHaveLength(80);
    expect(content.sessions['a-39']?.token).toBe('token-a-39');
    expect(content.sessions['b-0']?.token).toBe('token-b-0');
  });

  it('a stored token the portal rejects is removed from the file', async () => {
    const emulator = await env.start();
    leaks.secret((await env.auth({ store: fileStore(file) }).login(alice)).token);
    emulator.revokeTokens();
    const auth = env.auth({ store: fileStore(file) });
    expect(await auth.isAuthenticated()).toBe(false);
    expect((await readSessionFile()).sessions).toEqual({});
  });

  it('an expired stored token is dropped at start, not sent', async () => {
    const emulator = await env.start({ tokenLifetimeMs: 60_000 });
    leaks.secret((await env.auth({ store: fileStore(file) }).login(alice)).token);
    emulator.clock.advance(61_000);
    emulator.clearRequests();
    const auth = env.auth({ store: fileStore(file) });
    expect(await auth.session()).toBeNull();
    expect(auth.events).toMatchObject([{ type: 'session-expired', reason: 'expired' }]);
    expect(emulator.requests).toHaveLength(0);
  });

  it('restores the session of the configured user when several users share a portal', async () => {
    await env.start();
    const store = fileStore(file);
    leaks.secret((await env.auth({ store }).login(alice)).token);
    const bobSession = await env
      .auth({ store, totpSecret: 'JBSWY3DPEHPK3PXP' })
      .login({ userName: 'bob@example.com', password: PASSWORDS.bob });
    leaks.secret(bobSession.token);
    expect((await env.auth({ store, userName: 'ALICE@example.com' }).session())?.userName).toBe('alice@example.com');
    expect((await env.auth({ store }).session())?.userName).toBe('bob@example.com');
  });
});

describe('webStorageStore', () => {
  // The Web Storage interface over a Map, as localStorage behaves (strings in, strings out).
  function storage() {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, String(value)),
      removeItem: (key: string) => void items.delete(key),
    };
  }
  const stored: StoredSession = {
    token: 'tok',
    expires: null,
    userName: 'a@example.com',
    portal: 'https://p.example.com',
    obtainedAt: new Date(0).toISOString(),
  };

  it('round-trips a session in a versioned entry', () => {
    const backing = storage();
    const store = webStorageStore(backing);
    store.set('k', stored);
    expect(JSON.parse(backing.items.get('k')!)).toEqual({
      format: 'docspace-auth/session',
      version: 1,
      session: stored,
    });
    expect(store.get('k')).toEqual(stored);
    store.delete('k');
    expect(store.get('k')).toBeNull();
  });

  it('reports and removes an entry that is not a session', () => {
    const backing = storage();
    backing.items.set('k', '{oops');
    const problems: string[] = [];
    const store = webStorageStore(backing, { onError: (m) => problems.push(m) });
    expect(store.get('k')).toBeNull();
    expect(backing.items.has('k')).toBe(false);
    expect(problems).toHaveLength(1);
  });
});
