// Defaults every @docspace/auth-client client starts with. The generated `client` calls this at start-up
// (plugin option `runtimeConfigPath`), and so does `createDocSpaceClient`. Handwritten: it lives outside
// src/generated/ so that regenerating never touches it.
import { type ClientOptions, type Config, mergeHeaders } from './generated/client/index.js';
import type { ClientOptions as PortalClientOptions } from './generated/types.gen.js';

/**
 * The shape of the generated `CreateClientConfig` (client.gen.ts), spelled out here so that this file, which
 * client.gen.ts imports, imports nothing back from it.
 */
type CreatePortalClientConfig = (
  override?: Config<ClientOptions & PortalClientOptions>,
) => Config<Required<ClientOptions> & PortalClientOptions>;

/**
 * Adds the portal defaults to a client configuration. Values in `config` win over these defaults.
 *
 * - `Accept: application/json`: DocSpace answers JSON, so every request asks for it.
 * - `parseAs: 'json'`: every success body is read as JSON and checked against the spec, whatever its
 *   `Content-Type`. (The bundled client would otherwise hand a body without a content type through as a stream,
 *   and a `text/html` one as a string, unchecked: a proxy's login page answered with 200 would pass as data.)
 *   Such a body now comes back as `error` (a `SyntaxError`) with the 200 `response` alongside. A client-wide
 *   `parseAs` other than `'auto'` is kept.
 */
export const createClientConfig: CreatePortalClientConfig = (config) => ({
  ...config,
  // `createConfig` fills in 'auto'; a client-wide 'auto' therefore means "not chosen" here. A request's own
  // `parseAs` option still wins.
  parseAs: config?.parseAs === undefined || config.parseAs === 'auto' ? 'json' : config.parseAs,
  headers: mergeHeaders({ Accept: 'application/json' }, config?.headers),
});
