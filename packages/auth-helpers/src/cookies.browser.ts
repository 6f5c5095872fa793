/**
 * The browser build's `confirmCookies` (see cookies.ts): a page never sees `Set-Cookie`, and the browser's own
 * cookie jar carries the `asc_confirm_key_*` cookies to step two, so there is never a header to build.
 */
export function confirmCookies(_response: Response | undefined): string | undefined {
  return undefined;
}
