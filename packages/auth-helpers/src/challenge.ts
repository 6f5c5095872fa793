/** Which second factor the portal asks for. `totp-setup`: the authenticator app is required but not set up yet. */
export type SecondFactorKind = 'totp' | 'totp-setup' | 'sms';

/** What every {@link SecondFactorChallenge} carries. */
export interface SecondFactorChallengeBase {
  /** The user the code is for. */
  userName: string;
  /** 1 for the first code asked; 2 and up after the portal refused the previous one (see `LoginInput.codeAttempts`). */
  attempt: number;
  /** The portal page where a person would finish this step, when the portal sent one. */
  confirmUrl?: string | undefined;
}

/** The authenticator app is set up: ask for the code it shows. */
export interface TotpChallenge extends SecondFactorChallengeBase {
  kind: 'totp';
}

/** The authenticator app is required but not set up yet: show the key (or its QR code), then ask for a code. */
export interface TotpSetupChallenge extends SecondFactorChallengeBase {
  kind: 'totp-setup';
  /**
   * The secret to enter into the authenticator app (16 Base32 characters). Treat it as a password: it is never
   * logged or put in an error by this SDK.
   */
  tfaKey: string;
  /** An `otpauth://` URI of `tfaKey`, for a QR code. */
  otpauthUri: string;
}

/** A code was sent by SMS. */
export interface SmsChallenge extends SecondFactorChallengeBase {
  kind: 'sms';
  /** The phone number with its middle digits masked, e.g. `+1555****0123`. */
  phoneNoise: string;
  /** When the sent code stops being valid, when the portal said. */
  expires?: Date | undefined;
  /** Asks the portal to send a new code (resolves once it is sent; updates `phoneNoise` and `expires`). */
  resend(): Promise<void>;
}

/**
 * What the `secondFactor` callback is given when the portal asks for a code: one shape per `kind`, so that
 * `tfaKey` exists only on `totp-setup` and `phoneNoise` and `resend()` only on `sms`.
 *
 * @example
 * ```ts
 * if (challenge.kind === 'sms') await challenge.resend();
 * else if (challenge.kind === 'totp-setup') showQrCode(challenge.otpauthUri);
 * ```
 */
export type SecondFactorChallenge = TotpChallenge | TotpSetupChallenge | SmsChallenge;
