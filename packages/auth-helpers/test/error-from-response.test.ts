// The one mapping from an HTTP answer to a DocSpaceAuthError, answer by answer, for each kind of request.
import { describe, expect, it } from 'vitest';
import { type AnsweredRequest, errorFromResponse } from '../src/error-from-response.js';

const NOW = Date.UTC(2026, 0, 1);
const answer = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });
const envelope = (message: string) => ({ error: { message } });

describe('errorFromResponse', () => {
  it.each<[number, AnsweredRequest, string]>([
    [200, 'sign-in', 'protocol'],
    [400, 'sign-in', 'invalid_input'],
    [401, 'sign-in', 'invalid_credentials'],
    [401, 'second-factor', 'invalid_code'],
    [401, 'call', 'session_expired'],
    [403, 'sign-in', 'blocked'],
    [403, 'call', 'protocol'],
    [404, 'sign-in', 'invalid_credentials'],
    [404, 'call', 'protocol'],
    [409, 'sign-in', 'protocol'],
    [429, 'call', 'rate_limited'],
    [500, 'call', 'server_error'],
    [502, 'sign-in', 'server_error'],
  ])('HTTP %i to a %s request: %s', (status, request, code) => {
    const error = errorFromResponse(answer(status), undefined, request, NOW);
    expect(error).toMatchObject({ code, status });
  });

  it('a 403 that says the account is disabled is user_disabled, with the server message', () => {
    const error = errorFromResponse(answer(403), envelope('The user is disabled'), 'sign-in', NOW);
    expect(error).toMatchObject({ code: 'user_disabled', serverMessage: 'The user is disabled' });
  });

  it('blocked carries the portal default block time as its hint', () => {
    expect(errorFromResponse(answer(403), undefined, 'sign-in', NOW).retryAfterMs).toBe(60_000);
  });

  it.each([
    [{ 'retry-after': '7' }, 7_000],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, 10_000],
    [{ 'x-ratelimit-reset': '12' }, 12_000],
    [{}, undefined],
  ])('rate_limited with %o hints %s ms', (headers, expected) => {
    expect(errorFromResponse(answer(429, headers), undefined, 'sign-in', NOW).retryAfterMs).toBe(expected);
  });

  it('ignores a body that is not an error envelope', () => {
    expect(errorFromResponse(answer(500), 'oops', 'call', NOW).serverMessage).toBeUndefined();
  });
});
