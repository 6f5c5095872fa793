// The hostile-portal table (hostile/table.ts), as tests: each operation of the SDK against a real node:http portal on
// 127.0.0.1 that answers it with one fault, with the default fetch and with a fetch passed in. The outcome must be the
// one in the table, the call must end within its timeout, and nothing the caller gets may show the password, the
// code or a token. The https case (a redirect down to http) runs in a child process that trusts the test's own CA.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeakCheck } from './support/harness.js';
import { FAULTS, type Fault, OPERATIONS, type Operation, startHostilePortal, GOOD_TOKEN } from './hostile/portal.js';
import { CODE, PASSWORD, runOperation, STORED_TOKEN } from './hostile/run-operation.js';
import { EXPECTED, renderTable } from './hostile/table.js';

const leaks = new LeakCheck();
leaks.secret(PASSWORD, STORED_TOKEN, CODE, 'planted', 'owned');
afterAll(() => leaks.assertNoSecretEmitted());

const FETCHES = {
  'the default fetch': undefined,
  'a fetch passed in': (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init),
} as const;

const cases = FAULTS.flatMap((fault) =>
  OPERATIONS.filter((op) => EXPECTED[fault][op] !== '-').map((op) => ({ fault, op, expected: EXPECTED[fault][op] })),
);

describe.concurrent.each(Object.entries(FETCHES))('with %s', (_name, fetch) => {
  it.each(cases.filter((c) => c.fault !== 'redirect to http'))(
    '$op, $fault: $expected',
    async ({ fault, op, expected }) => {
      const portal = await startHostilePortal(op, fault);
      try {
        const started = performance.now();
        const ran = await runOperation(op, portal.url, fetch ? { fetch } : {});
        const elapsed = performance.now() - started;
        leaks.record(ran.got);
        expect(ran.outcome).toBe(expected);
        // Every call ends by its timeout (3 s); a wait the timeout would cut is not started at all.
        expect(elapsed).toBeLessThan(fault === '429 Retry-After past the timeout' ? 2500 : 10_000);
        if (fault === 'redirect other origin') {
          // Only the GET follows, and without the token; the password, the code and the logout's token never leave.
          expect(portal.elsewhere.length).toBe(op === 'authorised GET' ? 1 : 0);
          for (const request of portal.elsewhere) {
            expect(request.authorization).toBeUndefined();
            expect(request.cookie).toBeUndefined();
          }
        }
        if (expected === 'rate_limited') {
          const error = op === 'authorised GET' ? (ran.got as { error: unknown }).error : ran.got;
          expect(error).toMatchObject({ retryAfterMs: expect.any(Number) });
          if (fault === '429 Retry-After past the timeout') expect(error).toMatchObject({ retryAfterMs: 3_600_000 });
        }
        if (op === 'sign-in' || op === 'code') {
          if (expected === 'ok') expect(ran.got).toMatchObject({ token: GOOD_TOKEN });
        }
      } finally {
        await portal.close();
      }
    },
    30_000,
  );
});

describe('https portal that redirects down to plain http', () => {
  let dir = '';
  let tls = { key: '', cert: '' };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'docspace-hostile-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    tls = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const child = new URL('./hostile/https-child.mjs', import.meta.url).pathname;
  describe.concurrent.each(['default', 'custom'])('with the %s fetch', (fetchKind) => {
    it.each(OPERATIONS)(
      '%s',
      async (op: Operation) => {
        const fault: Fault = 'redirect to http';
        const portal = await startHostilePortal(op, fault, tls);
        try {
          const { stdout } = await promisify(execFile)(process.execPath, [child, portal.url, op, fetchKind], {
            env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') },
            timeout: 20_000,
          });
          const { outcome, got } = JSON.parse(stdout) as { outcome: string; got: string };
          leaks.emitted.push(got);
          expect(outcome).toBe(EXPECTED[fault][op]);
          expect(portal.elsewhere).toEqual([]); // nothing at all reached the http address
          expect(portal.seen.length).toBeGreaterThan(0); // and the https portal was really asked
        } finally {
          await portal.close();
        }
      },
      30_000,
    );
  });
});

describe('the README', () => {
  it('shows the table the tests run', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = /<!-- hostile-portal-table:start -->\n([\s\S]*?)\n<!-- hostile-portal-table:end -->/.exec(readme);
    expect(section?.[1]).toBe(renderTable());
  });
});
