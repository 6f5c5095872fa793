import { ok, type RequestContext, type Reply } from '../context.js';
import { tokenDto } from '../dto.js';
import { ApiError, Messages, ZERO_DATE } from '../envelope.js';
import { AUTH_WITH_CODE_REQUEST, bindModel, type AuthRequest } from '../model.js';
import { generateBackupCodes, type UserRecord } from '../user-record.js';
import { requireActiveUser, resolveCredentials } from './credentials.js';
import { signIn } from './login.js';
import { phoneNoise } from './sms.js';
import { verifyTotp } from './totp.js';

/** A failed code check; its message is the server's inner one, which the answer hides behind a generic 401. */
class CodeRejected extends Error {}

function checkAppCode(ctx: RequestContext, user: UserRecord, code: string): 'enrolled-now' | 'ok' {
  const factor = user.secondFactor;
  if (factor.type !== 'app') throw new CodeRejected('authenticator app not enabled');
  if (code.trim() === '') throw new CodeRejected(Messages.emptyCode);
  const state = ctx.state;
  if (state.tfaAttempts.increment(user.id) > state.settings.bruteForce.attemptCount) {
    throw new CodeRejected(Messages.tooManyMessages);
  }
  if (!verifyTotp(factor.secret, code, state.clock.now())) {
    const backup = factor.backupCodes?.find((c) => !c.used && c.code === code.trim());
    if (!backup) throw new CodeRejected(Messages.incorrectCode);
    backup.used = true;
  }
  state.tfaAttempts.decrement(user.id);
  if (factor.backupCodes === null) {
    // The first accepted code enrols the app: backup codes now exist and tfaKey is no longer offered.
    factor.backupCodes = generateBackupCodes(state.random);
    return 'enrolled-now';
  }
  return 'ok';
}

function checkSmsCode(ctx: RequestContext, user: UserRecord, code: string): void {
  switch (ctx.state.sms.check(user.phone ?? '', code)) {
    case 'ok':
      user.phoneActivated = true;
      return;
    case 'too-many':
      throw new CodeRejected(Messages.tooManyMessages);
    case 'timeout':
      throw new CodeRejected(Messages.smsTimeout);
    default:
      throw new CodeRejected(Messages.incorrectCode);
  }
}

/**
 * `POST /api/2.0/authentication/{code}`. The code is read from the body (`code`); the path value is
 * ignored, as on the server. The credentials are resolved again (brute-force rules apply), then the
 * SMS or authenticator code is checked; every failure of that check is 401.
 */
export function authenticateWithCode(ctx: RequestContext): Reply {
  const dto = bindModel<AuthRequest>(ctx.body, AUTH_WITH_CODE_REQUEST);
  const user = requireActiveUser(resolveCredentials(ctx, dto));
  const code = dto.code ?? '';
  try {
    if (user.secondFactor.type === 'sms') {
      checkSmsCode(ctx, user, code);
      const { token, expires } = signIn(ctx, user, dto.session);
      return ok(ctx, tokenDto({ token, expires, sms: true, phoneNoise: phoneNoise(user.phone ?? '') }));
    }
    if (user.secondFactor.type === 'app') {
      if (checkAppCode(ctx, user, code) === 'enrolled-now') {
        const { token, expires } = signIn(ctx, user, dto.session);
        return ok(ctx, tokenDto({ token, expires, tfa: true }));
      }
      // For an enrolled user the server signs in twice: the code check starts a login event and sets its
      // cookie (a browser-session cookie when `session` is true: TfaManager passes it on), then the action
      // discards that token and signs in again with default settings. So two asc_auth_key cookies go out,
      // the second always persistent, and the second token is the one returned.
      signIn(ctx, user, dto.session);
      const second = signIn(ctx, user, false);
      return ok(ctx, tokenDto({ token: second.token, expires: dto.session ? ZERO_DATE : second.expires, tfa: true }));
    }
    throw new CodeRejected('Auth code is not available');
  } catch (error) {
    if (error instanceof CodeRejected) throw new ApiError(401, Messages.authenticationFailed);
    throw error;
  }
}
