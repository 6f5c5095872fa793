/**
 * `@docspace/auth-client`: a typed fetch client for the ONLYOFFICE DocSpace authentication API.
 *
 * Everything under `./generated/` is produced from `spec/openapi.yaml` by `@hey-api/openapi-ts`; this file is
 * the package's root entry: the client, the operations and their types. The valibot schemas the operations
 * validate responses with are a separate entry, `@docspace/auth-client/schemas` (src/schemas.ts).
 *
 * @packageDocumentation
 */

// One function per operation (`authenticateMe`, `authenticateMeFromBodyWithCode`, `getSelfProfile`, ...) and
// the request, response and error types of each.
export * from './generated/index.js';
// The shared client instance the operations use when no `client` option is given.
export { client } from './generated/client.gen.js';
export type { CreateClientConfig } from './generated/client.gen.js';
// The bundled fetch client, for more instances and custom set-ups.
export {
  createClient,
  createConfig,
  type Auth,
  type Client,
  type ClientOptions as BaseClientOptions,
  type Config,
  type RequestOptions,
  type RequestResult,
  type ResolvedRequestOptions,
} from './generated/client/index.js';
export { createDocSpaceClient, type DocSpaceClientOptions } from './create-client.js';
