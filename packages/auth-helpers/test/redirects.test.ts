// The redirect rules, one by one (the hostile-portal table runs them over the wire).
import { describe, expect, it } from 'vitest';
import { MAX_REDIRECTS, nextHop } from '../src/redirects.js';

const redirect = (status: number, location?: string) =>
  new Response(null, { status, headers: location === undefined ? {} : { Location: location } });
const post = (url = 'https://portal.example.com/api/2.0/authentication') =>
  new Request(url, {
    method: 'POST',
    body: '{}',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t', Cookie: 'c=1' },
  });
const get = (url = 'https://portal.example.com/api/2.0/people/@self') =>
  new Request(url, { headers: { Authorization: 'Bearer t', Cookie: 'asc_auth_key=t' } });

describe('nextHop', () => {
  it('is undefined for an answer that is not a redirect, or one without Location', () => {
    expect(nextHop(get(), new Response('{}'), 'GET', 0)).toBeUndefined();
    expect(nextHop(get(), redirect(307), 'GET', 0)).toBeUndefined();
    expect(nextHop(get(), redirect(304, '/x'), 'GET', 0)).toBeUndefined();
  });

  it('307 and 308 keep the method, the body and the credentials on the same origin', () => {
    for (const status of [307, 308]) {
      const hop = nextHop(post(), redirect(status, '/api/2.0/authentication2'), 'POST', 0);
      expect(hop).toMatchObject({
        url: 'https://portal.example.com/api/2.0/authentication2',
        method: 'POST',
        keepBody: true,
      });
      expect(hop?.headers.get('authorization')).toBe('Bearer t');
    }
  });

  it('303, and 301/302 after a POST, continue with a GET without the body headers', () => {
    for (const status of [301, 302, 303]) {
      const hop = nextHop(post(), redirect(status, '/elsewhere'), 'POST', 0);
      expect(hop).toMatchObject({ method: 'GET', keepBody: false });
      expect(hop?.headers.get('content-type')).toBeNull();
    }
    expect(nextHop(get(), redirect(301, '/x'), 'GET', 0)).toMatchObject({ method: 'GET' });
  });

  it('a GET follows another origin without Authorization and Cookie', () => {
    const hop = nextHop(get(), redirect(302, 'https://cdn.example.net/x'), 'GET', 0);
    expect(hop?.url).toBe('https://cdn.example.net/x');
    expect(hop?.headers.get('authorization')).toBeNull();
    expect(hop?.headers.get('cookie')).toBeNull();
  });

  it.each([
    ['a POST to another origin', post(), 'https://evil.example.net/api/2.0/authentication', 'POST'],
    ['a POST that became a GET, to another origin', post(), 'https://evil.example.net/', 'POST'],
    ['https down to http, same host', get(), 'http://portal.example.com/api/2.0/people/@self', 'GET'],
    ['another scheme', get(), 'ftp://portal.example.com/x', 'GET'],
    ['a Location that is not a URL', get(), 'http://[::1', 'GET'],
  ])('refuses %s', (_what, request, location, method) => {
    expect(() => nextHop(request, redirect(307, location), method, 0)).toThrow(
      expect.objectContaining({ code: 'redirect_refused' }),
    );
  });

  it(`refuses more than ${MAX_REDIRECTS} in a row`, () => {
    expect(nextHop(get(), redirect(307, '/x'), 'GET', MAX_REDIRECTS - 1)).toBeDefined();
    expect(() => nextHop(get(), redirect(307, '/x'), 'GET', MAX_REDIRECTS)).toThrow(/more than 5 times/);
  });

  it('refuses a browser opaque redirect, which cannot be inspected', () => {
    const opaque = Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' });
    expect(() => nextHop(get(), opaque, 'GET', 0)).toThrow(expect.objectContaining({ code: 'redirect_refused' }));
  });
});
