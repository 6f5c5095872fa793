// The two-step sign-in: credentials first; when the portal asks for a second factor, a code and the
// credentials again. Exactly one request without a second factor, exactly two with one.
import {
  type AuthenticationTokenDto,
  authenticateMe,
  authenticateMeFromBodyWithCode,
  type Client,
  sendSmsCode,
} from '@docspace/auth-client';
import type { SecondFactorChallenge, SecondFactorKind, SmsChallenge } from './challenge.js';
import { confirmCookies } from './cookies.js';
import { DocSpaceAuthError, errorFromResponse, isDocSpaceAuthError } from '@docspace/auth-client/errors';
import { checkToken } from './limits.js';
import { makeSession, parseExpires, type Session } from './session.js';
import { totpCode, totpUri } from './totp.js';

/** What `auth.login()` and the `credentials()` callback provide. */
export interface LoginInput {
  userName: string;
  password: string;
  /** The second-factor code, when already known (it is used once, for this sign-in). */
  code?: string | undefined;
  /** A Base32 authenticator-app secret to compute the code from (overrides the `totpSecret` option). */
  totpSecret?: string | undefined;
  /**
   * Ask for a browser-session token (`session: true` on the wire): the portal then reports no expiry.
   * Default `false`.
   */
  session?: boolean | undefined;
  /** Cancels the sign-in, including any wait between retries. */
  signal?: AbortSignal | undefined;
  /**
   * How many codes the `secondFactor` callback may offer when the portal refuses one (`invalid_code`): it is called
   * again with `challenge.attempt` counting up, without signing in again (so no new SMS is sent). Default 1.
   */
  codeAttempts?: number | undefined;
}

export interface LoginContext {
  client: Client;
  portal: string;
  now: () => number;
  totpSecret: string | undefined;
  secondFactor: ((challenge: SecondFactorChallenge) => string | Promise<string>) | undefined;
  onChallenge: (kind: SecondFactorKind) => void;
  /** Longest token accepted (`limits.maxTokenLength`). */
  maxTokenLength: number;
}

export interface LoginOutcome {
  session: Session;
  secondFactor: SecondFactorKind | 'none';
}

type Step = 'credentials' | 'code' | 'resend';

interface ApiResult {
  data?: { response?: AuthenticationTokenDto } | undefined;
  error?: unknown;
  response?: Response | undefined;
}

/** What each step's answer is read as (the client maps an error answer without a body by it). */
const KIND = { credentials: 'sign-in', resend: 'sign-in', code: 'second-factor' } as const;

/**
 * Turns an unsuccessful sign-in answer into a DocSpaceAuthError: the client's own error (no answer, no body, a body
 * that breaks the spec), or the portal's error body read as what the step was.
 */
function failure(step: Step, result: ApiResult, now: number): DocSpaceAuthError {
  if (isDocSpaceAuthError(result.error)) return result.error;
  if (!result.response) {
    return new DocSpaceAuthError('network', 'the portal could not be reached', { cause: result.error });
  }
  return errorFromResponse(result.response, result.error, KIND[step], now);
}

/** The token DTO of a successful answer, or the error. */
function dtoOf(step: Step, result: ApiResult, now: number): AuthenticationTokenDto {
  const dto = result.error === undefined ? result.data?.response : undefined;
  if (!dto) throw failure(step, result, now);
  return dto;
}

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
