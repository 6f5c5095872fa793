// How an answer looks in `util.inspect` / `console.log`: status, address and headers, with every header that can carry
// a credential, a second-factor code in the path and the query shown as redacted. (The SDK builds no Request objects:
// what it sends never reaches a caller.)
import { redactedPath } from './redact-path.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i;

function headerView(headers: Headers): Record<string, string> {
  const view: Record<string, string> = {};
  headers.forEach((value, name) => {
    view[name] = SECRET_HEADER.test(name) ? '[redacted]' : value;
  });
  return view;
}

function urlView(address: string): string {
  try {
    const url = new URL(address);
    return `${url.origin}${redactedPath(address)}${url.search ? '?[redacted]' : ''}`;
  } catch {
    return '[redacted]';
  }
}

type Inspect = (value: unknown, options: unknown) => string;

/** Makes `response` show without credentials when inspected. Returns it. */
export function redactInspection(response: Response): Response {
  const view = () => ({
    status: response.status,
    statusText: response.statusText,
    ...(response.url ? { url: urlView(response.url) } : {}),
    headers: headerView(response.headers),
  });
  Object.defineProperty(response, inspectSymbol, {
    configurable: true,
    enumerable: false,
    value: (_depth: number, options: unknown, inspect: Inspect) => `Response ${inspect(view(), options)}`,
  });
  return response;
}
