// Limits on what a portal may send: the size of an answer, of its headers, and the form of a token. An answer past a
// limit is refused with a typed error before it is buffered; a token that breaks them is never stored or sent.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import { MAX_TOKEN_LENGTH, tokenProblem } from './token-form.js';

/** Limits of `createDocSpaceAuth({ limits })`. */
export interface Limits {
  /** Largest answer body read, in bytes (counted as it streams in). Default 1 MiB. */
  maxResponseBytes: number;
  /** Largest headers of an answer (names and values together), in bytes. Default 64 KiB. */
  maxHeaderBytes: number;
  /** Longest token accepted from a portal or a store, in characters. Default 4096. */
  maxTokenLength: number;
}

export const defaultLimits: Limits = {
  maxResponseBytes: 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  maxTokenLength: MAX_TOKEN_LENGTH,
};

/** Throws `protocol` when the portal's token is unusable; the message never holds the token. */
export function checkToken(token: unknown, maxLength: number, status: number | undefined): asserts token is string {
  const problem = tokenProblem(token, maxLength);
  if (problem)
    throw new DocSpaceAuthError('protocol', `the portal sent a token this SDK refuses: ${problem}`, { status });
}

/** Reads the `limits` option: each value a positive number, else the default. */
export function resolveLimits(limits: Partial<Limits> | undefined): Limits {
  const resolved = { ...defaultLimits };
  for (const key of Object.keys(defaultLimits) as (keyof Limits)[]) {
    const value = limits?.[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0)) {
      throw new DocSpaceAuthError('invalid_input', `limits.${key} must be a positive number`);
    }
    resolved[key] = value;
  }
  return resolved;
}
