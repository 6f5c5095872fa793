// The client: one request path from a generated operation to `fetch(url, init)`, with no Request object built and
// nothing run that these JSON operations do not need.
import { isDocSpaceAuthError } from '../errors/docspace-auth-error.js';
import { errorFromResult } from '../errors/error-from-response.js';
import { mergeHeaders } from './headers.js';
import { readResponse } from './read-response.js';
import { applySecurity } from './security.js';
import type { Client, ClientOptions, Config, HttpMethod, MethodFn, RequestOptions } from './types.js';
import { requestUrl } from './url.js';

/** A body `fetch` takes as it is; anything else is sent as JSON. */
function isBodyInit(body: unknown): boolean {
  return (
    typeof body === 'string' ||
    body instanceof Blob ||
    body instanceof FormData ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream)
  );
}

/** The configuration a client starts from: `override` over the defaults (`throwOnError: false`). */
export function createConfig<T extends ClientOptions = ClientOptions>(
  override: Config<ClientOptions & T> = {},
): Config<Required<ClientOptions> & T> {
  return { throwOnError: false, ...override } as Config<Required<ClientOptions> & T>;
}

/** Creates a client. Every operation takes one as its `client` option. */
export function createClient(initial: Config = {}): Client {
  let config: Config = { ...initial, headers: mergeHeaders(initial.headers) };

  const request = async (options: RequestOptions) => {
    let response: Response | undefined;
    let result: { data: unknown; error: unknown; response: Response | undefined };
    try {
      const headers = mergeHeaders(config.headers, options.headers);
      let query = options.query;
      if (options.security) {
        const added: Record<string, unknown> = {};
        await applySecurity(options.security, options.auth ?? config.auth, headers, added);
        if (Object.keys(added).length > 0) query = { ...query, ...added };
      }
      let body = options.body;
      if (body === undefined || body === null) {
        body = undefined;
        delete headers['content-type'];
      } else if (!isBodyInit(body)) {
        body = JSON.stringify(body);
      }
      const url = requestUrl(options.baseUrl ?? config.baseUrl, options.url, options.path, query);
      const signal = options.signal ?? config.signal;
      // A local, not a method call on the options: a browser's fetch must not be called with another `this`.
      const fetch = options.fetch ?? config.fetch ?? globalThis.fetch;
      response = await fetch(url, {
        ...config.fetchOptions,
        ...options.fetchOptions,
        method: options.method ?? 'GET',
        headers,
        ...(body === undefined ? {} : { body: body as BodyInit }),
        ...(signal ? { signal } : {}),
      });
      const reading = await readResponse(
        response,
        options.responseValidator,
        options.requestKind ?? config.requestKind,
      );
      result = reading.ok
        ? { data: reading.data, error: undefined, response }
        : { data: undefined, error: reading.error, response };
    } catch (error) {
      // Thrown by fetch (no answer), by reading the body, or by a custom fetch (the helpers' typed failures).
      result = {
        data: undefined,
        error: isDocSpaceAuthError(error) ? error : errorFromResult({ error, response }),
        response,
      };
    }
    if (result.error !== undefined && (options.throwOnError ?? config.throwOnError)) throw result.error;
    return result;
  };

  const method =
    (name: HttpMethod): MethodFn =>
    (options) =>
      request({ ...options, method: name }) as never;

  return {
    get: method('GET'),
    post: method('POST'),
    put: method('PUT'),
    patch: method('PATCH'),
    delete: method('DELETE'),
    head: method('HEAD'),
    options: method('OPTIONS'),
    request: request as Client['request'],
    buildUrl: (options) => requestUrl(options.baseUrl ?? config.baseUrl, options.url, options.path, options.query),
    getConfig: () => ({ ...config }),
    setConfig(next) {
      config = { ...config, ...next, headers: mergeHeaders(config.headers, next.headers) };
      return { ...config };
    },
  };
}
