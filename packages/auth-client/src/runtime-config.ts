// Defaults every @docspace/auth-client client starts with. The generated `client` calls this at start-up
// (plugin option `runtimeConfigPath`), and so does `createDocSpaceClient`. Handwritten: it lives outside
// src/generated/ so that regenerating never touches it.
import { type ClientOptions, type Config, mergeHeaders } from './runtime/index.js';

/**
 * Adds the portal defaults to a client configuration. Values in `config` win over these defaults.
 *
 * - `Accept: application/json`: DocSpace answers JSON, so every request asks for it.
 */
export const createClientConfig = <T extends ClientOptions>(config?: Config<T>): Config<T> => ({
  ...config,
  headers: mergeHeaders({ Accept: 'application/json' }, config?.headers),
});
