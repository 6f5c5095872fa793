// The second step of a sign-in, loaded when the portal asks for a second factor: the challenge (app code, SMS with
// resend, first-time app setup), the code from wherever it comes, and the credentials again with the code.
import { type AuthenticationTokenDto, authenticateMeFromBodyWithCode, sendSmsCode } from '@docspace/auth-client';
import { DocSpaceAuthError, isDocSpaceAuthError } from '@docspace/auth-client/errors';
import type { SecondFactorChallenge, SecondFactorKind, SmsChallenge } from './challenge.js';
import { confirmCookies } from './cookies.js';
import type { LoginContext, LoginInput, LoginOutcome } from './login-types.js';
import { parseExpires } from './session.js';
import { type ApiResult, dtoOf, KIND } from './sign-in-answer.js';
import { totpCode, totpUri } from './totp.js';

/** What step one left for step two. */
export interface FirstStep {
  /** The credentials as step one sent them. */
  body: { userName: string; password: string; session: boolean };
  /** Step one's answer: a second-factor request. */
  dto: AuthenticationTokenDto;
  first: ApiResult;
  /** The session from a token answer. */
  done: (result: AuthenticationTokenDto, secondFactor: LoginOutcome['secondFactor'], status?: number) => LoginOutcome;
}

/** Gets the code and sends it with the credentials again. Throws DocSpaceAuthError for every failure. */
export async function secondStep(context: LoginContext, input: LoginInput, step: FirstStep): Promise<LoginOutcome> {
  const { body, dto, first, done } = step;
  const { client } = context;
  const { signal } = input;
  const kind: SecondFactorKind = dto.sms ? 'sms' : dto.tfaKey ? 'totp-setup' : 'totp';
  context.onChallenge(kind);
  if (kind === 'sms' && !dto.phoneNoise) {
    throw new DocSpaceAuthError(
      'second_factor_required',
      'the portal requires SMS codes but the account has no confirmed phone number; set it up on the portal first',
    );
  }

  const base = { userName: body.userName, attempt: 1, ...(dto.confirmUrl ? { confirmUrl: dto.confirmUrl } : {}) };
  let challenge: SecondFactorChallenge;
  if (kind === 'sms') {
    const expires = parseExpires(dto.expires);
    const sms: SmsChallenge = {
      ...base,
      kind,
      phoneNoise: dto.phoneNoise as string, // checked above
      ...(expires ? { expires } : {}),
      async resend() {
        const sent = dtoOf(
          'resend',
          await sendSmsCode({ client, body, signal, requestKind: KIND.resend }),
          context.now(),
        );
        if (sent.phoneNoise) sms.phoneNoise = sent.phoneNoise;
        const renewed = parseExpires(sent.expires);
        if (renewed) sms.expires = renewed;
      },
    };
    challenge = sms;
  } else if (kind === 'totp-setup') {
    const tfaKey = dto.tfaKey as string; // the kind says it is there
    challenge = {
      ...base,
      kind,
      tfaKey,
      otpauthUri: await totpUri(tfaKey, body.userName, new URL(context.portal).hostname),
    };
  } else {
    challenge = { ...base, kind };
  }

  const cookie = confirmCookies(first.response);
  const attempts = Math.max(1, Math.floor(input.codeAttempts ?? 1));
  let final: AuthenticationTokenDto | undefined;
  let second: ApiResult | undefined;
  for (challenge.attempt = 1; final === undefined; challenge.attempt++) {
    const fromCallback = input.code === undefined && !((input.totpSecret ?? context.totpSecret) && kind !== 'sms');
    const code = (await obtainCode(context, input, challenge)).trim();
    second = await authenticateMeFromBodyWithCode({
      client,
      path: { code },
      body: { ...body, code },
      ...(cookie ? { headers: { Cookie: cookie } } : {}),
      signal,
      requestKind: KIND.code,
    });
    try {
      final = dtoOf('code', second, context.now());
    } catch (error) {
      if (!fromCallback || challenge.attempt >= attempts || !isDocSpaceAuthError(error, 'invalid_code')) throw error;
    }
  }
  if (!final.token) {
    throw new DocSpaceAuthError('protocol', 'the portal accepted the code but sent no token', {
      status: second?.response?.status,
    });
  }
  return done(final, kind, second?.response?.status);
}

async function obtainCode(context: LoginContext, input: LoginInput, challenge: SecondFactorChallenge): Promise<string> {
  if (input.code !== undefined) return input.code;
  const secret = input.totpSecret ?? context.totpSecret;
  if (secret && challenge.kind !== 'sms') return totpCode(secret, context.now());
  if (context.secondFactor) {
    const code: unknown = await context.secondFactor(challenge);
    if (typeof code !== 'string' || code.trim() === '') {
      throw new DocSpaceAuthError('invalid_input', 'the secondFactor callback must return a non-empty code');
    }
    return code;
  }
  const what =
    challenge.kind === 'sms'
      ? `a code sent by SMS to ${challenge.phoneNoise}`
      : challenge.kind === 'totp-setup'
        ? 'setting up an authenticator app first'
        : 'a code from the authenticator app';
  throw new DocSpaceAuthError(
    'second_factor_required',
    `the portal requires ${what}; pass \`code\`, \`totpSecret\` or a \`secondFactor\` callback`,
  );
}
