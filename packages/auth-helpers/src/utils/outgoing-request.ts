// A request as the transport sends it, attempt after attempt: `fetch(url, init)`, with no Request object built, and
// a body every attempt (a retry, the replay after a 401, a redirect) can send again.

/** What one call sends, in the form every attempt reuses. */
export interface OutgoingRequest {
  url: string;
  /** Upper case for the methods fetch normalises (`get` → `GET`), as the caller gave it otherwise. */
  method: string;
  headers: Headers;
  /** A body fetch can send again: text, bytes, a Blob, FormData or URLSearchParams. */
  body: BodyInit | undefined;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  /** The rest of the caller's `RequestInit` (`credentials`, `cache`, `keepalive`, ...), passed on as it is. */
  options: RequestInit;
}

/** The methods fetch upper-cases (the others keep their case). */
const NORMALISED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/** The `RequestInit` members a Request given as input carries besides method, headers, body and signal. */
const REQUEST_OPTIONS = [
  'cache',
  'credentials',
  'integrity',
  'keepalive',
  'mode',
  'referrer',
  'referrerPolicy',
] as const;

function normalisedMethod(method: string | undefined): string {
  if (method === undefined) return 'GET';
  const upper = method.toUpperCase();
  return NORMALISED.has(upper) ? upper : method;
}

/** A body that can be sent again: a stream is read into bytes once (it can be read only once). */
async function reusable(body: BodyInit | null | undefined): Promise<BodyInit | undefined> {
  if (body === null || body === undefined) return undefined;
  return typeof ReadableStream !== 'undefined' && body instanceof ReadableStream
    ? new Response(body).arrayBuffer()
    : body;
}

/** The request `fetch(input, init)` would send, as an {@link OutgoingRequest}. */
export async function outgoingRequest(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
): Promise<OutgoingRequest> {
  if (typeof input === 'string' || input instanceof URL) {
    const { method, headers, body, signal, ...options } = init ?? {};
    return {
      url: typeof input === 'string' ? input : input.href,
      method: normalisedMethod(method),
      headers: headers instanceof Headers ? headers : new Headers(headers),
      body: await reusable(body),
      signal: signal ?? undefined,
      options,
    };
  }
  // A Request (from a caller of auth.fetch): the same fields, read off it once.
  const request = init === undefined ? input : new Request(input, init);
  const options: Record<string, unknown> = {};
  for (const name of REQUEST_OPTIONS) if (request[name] !== undefined) options[name] = request[name];
  return {
    url: request.url,
    method: request.method,
    headers: new Headers(request.headers),
    body: request.body === null ? undefined : await request.arrayBuffer(),
    signal: request.signal,
    options: options as RequestInit,
  };
}
