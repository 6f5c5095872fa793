// The stored-session format as other tools see it (the `docspace-auth` command reads sessions.json with these
// exports): a file the store wrote is read through the format's own functions, a file written by hand to the
// documented format is read by the store, the portal address rule agrees with the SDK's `baseUrl` rule, and the
// `./file-store` entry stays cheap to import.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fileStore,
  isDocSpaceAuthError,
  normalizePortalAddress,
  parseSessionFile,
  readPendingRevocations,
  readStoredAccount,
  readStoredSession,
  SESSION_FILE_FORMAT,
  SESSION_FILE_VERSION,
  sessionKey,
  type StoredSession,
  updateSessionFile,
  writeFileAtomically,
} from '../src/file-store.js';
import { DocSpaceAuthError } from '../src/index.js';
import { portalOrigin } from '../src/url.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docspace-auth-format-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const portal = 'https://portal.example.com/docspace';
const stored: StoredSession = {
  token: 'token-of-bob',
  expires: '2030-01-01T00:00:00.000Z',
  userName: 'Bob@Example.com',
  portal,
  obtainedAt: '2029-12-31T00:00:00.000Z',
};

describe('the session file, read and written by either side', () => {
  it('what fileStore writes, parseSessionFile + sessionKey + readStoredSession read', async () => {
    const file = join(dir, 'sessions.json');
    const store = fileStore(file);
    await store.set(sessionKey(portal, stored.userName), stored);
    await store.set(sessionKey(portal), stored);

    const parsed = parseSessionFile(await readFile(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.file.format).toBe(SESSION_FILE_FORMAT);
    expect(parsed.file.version).toBe(SESSION_FILE_VERSION);
    expect(Object.keys(parsed.file.sessions).sort()).toEqual([
      'docspace-auth:https://portal.example.com/docspace',
      'docspace-auth:https://portal.example.com/docspace:bob@example.com',
    ]);
    expect(readStoredSession(parsed.file.sessions[sessionKey(portal, ' BOB@example.com ')])).toEqual(stored);
  });

  it('a file another tool wrote to the documented format is read by fileStore', async () => {
    const file = join(dir, 'sessions.json');
    const document = {
      format: 'docspace-auth/sessions',
      version: 1,
      sessions: { [`docspace-auth:${portal}:bob@example.com`]: stored },
    };
    await writeFile(file, JSON.stringify(document));
    expect(await fileStore(file).get(sessionKey(portal, 'bob@example.com'))).toEqual(stored);
  });

  it('accounts and revocations written with updateSessionFile survive the store writing sessions', async () => {
    const file = join(dir, 'sessions.json');
    const store = fileStore(file);
    await store.set(sessionKey(portal, stored.userName), stored);
    const revocation = { portal, token: 'old-token-of-bob', userName: 'bob', since: '2029-12-30T00:00:00.000Z' };
    await updateSessionFile(file, (document) => {
      document.accounts = {
        [sessionKey(portal, 'bob')]: { userName: 'bob', email: 'bob@example.com', displayName: 'Bob Brown' },
      };
      document.revocations = [revocation];
      return true;
    });
    await store.set(sessionKey(portal), stored);
    await store.delete(sessionKey(portal, stored.userName));
    const parsed = parseSessionFile(await readFile(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(Object.keys(parsed.file.sessions)).toEqual([sessionKey(portal)]);
    expect(readStoredAccount(parsed.file.accounts?.[sessionKey(portal, 'bob')])).toEqual({
      userName: 'bob',
      email: 'bob@example.com',
      displayName: 'Bob Brown',
    });
    expect(readPendingRevocations(parsed.file)).toEqual([revocation]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('updateSessionFile: concurrent changes are serialised (none is lost); returning false writes nothing', async () => {
    const file = join(dir, 'sessions.json');
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        updateSessionFile(file, (document) => {
          document.revocations = [
            ...(document.revocations ?? []),
            { portal, token: `t${i}`, userName: 'u', since: 'x' },
          ];
          return true;
        }),
      ),
    );
    const before = await readFile(file, 'utf8');
    const parsed = parseSessionFile(before);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(
      readPendingRevocations(parsed.file)
        .map((r) => r.token)
        .sort(),
    ).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7']);
    await updateSessionFile(file, (document) => {
      document.revocations = [];
      return false;
    });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('readPendingRevocations and readStoredAccount keep only well-formed entries', () => {
    expect(readPendingRevocations({})).toEqual([]);
    expect(readPendingRevocations({ revocations: 'x' as never })).toEqual([]);
    const good = { portal, token: 't', userName: 'u', since: '2030-01-01T00:00:00.000Z' };
    expect(readPendingRevocations({ revocations: [good, { ...good, token: '' }, null, { portal }] as never })).toEqual([
      good,
    ]);
    expect(readStoredAccount(null)).toBeUndefined();
    expect(readStoredAccount({ email: 'a@b.c', displayName: 7, id: '' })).toEqual({ email: 'a@b.c' });
  });

  it('parseSessionFile says what is wrong and never throws', () => {
    expect(parseSessionFile('{')).toMatchObject({ ok: false, problem: 'not_json' });
    expect(parseSessionFile('null')).toMatchObject({ ok: false, problem: 'not_a_session_file' });
    expect(parseSessionFile('{"format":"something-else","version":1,"sessions":{}}')).toMatchObject({
      ok: false,
      problem: 'not_a_session_file',
    });
    expect(parseSessionFile('{"format":"docspace-auth/sessions","version":1,"sessions":[]}')).toMatchObject({
      ok: false,
      problem: 'not_a_session_file',
    });
    expect(parseSessionFile('{"format":"docspace-auth/sessions","version":2,"sessions":{}}')).toMatchObject({
      ok: false,
      problem: 'unsupported_version',
      reason: 'its version 2 is not supported',
    });
  });

  it('readStoredSession refuses entries that are not sessions and tolerates a missing obtainedAt', () => {
    const { obtainedAt: _, ...withoutObtainedAt } = stored;
    expect(readStoredSession(withoutObtainedAt)).toEqual(withoutObtainedAt);
    expect(readStoredSession({ ...stored, expires: null })).toEqual({ ...stored, expires: null });
    for (const bad of [
      null,
      'token',
      { ...stored, token: '' },
      { ...stored, expires: 5 },
      { ...stored, expires: 'soon' },
      { ...stored, portal: undefined },
    ]) {
      expect(readStoredSession(bad)).toBeUndefined();
    }
  });
});

describe('normalizePortalAddress', () => {
  it('gives what the SDK keys its sessions by', () => {
    for (const address of [
      'https://Portal.Example.com/',
      'https://portal.example.com/docspace//',
      ' http://127.0.0.1:8080 ',
      'https://portal.example.com:443/a/b/',
    ]) {
      expect(normalizePortalAddress(address)).toBe(portalOrigin(address, false));
    }
    expect(normalizePortalAddress('https://Portal.Example.com/docspace/')).toBe('https://portal.example.com/docspace');
  });

  it('checks the form only: plain http to another host is left to the SDK, which refuses it before sending', () => {
    expect(normalizePortalAddress('http://portal.example.com')).toBe('http://portal.example.com');
    expect(() => portalOrigin('http://portal.example.com', false)).toThrow(/plain http/);
  });

  it('refuses what is not a portal address with a typed invalid_input error', () => {
    for (const bad of [
      'not a url',
      'ftp://portal.example.com',
      'https://user:pw@portal.example.com',
      'https://portal.example.com/?a=1',
      '',
    ]) {
      let thrown: unknown;
      try {
        normalizePortalAddress(bad);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DocSpaceAuthError);
      expect(isDocSpaceAuthError(thrown, 'invalid_input')).toBe(true);
      expect((thrown as Error).message).not.toContain('pw');
    }
  });
});

it('writeFileAtomically leaves a 0600 file and no temporary file behind', async () => {
  const file = join(dir, 'new', 'config.json');
  await writeFileAtomically(file, 'one');
  await writeFileAtomically(file, 'two');
  expect(await readFile(file, 'utf8')).toBe('two');
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect((await stat(join(dir, 'new'))).mode & 0o777).toBe(0o700);
  const { readdir } = await import('node:fs/promises');
  expect(await readdir(join(dir, 'new'))).toEqual(['config.json']);
});

it('the ./file-store entry does not pull in the SDK: no HTTP client, no sign-in, no dependency before a write', async () => {
  const result = await build({
    entryPoints: [new URL('../src/file-store.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'node',
    splitting: true,
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint);
  expect(entry).toBeDefined();
  const inputs = Object.keys(entry![1].inputs);
  expect(inputs.some((path) => path.includes('stored-session'))).toBe(true);
  // Of @docspace/auth-client only the error class (its light ./errors entry), never the client or the schemas.
  const client = inputs.filter((path) => path.includes('auth-client'));
  expect(
    client.every((path) => /auth-client\/dist\/errors[-.]/.test(path)),
    client.join(),
  ).toBe(true);
  for (const heavy of ['valibot', 'create-auth', 'login', 'transport', 'otpauth', 'cookie', 'proper-lockfile']) {
    expect(inputs.filter((path) => path.includes(heavy))).toEqual([]);
  }
});

it('writeFileAtomically removes its temporary file when the write fails', async () => {
  const folder = join(dir, 'fails');
  const { mkdir: makeDir, readdir } = await import('node:fs/promises');
  await makeDir(join(folder, 'target.json'), { recursive: true }); // a folder where the file should go: rename fails
  await expect(writeFileAtomically(join(folder, 'target.json'), 'x')).rejects.toThrow();
  expect(await readdir(folder)).toEqual(['target.json']);
});
