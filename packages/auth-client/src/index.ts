/**
 * `@docspace/auth-client`: a typed fetch client for the ONLYOFFICE DocSpace authentication API.
 *
 * Everything under `./generated/` is produced from `spec/openapi.yaml` by `@hey-api/openapi-ts`; this file is
 * the package's whole public surface.
 *
 * @packageDocumentation
 */

// One function per operation (`authenticateMe`, `authenticateMeFromBodyWithCode`, `getSelfProfile`, ...) and
// the request, response and error types of each.
export * from './generated/index.js';
// The valibot schemas the operations validate their success responses with (`vAuthenticationTokenWrapper`, ...).
export * from './generated/valibot.gen.js';
// The shared client instance the operations use when no `client` option is given.
export { client } from './generated/client.gen.js';
export type { CreateClientConfig } from './generated/client.gen.js';
// The bundled fetch client, for more instances and custom set-ups.
export {
  createClient,
  createConfig,
  mergeHeaders,
  type Auth,
  type Client,
  type ClientOptions as BaseClientOptions,
  type Config,
  type RequestOptions,
  type RequestResult,
  type ResolvedRequestOptions,
} from './generated/client/index.js';
export { createDocSpaceClient, type DocSpaceClientOptions } from './create-client.js';
export { createClientConfig } from './runtime-config.js';
