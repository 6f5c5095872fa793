// The one mapping from an HTTP answer to a DocSpaceAuthError, answer by answer, for each kind of request.
import { describe, expect, it } from 'vitest';
import { type AnsweredRequest, errorFromResponse, errorFromResult } from '../src/errors/error-from-response.js';
import { DocSpaceAuthError } from '../src/errors/docspace-auth-error.js';

const NOW = Date.UTC(2026, 0, 1);
const answer = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });
const envelope = (message: string) => ({ error: { message } });

describe('errorFromResponse: answers of the actions (with an error envelope)', () => {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  it.each<[number, AnsweredRequest, string]>([
    [200, 'sign-in', 'protocol'],
    [400, 'sign-in', 'invalid_input'],
    [401, 'sign-in', 'invalid_credentials'],
    [401, 'second-factor', 'invalid_code'],
    [401, 'call', 'session_expired'],
    [403, 'sign-in', 'blocked'],
    [403, 'second-factor', 'blocked'],
    [403, 'call', 'protocol'],
    [404, 'sign-in', 'invalid_credentials'],
    [404, 'call', 'protocol'],
    [409, 'sign-in', 'protocol'],
    [429, 'call', 'rate_limited'],
    [500, 'call', 'server_error'],
    [502, 'sign-in', 'server_error'],
  ])('HTTP %i with an error envelope to a %s request: %s', (status, request, code) => {
    const error = errorFromResponse(answer(status, json), envelope('Some message'), request, NOW);
    expect(error).toMatchObject({ code, status });
  });

  it('a 403 that says the account is disabled is user_disabled, with the server message', () => {
    const error = errorFromResponse(answer(403, json), envelope('The user is disabled'), 'sign-in', NOW);
    expect(error).toMatchObject({ code: 'user_disabled', serverMessage: 'The user is disabled' });
  });

  it('blocked carries the portal default block time as its hint', () => {
    const error = errorFromResponse(
      answer(403, json),
      envelope('Too many login attempts. Please try again later'),
      'sign-in',
      NOW,
    );
    expect(error.retryAfterMs).toBe(60_000);
  });
});

describe('answers of the portal filters (no error envelope)', () => {
  const kinds: AnsweredRequest[] = ['sign-in', 'second-factor', 'call'];

  it.each(kinds)('an empty 404 to a %s request: portal_not_found, suggesting to check the address', (request) => {
    // An empty body comes from the client as {} (no content type at all).
    for (const body of [undefined, {}, '']) {
      const error = errorFromResponse(answer(404), body, request, NOW);
      expect(error).toMatchObject({ code: 'portal_not_found', status: 404, serverMessage: undefined });
      expect(error.message).toMatch(/check the address/);
    }
  });

  it('a proxy page answering 404 for a mistyped address is portal_not_found too', () => {
    const page = '<html><body><h1>404 Not Found</h1></body></html>';
    expect(errorFromResponse(answer(404, { 'content-type': 'text/html' }), page, 'sign-in', NOW).code).toBe(
      'portal_not_found',
    );
  });

  it.each(kinds)('an empty 403 to a %s request: portal_unavailable, with no block time', (request) => {
    const error = errorFromResponse(answer(403), {}, request, NOW);
    expect(error).toMatchObject({ code: 'portal_unavailable', status: 403, retryAfterMs: undefined });
  });

  it.each([
    ['plain text', 'text/plain; charset=utf-8'],
    ['a JSON string', 'application/json; charset=utf-8'],
  ])('the IP-restriction message as %s: access_restricted, never a block', (_label, type) => {
    for (const request of kinds) {
      const error = errorFromResponse(
        answer(403, { 'content-type': type }),
        'The access to the portal is restricted',
        request,
        NOW,
      );
      expect(error).toMatchObject({
        code: 'access_restricted',
        status: 403,
        retryAfterMs: undefined,
        serverMessage: 'The access to the portal is restricted',
      });
    }
  });

  it('a translated restriction message is recognised by its shape, not its words', () => {
    const error = errorFromResponse(
      answer(403, { 'content-type': 'text/plain' }),
      'Der Zugriff auf das Portal ist eingeschränkt',
      'call',
      NOW,
    );
    expect(error.code).toBe('access_restricted');
  });

  it('a 403 HTML page (a firewall, not the portal) is no block and no restriction: protocol', () => {
    const page = '<html><body>Forbidden</body></html>';
    expect(errorFromResponse(answer(403, { 'content-type': 'text/html' }), page, 'sign-in', NOW).code).toBe('protocol');
  });
});

describe('rate_limited hints and bodies', () => {
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

describe('errorFromResult', () => {
  it('maps a failed auth-client result like an authorised call, and keeps a DocSpaceAuthError as it is', () => {
    expect(errorFromResult({ error: {}, response: answer(404) }, NOW).code).toBe('portal_not_found');
    expect(errorFromResult({ error: new SyntaxError('Unexpected token <'), response: answer(200) }, NOW).code).toBe(
      'protocol',
    );
    expect(errorFromResult({ error: new TypeError('fetch failed') }, NOW).code).toBe('network');
    const own = new DocSpaceAuthError('timeout', 'the call took too long');
    expect(errorFromResult({ error: own }, NOW)).toBe(own);
  });
});
