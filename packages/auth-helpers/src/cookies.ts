/**
 * The `Cookie` header that carries the portal's `asc_confirm_key_*` cookies from a step-one answer to step two,
 * or `undefined` when there are none. Browsers keep cookies themselves and never expose `Set-Cookie`, so there
 * this finds nothing, sends nothing, and the cookie parser is never loaded.
 */
export async function confirmCookies(response: Response | undefined): Promise<string | undefined> {
  const setCookies = response?.headers.getSetCookie?.() ?? [];
  if (setCookies.length === 0) return undefined;
  const { parseSetCookie } = await import('cookie');
  const pairs: string[] = [];
  for (const line of setCookies) {
    // Kept as sent (still URL-encoded): it goes back to the same server verbatim.
    const { name, value } = parseSetCookie(line, { decode: (raw) => raw });
    if (name.startsWith('asc_confirm_key_') && value) pairs.push(`${name}=${value}`);
  }
  return pairs.length > 0 ? pairs.join('; ') : undefined;
}
