import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Emulator, FaultRule } from '../src/index.js';
import { useEmulator } from './support/emulator.js';
import { AUTH, call, signIn } from './support/http.js';

const alice = { userName: 'alice@example.com', password: 'alice-password' };

/** Whether a request got an answer or had its connection dropped. */
function outcome(emulator: Emulator, path: string): Promise<number | 'dropped'> {
  return fetch(`${emulator.url}${path}`).then(
    (res) => res.arrayBuffer().then(() => res.status),
    () => 'dropped' as const,
  );
}

describe('fault injection', () => {
  it('applies a sequence to the next matching requests, in order, then answers normally', async () => {
    const emulator = await useEmulator();
    emulator.faults.add({
      method: 'POST',
      path: AUTH,
      sequence: [
        { kind: 'proxy-error', status: 502 },
        { kind: 'proxy-error', status: 503 },
        null,
        { kind: 'proxy-error', status: 504 },
      ],
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(emulator, alice)).status);
    expect(statuses).toEqual([502, 503, 200, 504, 200]);
    expect(emulator.faults.list()).toEqual([]);
  });

  it('proxy errors are nginx-like HTML pages', async () => {
    const emulator = await useEmulator({
      faults: [{ path: AUTH, sequence: [{ kind: 'proxy-error' }, { kind: 'proxy-error', status: 500 }] }],
    });
    const answer = await call(emulator, 'GET', AUTH);
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toBe('text/html');
    expect(answer.text).toContain('<title>502 Bad Gateway</title>');
    expect(answer.text).toContain('nginx');
    const second = await call(emulator, 'GET', AUTH);
    expect(second.status).toBe(500);
    expect(second.text).toContain('500 Internal Server Error');
  });

  it('only touches the matching method and path', async () => {
    const emulator = await useEmulator();
    emulator.faults.add({ method: 'POST', path: `${AUTH}/:code`, sequence: [{ kind: 'proxy-error', status: 503 }] });
    expect((await call(emulator, 'GET', AUTH)).status).toBe(200);
    expect((await signIn(emulator, alice)).status).toBe(200);
    expect((await call(emulator, 'POST', `${AUTH}/123456`, { json: alice })).status).toBe(503);
  });

  it('a `*` pattern matches any depth', async () => {
    const emulator = await useEmulator();
    emulator.faults.add({ path: '/api/2.0/*', sequence: [{ kind: 'proxy-error' }, { kind: 'proxy-error' }] });
    expect((await call(emulator, 'GET', '/api/2.0/people/@self')).status).toBe(502);
    expect((await call(emulator, 'POST', `${AUTH}/logout`)).status).toBe(502);
    expect((await call(emulator, 'POST', `${AUTH}/logout`)).status).toBe(200);
  });

  it('429 with Retry-After in seconds or as an HTTP date, and X-RateLimit headers', async () => {
    const emulator = await useEmulator({
      faults: [
        {
          path: AUTH,
          method: 'GET',
          sequence: [
            { kind: 'rate-limit', retryAfterSeconds: 7, limit: 100 },
            { kind: 'rate-limit', retryAfterSeconds: 120, retryAfterFormat: 'http-date' },
          ],
        },
      ],
    });
    const seconds = await call(emulator, 'GET', AUTH);
    expect(seconds.status).toBe(429);
    expect(seconds.text).toBe('');
    expect(seconds.headers.get('retry-after')).toBe('7');
    expect(seconds.headers.get('x-ratelimit-limit')).toBe('100');
    expect(seconds.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(seconds.headers.get('x-ratelimit-reset')).toBe('7');
    const dated = await call(emulator, 'GET', AUTH);
    const retryAfter = dated.headers.get('retry-after')!;
    expect(retryAfter).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
    expect(Date.parse(retryAfter)).toBeGreaterThan(Date.now());
  });

  it('drops the connection without answering', async () => {
    const emulator = await useEmulator({ faults: [{ path: AUTH, sequence: [{ kind: 'drop' }] }] });
    expect(await outcome(emulator, AUTH)).toBe('dropped');
    expect(await outcome(emulator, AUTH)).toBe(200);
  });

  it('malformed JSON: 200 with the real body cut short (the request itself took effect)', async () => {
    const emulator = await useEmulator({
      faults: [{ path: AUTH, method: 'POST', sequence: [{ kind: 'malformed-json' }] }],
    });
    const answer = await signIn(emulator, alice);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.text.startsWith('{"response":{"token":"')).toBe(true);
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(Number(answer.headers.get('content-length'))).toBe(Buffer.byteLength(answer.text));
    expect(answer.setCookies).toHaveLength(1);
  });

  it('malformed JSON turns an error into a broken 200 too', async () => {
    const emulator = await useEmulator({
      faults: [{ path: AUTH, method: 'POST', sequence: [{ kind: 'malformed-json' }] }],
    });
    const answer = await signIn(emulator, { ...alice, password: 'wrong' });
    expect(answer.status).toBe(200);
    expect(() => JSON.parse(answer.text)).toThrow();
  });

  it('a delay holds the answer, then answers normally (the client can give up first)', async () => {
    const emulator = await useEmulator({
      faults: [
        {
          path: AUTH,
          sequence: [
            { kind: 'delay', ms: 150 },
            { kind: 'delay', ms: 10_000 },
          ],
        },
      ],
    });
    expect((await call(emulator, 'GET', AUTH)).status).toBe(200);
    const aborted = await fetch(`${emulator.url}${AUTH}`, { signal: AbortSignal.timeout(100) }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(aborted).toBe('TimeoutError');
  });

  it('the request log shows each fault', async () => {
    const emulator = await useEmulator({
      faults: [{ path: AUTH, method: 'GET', sequence: [{ kind: 'proxy-error', status: 503 }, { kind: 'drop' }, null] }],
    });
    await outcome(emulator, AUTH);
    await outcome(emulator, AUTH);
    await outcome(emulator, AUTH);
    expect(emulator.requests.map((r) => [r.status, r.fault?.kind])).toEqual([
      [503, 'proxy-error'],
      [0, 'drop'],
      [200, undefined],
    ]);
  });

  it('probability rules are deterministic for a seed', async () => {
    const rule: FaultRule = {
      path: AUTH,
      method: 'GET',
      probability: 0.5,
      fault: { kind: 'proxy-error', status: 503 },
    };
    const run = async (seed: number) => {
      const emulator = await useEmulator({ seed, faults: [rule] });
      const statuses = [];
      for (let i = 0; i < 24; i++) statuses.push((await call(emulator, 'GET', AUTH)).status);
      return statuses;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run(43)).not.toEqual(first);
  });

  it('probability 0 never and 1 always injects', async () => {
    const emulator = await useEmulator({ seed: 1 });
    emulator.faults.add({ path: `${AUTH}/logout`, probability: 0, fault: { kind: 'drop' } });
    emulator.faults.add({ path: AUTH, method: 'GET', probability: 1, fault: { kind: 'proxy-error' } });
    for (let i = 0; i < 5; i++) {
      expect((await call(emulator, 'POST', `${AUTH}/logout`)).status).toBe(200);
      expect((await call(emulator, 'GET', AUTH)).status).toBe(502);
    }
  });

  it('reset() restores the faults of the options and replays the same dice', async () => {
    const emulator = await useEmulator({
      seed: 9,
      faults: [{ path: AUTH, method: 'GET', probability: 0.5, fault: { kind: 'proxy-error' } }],
    });
    const roll = async () => {
      const statuses = [];
      for (let i = 0; i < 12; i++) statuses.push((await call(emulator, 'GET', AUTH)).status);
      return statuses;
    };
    const first = await roll();
    emulator.faults.clear();
    expect((await call(emulator, 'GET', AUTH)).status).toBe(200);
    emulator.reset();
    expect(await roll()).toEqual(first);
  });

  it.each([
    [{ path: 'no-slash', sequence: [null] }, /path/],
    [{ path: AUTH }, /either "sequence" or "probability"/],
    [{ path: AUTH, sequence: [] }, /sequence/],
    [{ path: AUTH, sequence: [{ kind: 'explode' }] }, /sequence\[0\]\.kind/],
    [{ path: AUTH, probability: 2, fault: { kind: 'drop' } }, /probability/],
    [{ path: AUTH, sequence: [{ kind: 'proxy-error', status: 418 }] }, /status/],
    [{ path: AUTH, sequence: [{ kind: 'delay' }] }, /ms/],
  ])('refuses a malformed rule %#', async (rule, message) => {
    const emulator = await useEmulator();
    expect(() => emulator.faults.add(rule as FaultRule)).toThrow(message);
  });

  it('a fault after the body was sent still leaves keep-alive clients working', async () => {
    const emulator = await useEmulator({
      faults: [{ path: AUTH, method: 'POST', sequence: [{ kind: 'proxy-error' }] }],
    });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${emulator.url}${AUTH}`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(alice));
    });
    expect(status).toBe(502);
    expect((await signIn(emulator, alice)).status).toBe(200);
  });
});
