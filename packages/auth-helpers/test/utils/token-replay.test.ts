// Replaying a request after a 401: the token it carried is found and replaced everywhere it was, and only there.
import { describe, expect, it } from 'vitest';
import { tokenOf, withToken } from '../../src/utils/token-replay.js';

const url = 'https://portal.example/api/2.0/people/@self';

describe('token replay', () => {
  it('finds the token in a Bearer header, a bare header or the asc_auth_key cookie', () => {
    expect(tokenOf(new Request(url, { headers: { authorization: 'Bearer abc' } }))).toBe('abc');
    expect(tokenOf(new Request(url, { headers: { authorization: 'abc' } }))).toBe('abc');
    expect(tokenOf(new Request(url, { headers: { cookie: 'x=1; asc_auth_key=a%2Bb; y=2' } }))).toBe('a+b');
    expect(tokenOf(new Request(url))).toBeUndefined();
  });

  it('rewrites the header and the cookie, keeps everything else, and carries the body given', async () => {
    const old = new Request(url, {
      method: 'PUT',
      headers: { authorization: 'Bearer old', cookie: 'x=1; asc_auth_key=old', 'x-other': 'old' },
    });
    const copy = withToken(old, 'old', 'new', new TextEncoder().encode('{"a":1}').buffer as ArrayBuffer);
    expect(copy.headers.get('authorization')).toBe('Bearer new');
    expect(copy.headers.get('cookie')).toBe('x=1; asc_auth_key=new');
    expect(copy.headers.get('x-other')).toBe('old');
    expect(copy.method).toBe('PUT');
    expect(await copy.text()).toBe('{"a":1}');
    const bare = withToken(new Request(url, { headers: { authorization: 'old' } }), 'old', 'new', undefined);
    expect(bare.headers.get('authorization')).toBe('new');
  });

  it('leaves an Authorization header that did not carry the old token alone', () => {
    const other = withToken(new Request(url, { headers: { authorization: 'Basic xyz' } }), 'old', 'new', undefined);
    expect(other.headers.get('authorization')).toBe('Basic xyz');
  });
});
