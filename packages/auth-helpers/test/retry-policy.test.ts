// Which answers deserve another attempt: the retry policy, apart from the loop (test/retry.test.ts).
import { describe, expect, it } from 'vitest';
import { shouldRetryNetworkError, shouldRetryStatus } from '../src/retry-policy.js';

describe('retry policy', () => {
  it.each([
    ['GET', 408, true],
    ['GET', 429, true],
    ['GET', 500, false],
    ['GET', 502, true],
    ['GET', 503, true],
    ['GET', 504, true],
    ['GET', 400, false],
    ['GET', 401, false],
    ['GET', 403, false],
    ['GET', 404, false],
    ['POST', 429, true],
    ['POST', 503, true],
    ['POST', 502, false],
    ['POST', 504, false],
    ['POST', 408, false],
  ])('%s answered %i: retry %s', (method, status, expected) => {
    expect(shouldRetryStatus(method, status)).toBe(expected);
  });

  it.each([
    ['GET', { cause: { code: 'ECONNRESET' } }, true],
    ['GET', new TypeError('fetch failed'), true],
    ['POST', new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), true],
    ['POST', new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } }), true],
    ['POST', new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }), false],
    ['POST', new TypeError('fetch failed'), false],
  ])('%s failed with %o: retry %s', (method, error, expected) => {
    expect(shouldRetryNetworkError(method, error)).toBe(expected);
  });
});
