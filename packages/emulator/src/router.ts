/**
 * Path patterns, shared by the route table and fault rules: literal segments match case-insensitively
 * (as ASP.NET routing does), `:name` matches one non-empty segment and `*` matches anything, `/`
 * included. A single trailing slash is ignored.
 */
export function compilePathPattern(pattern: string): (path: string) => boolean {
  const source = pattern
    .replace(/\/+$/, '')
    .split(/(\*|:[A-Za-z_][A-Za-z0-9_]*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}/?$`, 'i');
  return (path) => regex.test(path);
}

/** One entry of a route table. */
export interface Route<H> {
  method: string;
  pattern: string;
  /** Handler name (used in emulated stack traces). */
  name: string;
  handler: H;
  matches(path: string): boolean;
}

export function route<H>(method: string, pattern: string, name: string, handler: H): Route<H> {
  return { method, pattern, name, handler, matches: compilePathPattern(pattern) };
}

/** The route for a request (first match wins, so literal routes go before `:param` ones), or why none. */
export function findRoute<H>(
  routes: readonly Route<H>[],
  method: string,
  path: string,
): { route: Route<H> } | { status: 404 } | { status: 405; allow: string[] } {
  const onPath = routes.filter((r) => r.matches(path));
  const hit = onPath.find((r) => r.method === method);
  if (hit) return { route: hit };
  if (onPath.length === 0) return { status: 404 };
  return { status: 405, allow: [...new Set(onPath.map((r) => r.method))] };
}
