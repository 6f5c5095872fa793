// The fetch runtime the generated operations run on (the generator's custom-client plugin points here).
export { createClient, createConfig } from './create-client.js';
export { mergeHeaders } from './headers.js';
export type {
  Auth,
  AuthCallback,
  AuthToken,
  CallError,
  CallFailure,
  CallSuccess,
  Client,
  ClientMeta,
  ClientOptions,
  Config,
  DeclaredErrorBody,
  FetchOptions,
  HeadersOption,
  HeaderValue,
  HttpMethod,
  MethodFn,
  Options,
  RequestOptions,
  RequestResult,
  ResponseData,
  TDataShape,
} from './types.js';
