// CORS answers for pages on other origins: a convenience for local development (a dev server on one port, the
// emulator on another). Not a claim about a real portal, whose CORS policy is its administrator's to set.
import type { IncomingMessage } from 'node:http';

/** Options of {@link EmulatorOptions.cors}. */
export interface CorsOptions {
  /** Origins (`scheme://host[:port]`) whose pages may call the API with credentials, e.g. `http://localhost:5173`. */
  origins: readonly string[];
}

/** Headers a page's script may read beyond the CORS-safelisted ones: what the SDK's retry logic reads. */
const EXPOSED = 'Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset';

/** The allowed origins, checked: each must be an `http:` or `https:` origin and nothing more. */
export function corsOrigins(options: CorsOptions | undefined): ReadonlySet<string> | undefined {
  if (options === undefined) return undefined;
  if (!Array.isArray(options.origins)) throw new TypeError('cors.origins must be an array of origins');
  return new Set(
    options.origins.map((origin, i) => {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
        throw new TypeError(
          `cors.origins[${i}] must be an origin such as http://localhost:5173, got ${JSON.stringify(origin)}`,
        );
      }
      return parsed.origin;
    }),
  );
}

/** The CORS headers of an answer to `req`: only for an allowed `Origin`, with credentials. */
export function corsHeaders(
  allowed: ReadonlySet<string> | undefined,
  req: IncomingMessage,
): Record<string, string> | undefined {
  const origin = req.headers.origin;
  if (!allowed || origin === undefined || !allowed.has(origin)) return undefined;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': EXPOSED,
    vary: 'Origin',
  };
}

/** A preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed origin: the 204 to send. */
export function preflightHeaders(
  cors: Record<string, string>,
  req: IncomingMessage,
): Record<string, string> | undefined {
  if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return undefined;
  const requested = req.headers['access-control-request-headers'];
  return {
    ...cors,
    'access-control-allow-methods': 'GET, POST',
    ...(requested ? { 'access-control-allow-headers': requested } : {}),
    'access-control-max-age': '600',
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  };
}
