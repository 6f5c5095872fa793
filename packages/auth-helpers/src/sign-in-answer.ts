// Reading the answer of a sign-in step (the credentials, a new SMS, the code): its token DTO, or the typed error.
import type { AuthenticationTokenDto } from '@docspace/auth-client';
import {
  type DocSpaceAuthError,
  errorFromResponse,
  errorFromResult,
  isDocSpaceAuthError,
} from '@docspace/auth-client/errors';

export type Step = 'credentials' | 'code' | 'resend';

export interface ApiResult {
  data?: { response?: AuthenticationTokenDto } | undefined;
  error?: unknown;
  response?: Response | undefined;
}

/** What each step's answer is read as (the client maps an error answer without a body by it). */
export const KIND = { credentials: 'sign-in', resend: 'sign-in', code: 'second-factor' } as const;

/**
 * Turns an unsuccessful sign-in answer into a DocSpaceAuthError: the client's own error (no answer, no body, a body
 * that breaks the spec), or the portal's error body read as what the step was.
 */
function failure(step: Step, result: ApiResult, now: number): DocSpaceAuthError {
  if (isDocSpaceAuthError(result.error) || !result.response) return errorFromResult(result, now);
  return errorFromResponse(result.response, result.error, KIND[step], now);
}

/** The token DTO of a successful answer, or the error. */
export function dtoOf(step: Step, result: ApiResult, now: number): AuthenticationTokenDto {
  const dto = result.error === undefined ? result.data?.response : undefined;
  if (!dto) throw failure(step, result, now);
  return dto;
}
