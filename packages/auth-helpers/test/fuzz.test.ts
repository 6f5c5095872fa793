// Property-based fuzzing (fast-check) of what a portal and a store can hand the SDK: any status, headers and body of
// an answer, and any content of a session file or a web-storage entry. Whatever comes, the result is a valid session
// or a DocSpaceAuthError, never another exception, and no password or token of ours shows in any output. The runs are
// bounded (numRuns) to keep the file to seconds; a failure prints the seed and the shrunk case to replay.
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { getSelfProfile } from '@docspace/auth-client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStore } from '../src/file-store.js';
import { createDocSpaceAuth, isDocSpaceAuthError, memoryStore, webStorageStore } from '../src/index.js';
import { portalKey, userKey } from '../src/session.js';
import { tokenProblem } from '../src/token-form.js';

const PASSWORD = 'fuzz-password-do-not-leak';
const STORED_TOKEN = 'fuzz-stored-token-do-not-leak';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}
let answer: Answer = { status: 200, headers: {}, body: '' };
let portal = '';
const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
  for await (const _ of req);
  try {
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  } catch {
    res.destroy(); // a header Node itself refuses to send: the connection drops, which is a case too
  }
});
beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  portal = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** Every form a user might print `value` in. */
const shown = (value: unknown) => {
  const forms = [inspect(value, { depth: 20, showHidden: true })];
  try {
    forms.push(JSON.stringify(value) ?? '');
  } catch {
    // not serialisable: inspect is enough
  }
  if (value instanceof Error) forms.push(String(value), value.stack ?? '');
  return forms.join('\n');
};

const tokenLike = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.stringMatching(/^[A-Za-z0-9+/=%-]{1,60}$/),
  fc.constantFrom('a\r\nb', 'nul\u0000', '\u001b[2J', 'x'.repeat(5000), ''),
);
const tokenBody = fc.record(
  {
    token: fc.oneof(tokenLike, fc.integer(), fc.constant(null)),
    expires: fc.oneof(fc.string(), fc.constant('2099-01-01T00:00:00Z')),
    tfa: fc.boolean(),
    sms: fc.boolean(),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  tokenBody.map((response) => JSON.stringify({ response, status: 0, statusCode: 200 })),
  fc.anything({ maxDepth: 3 }).map((response) => JSON.stringify({ response, status: 0, statusCode: 200 })),
  fc.anything({ maxDepth: 2 }).map((error) => JSON.stringify({ error, status: 1, statusCode: 400 })),
);
const headers = fc.dictionary(
  fc.oneof(
    fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
    fc.constantFrom('retry-after', 'x-ratelimit-reset', 'content-type', 'location', 'set-cookie'),
  ),
  fc.oneof(
    fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
    fc.constantFrom('0', '1', '99999999999', 'Wed, 21 Oct 2015 07:28:00 GMT', 'application/json', '/elsewhere'),
  ),
  { maxKeys: 4 },
);
const answers: fc.Arbitrary<Answer> = fc.record({
  status: fc.constantFrom(200, 200, 200, 201, 204, 301, 302, 307, 400, 401, 403, 404, 408, 429, 500, 502, 503),
  headers,
  body,
});

describe('any answer of a portal', () => {
  it('to a sign-in: a valid session or a DocSpaceAuthError, and no password in any output', async () => {
    await fc.assert(
      fc.asyncProperty(answers, async (next) => {
        answer = next;
        const auth = createDocSpaceAuth({
          baseUrl: portal,
          timeoutMs: 5_000,
          retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5 },
        });
        try {
          const session = await auth.login({ userName: 'fuzz@example.com', password: PASSWORD, code: '123456' });
          expect(tokenProblem(session.token)).toBeUndefined();
          expect(inspect(session)).not.toContain(session.token);
          expect(shown(session)).not.toContain(PASSWORD);
        } catch (error) {
          expect(isDocSpaceAuthError(error)).toBe(true);
          expect(shown(error)).not.toContain(PASSWORD);
        } finally {
          auth.dispose();
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('to an authorised call: data, or an error (typed, or the declared body), never a throw, and no token in any output', async () => {
    await fc.assert(
      fc.asyncProperty(answers, async (next) => {
        answer = next;
        const store = memoryStore();
        const stored = {
          token: STORED_TOKEN,
          expires: null,
          userName: 'fuzz@example.com',
          portal,
          obtainedAt: new Date().toISOString(),
        };
        store.set(userKey(portal, 'fuzz@example.com'), stored);
        store.set(portalKey(portal), stored);
        const auth = createDocSpaceAuth({
          baseUrl: portal,
          store,
          timeoutMs: 5_000,
          retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5 },
        });
        try {
          const result = await getSelfProfile({ client: auth.client });
          if (result.error instanceof Error) expect(isDocSpaceAuthError(result.error)).toBe(true);
          expect(shown(result)).not.toContain(STORED_TOKEN);
        } finally {
          auth.dispose();
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

describe('any content of a store', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docspace-auth-fuzz-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const session = fc.record(
    {
      token: fc.oneof(tokenLike, fc.anything()),
      expires: fc.oneof(fc.string(), fc.constant(null), fc.anything()),
      userName: fc.oneof(fc.string(), fc.anything()),
      portal: fc.oneof(fc.constant('http://127.0.0.1:1'), fc.anything()),
      obtainedAt: fc.anything(),
    },
    { requiredKeys: [] },
  );
  const key = 'docspace-auth:http://127.0.0.1:1';
  const fileText = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.json({ maxDepth: 4 }),
    fc
      .record({
        format: fc.constantFrom('docspace-auth/sessions', 'x'),
        version: fc.constantFrom(1, 2, '1'),
        sessions: fc.oneof(fc.dictionary(fc.constantFrom(key, 'other'), session), fc.anything()),
      })
      .map((f) => JSON.stringify(f)),
  );

  it('a session file: get() and session() never throw; what they give is a usable session or nothing', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fileText, async (text) => {
        const file = join(dir, `sessions-${n++}.json`);
        await writeFile(file, text, { mode: 0o600 });
        const problems: string[] = [];
        const store = fileStore(file, { onError: (m) => problems.push(m) });
        const got = await store.get(key);
        if (got) expect(tokenProblem(got.token)).toBeUndefined();
        const auth = createDocSpaceAuth({ baseUrl: 'http://127.0.0.1:1', store });
        const restored = await auth.session();
        if (restored) expect(tokenProblem(restored.token)).toBeUndefined();
        auth.dispose();
      }),
      { numRuns: 200 },
    );
  });

  it('a web-storage entry: session() never throws; what it gives is a usable session or nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          session.map((s) => JSON.stringify({ format: 'docspace-auth/session', version: 1, session: s })),
        ),
        async (text) => {
          const entries = new Map<string, string>([[`docspace-auth:http://127.0.0.1:1`, text]]);
          const storage = {
            getItem: (k: string) => entries.get(k) ?? null,
            setItem: (k: string, v: string) => void entries.set(k, v),
            removeItem: (k: string) => void entries.delete(k),
          };
          const auth = createDocSpaceAuth({ baseUrl: 'http://127.0.0.1:1', store: webStorageStore(storage) });
          const restored = await auth.session();
          if (restored) expect(tokenProblem(restored.token)).toBeUndefined();
          auth.dispose();
        },
      ),
      { numRuns: 200 },
    );
  });
});
