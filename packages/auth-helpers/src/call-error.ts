// What `result.error` of an `auth.client` call holds: the error body the operation declares, when the portal sent
// one, or a DocSpaceAuthError for everything else (no answer, an empty error body, a 2xx body that breaks the
// spec), so that nothing a script must handle arrives as `{}`, a TypeError or a ValiError.
import { errorFromResult } from './error-from-response.js';
import { isDocSpaceAuthError } from './errors.js';

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
