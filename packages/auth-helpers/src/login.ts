// The two-step sign-in: credentials first; when the portal asks for a second factor, a code and the
// credentials again (second-factor.ts, loaded only then). Exactly one request without a second factor, exactly two
// with one.
import { type AuthenticationTokenDto, authenticateMe } from '@docspace/auth-client';
import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import { checkToken } from './limits.js';
import type { LoginContext, LoginInput, LoginOutcome } from './login-types.js';
import { makeSession, parseExpires } from './session.js';
import { dtoOf, KIND } from './sign-in-answer.js';

function checkInput(input: LoginInput): void {
  if (typeof input?.userName !== 'string' || input.userName.trim() === '') {
    throw new DocSpaceAuthError('invalid_input', 'userName must be a non-empty string');
  }
  if (typeof input.password !== 'string' || input.password === '') {
    throw new DocSpaceAuthError('invalid_input', 'password must be a non-empty string');
  }
  if (input.code !== undefined && (typeof input.code !== 'string' || input.code.trim() === '')) {
    throw new DocSpaceAuthError('invalid_input', 'code, when given, must be a non-empty string');
  }
}

/** Runs the sign-in. Throws DocSpaceAuthError for every failure. */
export async function signIn(context: LoginContext, input: LoginInput): Promise<LoginOutcome> {
  checkInput(input);
  const { client, signal } = { client: context.client, signal: input.signal };
  const body = { userName: input.userName.trim(), password: input.password, session: input.session ?? false };

  const first = await authenticateMe({ client, body, signal, requestKind: KIND.credentials });
  const dto = dtoOf('credentials', first, context.now());
  const done = (
    result: AuthenticationTokenDto,
    secondFactor: LoginOutcome['secondFactor'],
    status?: number,
  ): LoginOutcome => {
    // A token that is too long or could not travel in a header or cookie is refused here, never stored.
    checkToken(result.token, context.maxTokenLength, status);
    return {
      session: makeSession({
        token: result.token,
        expires: parseExpires(result.expires),
        userName: body.userName,
        portal: context.portal,
      }),
      secondFactor,
    };
  };
  if (dto.token) return done(dto, 'none', first.response?.status);
  if (!dto.tfa && !dto.sms) {
    throw new DocSpaceAuthError('protocol', 'the portal answered with neither a token nor a second-factor request', {
      status: first.response?.status,
    });
  }

  return (await import('./second-factor.js')).secondStep(context, input, { body, dto, first, done });
}
