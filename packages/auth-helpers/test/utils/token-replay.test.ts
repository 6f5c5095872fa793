// Replaying a request after a 401: the token it carried is found and replaced everywhere it was, and only there.
import { describe, expect, it } from 'vitest';
import { tokenOf, withToken } from '../../src/utils/token-replay.js';

describe('token replay', () => {
  it('finds the token in a Bearer header, a bare header or the asc_auth_key cookie', () => {
    expect(tokenOf(new Headers({ authorization: 'Bearer abc' }))).toBe('abc');
    expect(tokenOf(new Headers({ authorization: 'abc' }))).toBe('abc');
    expect(tokenOf(new Headers({ cookie: 'x=1; asc_auth_key=a%2Bb; y=2' }))).toBe('a+b');
    expect(tokenOf(new Headers())).toBeUndefined();
  });

  it('rewrites the header and the cookie in a copy, and keeps everything else', () => {
    const old = new Headers({ authorization: 'Bearer old', cookie: 'x=1; asc_auth_key=old', 'x-other': 'old' });
    const copy = withToken(old, 'old', 'new');
    expect(copy).not.toBe(old);
    expect(copy.get('authorization')).toBe('Bearer new');
    expect(copy.get('cookie')).toBe('x=1; asc_auth_key=new');
    expect(copy.get('x-other')).toBe('old');
    expect(old.get('authorization')).toBe('Bearer old');
    expect(withToken(new Headers({ authorization: 'old' }), 'old', 'new').get('authorization')).toBe('new');
  });

  it('leaves an Authorization header that did not carry the old token alone', () => {
    const other = withToken(new Headers({ authorization: 'Basic xyz' }), 'old', 'new');
    expect(other.get('authorization')).toBe('Basic xyz');
  });
});
