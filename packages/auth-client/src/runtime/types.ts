// The types of the fetch runtime under the generated operations: what a client is configured with, what an
// operation passes to it, and what a call resolves to. The generated sdk.gen.ts and client.gen.ts import these
// names (Client, ClientMeta, ClientOptions, Config, Options, RequestResult, TDataShape), so they keep hey-api's
// names and generic parameters.
import type { DocSpaceAuthError } from '../errors/docspace-auth-error.js';
import type { AnsweredRequest } from '../errors/error-from-response.js';

/** One security scheme of an operation, as the generator writes it into the operation. */
export interface Auth {
  /** Where the credential goes. Default `'header'`. */
  in?: 'header' | 'query' | 'cookie' | undefined;
  /** Tells apart schemes that would otherwise look the same. */
  key?: string | undefined;
  /** The header, cookie or query parameter name. Default `Authorization`. */
  name?: string | undefined;
  /** For `type: 'http'`: `Bearer <token>` or `Basic <base64>`. */
  scheme?: 'basic' | 'bearer' | undefined;
  type: 'apiKey' | 'http';
}

/** The credential for a scheme: the bare token (the runtime adds `Bearer `), or `undefined` to send nothing. */
export type AuthToken = string | undefined;

/** Gives the credential for each security scheme an operation declares. */
export type AuthCallback = (auth: Auth) => AuthToken | Promise<AuthToken>;

/** A header value; `null` or `undefined` removes a header set by the client's defaults. */
export type HeaderValue = string | number | boolean | null | undefined;

/** Headers as a plain object (the generated operations spread them), a `Headers`, or name/value pairs. */
export type HeadersOption = Record<string, HeaderValue> | Headers | ReadonlyArray<readonly [string, string]>;

/** What a client's configuration may fix in its type (the generated `ClientOptions` names the base URLs). */
export interface ClientOptions {
  baseUrl?: string | undefined;
  throwOnError?: boolean | undefined;
}

/** The fetch options a client and a call may set besides method, headers and body. */
export type FetchOptions = Omit<RequestInit, 'body' | 'headers' | 'method' | 'signal' | 'window'>;

/** How a client is configured (`createClient(config)`, `client.setConfig(config)`), and what each call may override. */
export interface Config<T extends ClientOptions = ClientOptions> {
  /** The portal address, e.g. `https://yourportal.onlyoffice.com`; operation paths start with `/api/2.0/`. */
  baseUrl?: T['baseUrl'];
  /** `true`: a failed call rejects with its error instead of resolving to `{ error }`. Default `false`. */
  throwOnError?: T['throwOnError'];
  /** The `fetch` to send requests with, called as `fetch(url, init)`. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Headers sent with every request; a call's own headers win. */
  headers?: HeadersOption | undefined;
  /** The credential for each security scheme an operation declares: a function of the scheme, or one token. */
  auth?: AuthCallback | AuthToken;
  /** Cancels the call. */
  signal?: AbortSignal | null | undefined;
  /** Passed to `fetch` as they are: `credentials`, `cache`, `redirect`, `keepalive`, ... */
  fetchOptions?: FetchOptions | undefined;
  /**
   * What the request is, for reading an error answer that has no body: a 401 is `invalid_credentials` to a
   * `'sign-in'`, `invalid_code` to a `'second-factor'` step, and `session_expired` to a `'call'` (the default).
   */
  requestKind?: AnsweredRequest | undefined;
}

/** The HTTP methods a client has a function for. */
export type HttpMethod = 'DELETE' | 'GET' | 'HEAD' | 'OPTIONS' | 'PATCH' | 'POST' | 'PUT';

/**
 * What an operation hands to its client: the call's options plus what the generator knows about the operation.
 * (`TData`, the success body, only keeps the generator's generic parameters.)
 */
// biome-ignore lint/correctness/noUnusedVariables: the generated code passes it.
export interface RequestOptions<TData = unknown, ThrowOnError extends boolean = boolean, Url extends string = string>
  extends Config<{ baseUrl?: string | undefined; throwOnError: ThrowOnError }> {
  /** The request body: sent as JSON unless it already is a string, `Blob`, `FormData`, ... */
  body?: unknown;
  /** Path parameters, filled into `url` (`/api/2.0/authentication/{code}`). */
  path?: Record<string, unknown> | undefined;
  /** Query parameters; arrays repeat the name. */
  query?: Record<string, unknown> | undefined;
  /** The operation's security schemes, each offered to `auth`. */
  security?: ReadonlyArray<Auth> | undefined;
  /** Checks a success body; a body it rejects fails the call with `protocol`. */
  responseValidator?: ((data: unknown) => Promise<unknown>) | undefined;
  /** The operation's path, relative to `baseUrl`. */
  url: Url;
  method?: HttpMethod | undefined;
}

/** The shape of an operation's generated `*Data` type. */
export interface TDataShape {
  body?: unknown;
  headers?: unknown;
  path?: unknown;
  query?: unknown;
  url: string;
}

/**
 * Values passed through to nothing: add members by declaration merging to type the `meta` option of the generated
 * operations.
 */
// biome-ignore lint/suspicious/noEmptyInterface: a declaration-merging hook, empty until a user adds to it.
export interface ClientMeta {}

/** The options of a generated operation: its `*Data` (body, path, query) plus any call option. */
export type Options<
  TData extends TDataShape = TDataShape,
  ThrowOnError extends boolean = boolean,
  TResponse = unknown,
> = Omit<
  RequestOptions<TResponse, ThrowOnError>,
  'body' | 'path' | 'query' | 'url' | 'security' | 'responseValidator' | 'method'
> &
  ([TData] extends [never] ? unknown : Omit<TData, 'url'>);

/** The body of a success answer, from an operation's generated `*Responses` map. */
export type ResponseData<TResponses> =
  TResponses extends Record<string | number, unknown> ? TResponses[keyof TResponses] : TResponses;

/**
 * The error bodies an operation declares, from its generated `*Errors` map: every status's body type, except the
 * statuses the spec gives no body at all (typed `unknown` by the generator). Such an answer is a
 * {@link DocSpaceAuthError} instead.
 */
export type DeclaredErrorBody<TErrors> = {
  [Status in keyof TErrors]: unknown extends TErrors[Status] ? never : TErrors[Status];
}[keyof TErrors];

/**
 * What `error` of a failed call holds: a body the operation declares (the portal's error envelope, the
 * IP-restriction message, ...), or a {@link DocSpaceAuthError} for everything else (no answer, an empty error body,
 * a success body that breaks the spec, and every failure `@docspace/auth-helpers` adds).
 */
export type CallError<TErrors> = DeclaredErrorBody<TErrors> | DocSpaceAuthError;

/** A call that succeeded. */
export interface CallSuccess<TResponses> {
  data: ResponseData<TResponses>;
  error: undefined;
  /** The answer. */
  response: Response;
}

/** A call that failed. */
export interface CallFailure<TErrors> {
  data: undefined;
  error: CallError<TErrors>;
  /** The answer, when there was one. */
  response: Response | undefined;
}

/**
 * What a call resolves to: `{ data, response }` or `{ error, response }`. With `throwOnError`, only the first:
 * the call rejects with the error instead.
 */
export type RequestResult<TResponses = unknown, TErrors = unknown, ThrowOnError extends boolean = boolean> = Promise<
  ThrowOnError extends true ? CallSuccess<TResponses> : CallSuccess<TResponses> | CallFailure<TErrors>
>;

/** One HTTP method of a client. The generated operations call these. */
export type MethodFn = <TResponses = unknown, TErrors = unknown, ThrowOnError extends boolean = false>(
  options: Omit<RequestOptions<TResponses, ThrowOnError>, 'method'>,
) => RequestResult<TResponses, TErrors, ThrowOnError>;

/** A client: the configuration of one portal and the functions the generated operations send requests through. */
export interface Client {
  get: MethodFn;
  post: MethodFn;
  put: MethodFn;
  patch: MethodFn;
  delete: MethodFn;
  head: MethodFn;
  options: MethodFn;
  /** Sends one request: `options.method` (default GET) to `options.url`. */
  request<TResponses = unknown, TErrors = unknown, ThrowOnError extends boolean = false>(
    options: RequestOptions<TResponses, ThrowOnError>,
  ): RequestResult<TResponses, TErrors, ThrowOnError>;
  /** The URL a request with these options goes to. */
  buildUrl(options: Pick<RequestOptions, 'url' | 'path' | 'query' | 'baseUrl'>): string;
  /** A copy of the configuration. */
  getConfig(): Config;
  /** Changes the configuration (headers are merged, everything else replaced); returns a copy of the result. */
  setConfig(config: Config): Config;
}
