// Attaching a session to a client made by someone else: any hey-api fetch client (`@hey-api/client-fetch`, or the
// one bundled into a generated SDK) takes `auth.fetch` through its `setConfig`. `auth.client` is made the same way.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';

/**
 * A client that takes a base URL and a fetch through `setConfig`, as every hey-api fetch client does
 * (`client.setConfig({ baseUrl, fetch })`).
 */
export interface AttachableClient {
  setConfig(config: { baseUrl: string; fetch: typeof globalThis.fetch; throwOnError?: boolean }): unknown;
}

/** Options of `auth.attach(client, options)`. */
export interface AttachOptions {
  /**
   * The base URL of the client's paths, inside the portal: the portal address (the default) when the paths start
   * with `/api/2.0/...`, or e.g. `https://yourportal.onlyoffice.com/api/2.0` when they start after it.
   */
  baseUrl?: string | undefined;
  /** `true`: every call of this client rejects with its error instead of returning `{ error }`. */
  throwOnError?: boolean | undefined;
}

/** Points `client` at the portal and makes it send every request through `fetch` (auth.fetch). */
export function attachClient<C extends AttachableClient>(
  client: C,
  fetch: typeof globalThis.fetch,
  portal: string,
  options: AttachOptions = {},
): C {
  if (typeof client?.setConfig !== 'function') {
    throw new DocSpaceAuthError(
      'invalid_input',
      'attach() needs a client with setConfig(), such as a hey-api fetch client',
    );
  }
  let baseUrl = portal;
  if (options.baseUrl !== undefined) {
    try {
      baseUrl = new URL(options.baseUrl).href.replace(/\/+$/, '');
    } catch {
      baseUrl = '';
    }
  }
  if (baseUrl !== portal && !baseUrl.startsWith(`${portal}/`)) {
    throw new DocSpaceAuthError('invalid_input', `attach(): baseUrl must be inside the portal ${portal}`);
  }
  client.setConfig({
    baseUrl,
    fetch,
    ...(options.throwOnError === undefined ? {} : { throwOnError: options.throwOnError }),
  });
  return client;
}
