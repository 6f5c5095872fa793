// Defaults every @docspace/auth-client client starts with. The generated `client` calls this at start-up
// (plugin option `runtimeConfigPath`), and so does `createDocSpaceClient`. Handwritten: it lives outside
// src/generated/ so that regenerating never touches it.
import { mergeHeaders } from './generated/client/index.js';
import type { CreateClientConfig } from './generated/client.gen.js';

/**
 * Adds the portal defaults to a client configuration: DocSpace answers JSON, so every request asks for it.
 * Values in `config` win over these defaults.
 */
export const createClientConfig: CreateClientConfig = (config) => ({
  ...config,
  headers: mergeHeaders({ Accept: 'application/json' }, config?.headers),
});
