// How a Request or Response looks in `util.inspect` / `console.log`: method, address, status and headers, with every
// header that can carry a credential, and a second-factor code in the path, shown as redacted.
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

/** Makes `message` (a Request or Response) show without credentials when inspected. Returns it. */
export function redactInspection<T extends Request | Response>(message: T): T {
  const view =
    message instanceof Request
      ? () => ({ method: message.method, url: urlView(message.url), headers: headerView(message.headers) })
      : () => ({
          status: message.status,
          statusText: message.statusText,
          ...(message.url ? { url: urlView(message.url) } : {}),
          headers: headerView(message.headers),
        });
  Object.defineProperty(message, inspectSymbol, {
    configurable: true,
    enumerable: false,
    value: (_depth: number, options: unknown, inspect: Inspect) =>
      `${message instanceof Request ? 'Request' : 'Response'} ${inspect(view(), options)}`,
  });
  return message;
}
