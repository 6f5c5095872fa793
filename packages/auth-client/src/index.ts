/**
 * `@docspace/auth-client`: a typed fetch client for the ONLYOFFICE DocSpace authentication API.
 *
 * Everything under `./generated/` is produced from `spec/openapi.yaml` by `@hey-api/openapi-ts`; the fetch runtime
 * the operations run on is ours (`./runtime/`). This file is the package's root entry: the client, the operations,
 * their types and the error class. The valibot schemas the operations
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
// The fetch runtime the operations run on, for more instances and custom set-ups.
export {
  createClient,
  createConfig,
  type Auth,
  type AuthCallback,
  type AuthToken,
  type CallError,
  type CallFailure,
  type CallSuccess,
  type Client,
  type ClientOptions as BaseClientOptions,
  type Config,
  type DeclaredErrorBody,
  type FetchOptions,
  type HeadersOption,
  type HeaderValue,
  type RequestOptions,
  type RequestResult,
  type ResponseData,
} from './runtime/index.js';
export { createDocSpaceClient, type DocSpaceClientOptions } from './create-client.js';
// The error of every failed call that is not a body the operation declares (also the `./errors` entry).
export {
  DocSpaceAuthError,
  errorFromResult,
  isDocSpaceAuthError,
  type AnsweredRequest,
  type CallResult,
  type DocSpaceAuthErrorCode,
  type DocSpaceAuthErrorDetails,
} from './errors/index.js';
