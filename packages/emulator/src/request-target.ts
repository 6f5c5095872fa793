/**
 * The request line and `Host` header as the emulator reads them, checked before anything else runs: a target
 * that is not a plain absolute path, a path with dot segments (`/a/../b`, also as `%2e`) or backslashes, and a
 * malformed `Host` are answered 400. The WHATWG URL parser would otherwise resolve `..` and `\` itself, so
 * `/api/../__emulator/reset` (which a proxy forwarding only `/api/` lets through) would reach another route.
 *
 * @module
 */

/** A host name, IPv4 address or bracketed IPv6 address, with an optional port. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(?::\d{1,5})?$/;

/** The parsed target, or the reason it is refused. */
export type RequestTarget = { url: URL } | { error: string };

/** Whether a raw path has a `.` or `..` segment (percent-encoded dots included). */
function hasDotSegment(path: string): boolean {
  for (const segment of path.split('/')) {
    const decoded = segment.replace(/%2e/gi, '.');
    if (decoded === '.' || decoded === '..') return true;
  }
  return false;
}

/**
 * Parses `req.url` (origin form: `/path?query`) against the `Host` header (default `localhost`, for HTTP/1.0).
 * The resulting `URL` keeps the path exactly as sent (no dot segments to resolve, `//` kept).
 */
export function parseRequestTarget(target: string | undefined, host: string | undefined): RequestTarget {
  const raw = target ?? '/';
  if (!raw.startsWith('/')) return { error: 'the request target must be an absolute path' };
  const path = raw.split('?', 1)[0] ?? '';
  if (path.includes('\\')) return { error: 'the request path must not contain a backslash' };
  if (hasDotSegment(path)) return { error: 'the request path must not contain "." or ".." segments' };
  const authority = host ?? 'localhost';
  if (!HOST.test(authority)) return { error: 'the Host header is malformed' };
  let url: URL;
  try {
    url = new URL(`http://${authority}${raw}`);
  } catch {
    return { error: 'the request target or Host header is malformed' };
  }
  return { url };
}
