import { type Client, type Config, createClient, createConfig } from './runtime/index.js';
import { createClientConfig } from './runtime-config.js';

/** Options of {@link createDocSpaceClient}: any client option, with the portal address required. */
export type DocSpaceClientOptions = Config & {
  /** The portal's address, e.g. `https://yourportal.onlyoffice.com` (no trailing `/api/2.0`). */
  baseUrl: string;
};

/**
 * Creates a client for one portal, with the same defaults as the package's shared `client`. Pass it to any
 * operation as `{ client }`, e.g. `authenticateMe({ client, body })`.
 *
 * @example
 * ```ts
 * const client = createDocSpaceClient({ baseUrl: 'https://yourportal.onlyoffice.com' });
 * const { data, error } = await getIsAuthentificated({ client });
 * ```
 */
export function createDocSpaceClient(options: DocSpaceClientOptions): Client {
  return createClient(createClientConfig(createConfig(options)));
}
