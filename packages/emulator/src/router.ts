import { compilePathPattern } from './path-pattern.js';

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
