// The URL of a request: the base URL, the operation's path with its parameters filled in, and the query.

/** A query or path value as text; `undefined` for a value that is not sent. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * `baseUrl` + `url`, with each `{name}` of `url` replaced by the escaped `path.name`, and `query` appended (an array
 * repeats its name; `undefined` and `null` are left out).
 */
export function requestUrl(
  baseUrl: string | undefined,
  url: string,
  path: Record<string, unknown> | undefined,
  query: Record<string, unknown> | undefined,
): string {
  let target = url;
  if (path) {
    target = target.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(text(path[name]) ?? ''));
  }
  if (query) {
    const pairs: string[] = [];
    for (const [name, value] of Object.entries(query)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        const itemText = text(item);
        if (itemText !== undefined) pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(itemText)}`);
      }
    }
    if (pairs.length > 0) target += `${target.includes('?') ? '&' : '?'}${pairs.join('&')}`;
  }
  const base = baseUrl ?? '';
  return (base.endsWith('/') ? base.slice(0, -1) : base) + target;
}
