/**
 * The `Cookie` header that carries the portal's `asc_confirm_key_*` cookies from a step-one answer to step two,
 * or `undefined` when there are none. Browsers keep cookies themselves and never expose `Set-Cookie`, so there
 * this finds nothing and sends nothing.
 *
 * Only the leading `name=value` pair of each `Set-Cookie` line is read (RFC 6265 §5.2: the pair ends at the first
 * `;`, the name at the first `=`, both trimmed); the attributes after it do not matter for sending it back. The
 * value is kept as sent (still URL-encoded): it goes back to the same server verbatim.
 */
export function confirmCookies(response: Response | undefined): string | undefined {
  const pairs: string[] = [];
  for (const line of response?.headers.getSetCookie?.() ?? []) {
    const pair = line.split(';', 1)[0] ?? '';
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const name = pair.slice(0, equals).trim();
    const value = pair
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name.startsWith('asc_confirm_key_') && value) pairs.push(`${name}=${value}`);
  }
  return pairs.length > 0 ? pairs.join('; ') : undefined;
}
