// The browser build's twins of Node-specific modules (bundled instead of them by tsdown.config.ts for the `browser`
// export condition; the browser suite runs that build in Chromium). Here: what each one leaves out.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { confirmCookies as browserConfirmCookies } from '../src/cookies.browser.js';
import { confirmCookies } from '../src/cookies.js';
import { hideToken as browserHideToken } from '../src/utils/hide-token.browser.js';
import { hideToken } from '../src/utils/hide-token.js';
import { redactInspection as browserRedactInspection } from '../src/utils/redacted-inspect.browser.js';
import { redactInspection } from '../src/utils/redacted-inspect.js';

const withConfirmCookie = () =>
  new Response('{}', { headers: [['Set-Cookie', 'asc_confirm_key_TfaActivation=abc%3D; Path=/; HttpOnly']] });

describe('browser twins', () => {
  it('confirmCookies: the default build carries the confirm cookie; the browser build leaves it to the browser', () => {
    expect(confirmCookies(withConfirmCookie())).toBe('asc_confirm_key_TfaActivation=abc%3D');
    expect(browserConfirmCookies(withConfirmCookie())).toBeUndefined();
  });

  it('hideToken: the default build hides the token from util.inspect; the browser build adds nothing', () => {
    expect(inspect(hideToken({ token: 'secret-token' }))).not.toContain('secret-token');
    const plain = browserHideToken({ token: 'secret-token' });
    expect(Object.getOwnPropertySymbols(plain)).toEqual([]);
  });

  it('redactInspection: the default build shows an answer without its credentials; the browser build adds nothing', () => {
    const answer = () => new Response('{}', { headers: { 'set-cookie': 'asc_auth_key=secret-token' } });
    expect(inspect(redactInspection(answer()))).not.toContain('secret-token');
    const plain = answer();
    const before = Object.getOwnPropertySymbols(plain);
    expect(browserRedactInspection(plain)).toBe(plain);
    expect(Object.getOwnPropertySymbols(plain)).toEqual(before);
  });
});
