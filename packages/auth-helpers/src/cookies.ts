import { parseSetCookie } from 'cookie';

/**
 * The `Cookie` header that carries the portal's `asc_confirm_key_*` cookies from a step-one answer to step two,
 * or `undefined` when there are none. (Browsers keep cookies themselves and do not expose `Set-Cookie`; there
 * this finds nothing and the browser sends them.)
 */
export function confirmCookies(response: Response | undefined): string | undefined {
  const setCookies = response?.headers.getSetCookie?.() ?? [];
  const pairs: string[] = [];
  for (const line of setCookies) {
    // Kept as sent (still URL-encoded): it goes back to the same server verbatim.
    const { name, value } = parseSetCookie(line, { decode: (raw) => raw });
    if (name.startsWith('asc_confirm_key_') && value) pairs.push(`${name}=${value}`);
  }
  return pairs.length > 0 ? pairs.join('; ') : undefined;
}
