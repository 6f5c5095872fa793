// What `result.error` of an `auth.client` call holds: the error body the operation declares, when the portal sent
// one, or a DocSpaceAuthError for everything else (no answer, an empty error body, a 2xx body that breaks the
// spec), so that nothing a script must handle arrives as `{}`, a TypeError or a ValiError.
import { errorFromResult } from './error-from-response.js';
import { type DocSpaceAuthError, isDocSpaceAuthError } from './errors.js';

/**
 * The error bodies an operation declares, from its generated error map (`GetSelfProfileErrors`, ...): every
 * status's body type except those the spec gives no body at all, which the generator types `unknown` and which
 * would make the whole union `unknown`. Through `auth.client` such an empty answer is a DocSpaceAuthError instead.
 */
export type DeclaredErrorBody<TErrors> = {
  [Status in keyof TErrors]: unknown extends TErrors[Status] ? never : TErrors[Status];
}[keyof TErrors];

/**
 * What `result.error` of a call through `auth.client` holds, given the operation's generated error map: a body the
 * operation declares (the portal's error envelope, the IP-restriction text, a proxy's page) or a DocSpaceAuthError.
 *
 * The operation's own result types `error` as `unknown`, and rightly so for other clients: the generated function
 * cannot know which client made the call, and a client without `auth.client`'s error mapping (one made with
 * `createDocSpaceClient`, or attached with `auth.attach`) returns `{}` for an empty body and a `TypeError` or
 * `ValiError` for no or a malformed answer. So name the type where the call went through `auth.client`:
 *
 * @example
 * ```ts
 * const { data, error } = await getSelfProfile({ client: auth.client });
 * if (!data) throw error as AuthCallError<GetSelfProfileErrors>;
 * ```
 */
export type AuthCallError<TErrors> = DeclaredErrorBody<TErrors> | DocSpaceAuthError;

/** True for the error bodies the spec declares: a JSON envelope or value, or a proxy's or filter's text. */
function isDeclaredBody(error: unknown): boolean {
  if (typeof error === 'string') return error.trim() !== '';
  if (typeof error !== 'object' || error === null || error instanceof Error) return false;
  return Object.keys(error).length > 0; // hey-api reports an empty body as {}
}

/** The error interceptor of `auth.client`. */
export function callError(error: unknown, response: Response | undefined, now: number): unknown {
  if (isDocSpaceAuthError(error)) return error;
  if (response && !response.ok && isDeclaredBody(error)) return error;
  return errorFromResult({ error, response }, now);
}
