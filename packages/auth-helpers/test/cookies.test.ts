// The confirm cookies of a step-one answer, as step two sends them back.
import { describe, expect, it } from 'vitest';
import { confirmCookies } from '../src/cookies.js';

const answer = (...lines: string[]) => {
  const headers = new Headers();
  for (const line of lines) headers.append('set-cookie', line);
  return new Response(null, { headers });
};

describe('confirmCookies', () => {
  it('keeps only asc_confirm_key_* pairs, values as sent (URL-encoded), attributes dropped', () => {
    const response = answer(
      'asc_confirm_key_TfaAuth=abc%2Bdef%3D; path=/; secure; HttpOnly; SameSite=None',
      'asc_auth_key=not-this-one; path=/',
      'asc_confirm_key_PhoneAuth = "quoted" ; Expires=Wed, 21 Oct 2026 07:28:00 GMT',
    );
    expect(confirmCookies(response)).toBe('asc_confirm_key_TfaAuth=abc%2Bdef%3D; asc_confirm_key_PhoneAuth=quoted');
  });

  it('finds nothing in an answer without such cookies, a line without a pair, or no answer at all', () => {
    expect(
      confirmCookies(answer('asc_auth_key=x; path=/', 'garbage-without-equals', 'asc_confirm_key_Empty=; path=/')),
    ).toBeUndefined();
    expect(confirmCookies(answer())).toBeUndefined();
    expect(confirmCookies(undefined)).toBeUndefined();
  });
});
